import {
  DossiersModule,
  DossiersService,
  type HtmlToPdf,
  EscalationsService,
  QuestionnaireService,
  type DefenderInput,
  type DetentionEventInput,
  type EscalationContent,
  type SourceIdentity,
} from '@witness/domain';
import { ConflictError, IncompleteError } from '@witness/platform';
import { content, EVENTS, PROFILE, SOURCE } from '../support/dossier-case';
import { startServices, type ServiceTier } from '../support/service';

/**
 * What the WGAD requires before a dossier is generated, drawn from the record and the
 * questionnaire, per person for a group: the check lists what is missing in words, and a
 * request for a dossier is refused while something required is missing (unless
 * acknowledged, when the dossier is kept marked incomplete).
 */
describe('dossier completeness (service tier)', () => {
  let t: ServiceTier;
  let questionnaire: QuestionnaireService;
  let dossiers: DossiersService;
  let escalations: EscalationsService;

  beforeAll(async () => {
    t = await startServices({ imports: [DossiersModule] });
    questionnaire = t.get(QuestionnaireService);
    dossiers = t.get(DossiersService);
    escalations = t.get(EscalationsService);
  });
  afterAll(() => t?.close());

  /** A case with every fact the WGAD asks for, and the un_submission consent. */
  const completeCase = async (profile: Partial<DefenderInput> = {}) => {
    const d = await t.make.defender({ ...(PROFILE as Partial<DefenderInput>), ...profile });
    for (const { type, occurredOn, ...extra } of EVENTS as DetentionEventInput[])
      await t.make.event(d.id, type, occurredOn, extra);
    await t.make.consent(d.id, 'un_submission', {
      givenBy: 'family_member',
      decidedOn: '2026-05-01',
    });
    return d.id;
  };
  const wgad = (defenderIds: string[], extra: { content?: EscalationContent } = {}) =>
    t.make.escalation(defenderIds, {
      content: content(defenderIds[0]) as EscalationContent,
      sourceIdentity: SOURCE as SourceIdentity,
      ...extra,
    });
  const dossierRows = async (escalationId: string) =>
    (
      await t.db.query(`SELECT count(*)::int AS n FROM dossiers WHERE escalation_id = $1`, [
        escalationId,
      ])
    )[0].n as number;

  it('finds nothing missing in a complete record', async () => {
    const e = await wgad([await completeCase()]);
    expect(await questionnaire.completeness(e.id, 'submission', t.actors.viewer)).toMatchObject({
      reference: e.reference,
      kind: 'wgad_regular',
      edition: 'submission',
      complete: true,
      missing: [],
      warnings: [],
    });
  });

  it('names what is missing in words; the public edition asks for less', async () => {
    const { summary: _s, ...noSummary } = content('x');
    const e = await wgad([await completeCase()], {
      content: { ...noSummary, identityDocuments: [] } as EscalationContent,
    });
    expect(
      await questionnaire.completeness(e.id, 'submission', t.actors.coordinator),
    ).toMatchObject({ complete: false, missing: ['a concise summary of the case'], warnings: [] });
    expect(await questionnaire.completeness(e.id, 'public', t.actors.coordinator)).toMatchObject({
      complete: true,
      missing: [],
    });
  });

  it('checks a person-scoped requirement for each person of a group', async () => {
    const full = await completeCase();
    const bare = (await t.make.defender({ fullName: 'Second Person', country: 'EG' })).id;
    await t.make.consent(bare, 'un_submission');
    const e = await wgad([full, bare]);
    const view = await questionnaire.completeness(e.id, 'submission', t.actors.coordinator);
    expect(view.complete).toBe(false);
    const missingOf = (id: string) =>
      view.items.filter((i) => !i.met && i.level === 'required' && i.defenderId === id);
    expect(missingOf(full)).toEqual([]);
    expect(missingOf(bare).map((i) => i.requirement)).toEqual(
      expect.arrayContaining([
        'familyName',
        'givenNames',
        'nationality',
        'arrestDate',
        'arrestPlace',
      ]),
    );
  });

  it('a revoked consent is missing from the check, and refuses a submission dossier first (409)', async () => {
    const id = await completeCase();
    const e = await wgad([id]);
    await t.make.consent(id, 'un_submission', { decision: 'revoked' });
    const view = await questionnaire.completeness(e.id, 'submission', t.actors.coordinator);
    expect(view).toMatchObject({
      complete: false,
      missing: ['consent to the submission (person, family, lawyer or organisation)'],
    });
    await expect(
      dossiers.request(
        e.id,
        { language: 'en', format: 'html', edition: 'submission', acknowledgeIncomplete: true },
        t.actors.coordinator,
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await dossierRows(e.id)).toBe(0);
  });

  it('refuses a dossier with something required missing (listing it), unless acknowledged', async () => {
    const e = await wgad([await completeCase()]);
    const { summary: _s, ...rest } = e.content;
    const changed = await escalations.update(
      e.id,
      { content: rest },
      e.version,
      t.actors.coordinator,
    );
    const err = await dossiers
      .request(
        e.id,
        { language: 'en', format: 'html', edition: 'submission' },
        t.actors.coordinator,
      )
      .catch((x: unknown) => x);
    expect(err).toBeInstanceOf(IncompleteError);
    expect(err).toMatchObject({
      code: 'incomplete',
      extra: { missing: [expect.objectContaining({ requirement: 'summary' })] },
    });
    expect(await dossierRows(e.id)).toBe(0);

    const acknowledged = await dossiers.request(
      e.id,
      { language: 'en', format: 'html', edition: 'submission', acknowledgeIncomplete: true },
      t.actors.coordinator,
    );
    expect(acknowledged).toMatchObject({ versionNo: 1, incomplete: true, state: 'queued' });
    const outbox = await t.db.query(`SELECT payload FROM outbox WHERE payload->>'dossierId' = $1`, [
      acknowledged.id,
    ]);
    expect(outbox).toHaveLength(1);

    await escalations.update(
      e.id,
      { content: { ...rest, summary: 'Restored summary.' } },
      changed.version,
      t.actors.coordinator,
    );
    const complete = await dossiers.request(
      e.id,
      { language: 'en', format: 'html', edition: 'submission' },
      t.actors.coordinator,
    );
    expect(complete).toMatchObject({ versionNo: 2, incomplete: false });
  });

  it('warns of a summary over the word limit without blocking', async () => {
    const id = await completeCase();
    const long = Array.from({ length: 301 }, (_, i) => `word${i}`).join(' ');
    const e = await wgad([id], { content: { ...content(id), summary: long } as EscalationContent });
    expect(
      await questionnaire.completeness(e.id, 'submission', t.actors.coordinator),
    ).toMatchObject({
      complete: true,
      summaryWords: 301,
      summaryWordLimit: 300,
      warnings: ['a summary within the word limit (301/300)'],
    });
  });

  // Consent withdrawn takes effect at once (DOMAIN.md): a submission dossier requested while
  // the un_submission consent was in force is not made once it is revoked.
  it(
    'does not render a submission dossier once its un_submission consent is revoked',
    async () => {
      const id = await completeCase();
      const e = await wgad([id]);
      const requested = await dossiers.request(
        e.id,
        { language: 'en', format: 'html', edition: 'submission' },
        t.actors.coordinator,
      );
      await t.make.consent(id, 'un_submission', { decision: 'revoked' });
      const noPdf: HtmlToPdf = {
        render: () => Promise.reject(new Error('an html dossier needs no pdf')),
      };
      await dossiers.render(requested.id, noPdf, true);
      const after = await dossiers.get(requested.id, t.actors.coordinator);
      expect(after.state).toBe('failed');
      expect(after.failureReason).toMatch(/consent to a UN submission was withdrawn/);
    },
  );
});
