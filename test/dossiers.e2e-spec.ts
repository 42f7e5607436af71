import { createHash } from 'node:crypto';
import { allocateEscalationReference, DossiersService } from '@witness/domain';
import { englishWordsIn } from '@witness/domain/dossiers/testing/english-words';
import { htmlText } from '@witness/domain/dossiers/testing/html-text';
import { extractPdfText } from '@witness/platform/pdf/pdf-text';
import { PdfRenderer, QueueName, redisOptions } from '@witness/platform';
import { Queue } from 'bullmq';
import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import {
  factsBySection,
  notKnown,
  openCompleteEscalation,
  PROFILE,
  recordCompleteCase,
  sectionsOf,
  SENSITIVE,
  squash,
  type Language,
} from './support/dossier-case';
import { createStaff, type TestUser } from './support/users';
import { startWorker, type TestWorker } from './support/worker';

/**
 * Dossiers end to end: a case recorded through the api (profile, timeline, consent,
 * escalation) becomes a WGAD questionnaire in English, French and Spanish whose every answer
 * is drawn from the record and found, in the PDF's own text (pdftotext), in its section; a
 * complete record leaves nothing "Not known" and the French and Spanish editions no English.
 * The api commits the request with an outbox row (nothing else), the worker's relay enqueues
 * it, the real DossiersProcessor renders it (PDF through the system Chromium). Also: the
 * consent gate and the completeness 422 with its acknowledgement, references and file names
 * that do not move, the public edition's omissions, escaping, exactly one version per request,
 * and staleness.
 */

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type Staff = Record<'admin' | 'coordinator' | 'caseworker' | 'viewer', TestUser>;

interface DossierView {
  id: string;
  escalationId: string;
  versionNo: number;
  language: string;
  format: string;
  edition: string;
  state: string;
  failureReason: string | null;
  sha256: string | null;
  sizeBytes: number | null;
  templateVersion: string | null;
  fileName: string;
  incomplete: boolean;
  stale?: boolean;
}

interface Download {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  bytes: Buffer;
}

describe('dossiers', () => {
  let api: TestApi;
  let worker: TestWorker | undefined;
  let staff: Staff;
  let relay: { relay: (batch?: number, requeueAfterMs?: number) => Promise<number> };
  let queue: Queue;
  let amina: string;
  let escalation: { id: string; reference: string };

  async function as(user: TestUser, o: RequestOptions): Promise<TestResponse> {
    return user.request(o);
  }

  /** The real worker (in-process): started after the api has written its first outbox row. */
  async function ensureWorker(): Promise<TestWorker> {
    if (!worker) {
      worker = await startWorker({
        dbUrl: api.dbUrl,
        queuePrefix: api.queuePrefix,
        clock: api.clock,
        // Only the test relays: the recurring relay stays an hour away.
        env: { OUTBOX_RELAY_SECONDS: '3600' },
      });
      const { OutboxRelay } = await import('../apps/worker/src/processors/outbox-relay.service');
      relay = worker.app.get(OutboxRelay);
    }
    return worker;
  }

  type Ask = { language: string; format: string; edition: string; acknowledgeIncomplete?: boolean };
  const request = (user: TestUser, body: Ask, id = escalation.id) =>
    as(user, { method: 'POST', url: `/api/v1/escalations/${id}/dossiers`, body });

  const requestOk = async (body: Ask, id = escalation.id): Promise<DossierView> => {
    const res = await request(staff.coordinator, body, id);
    if (res.status !== 202) throw new Error(`dossier request: ${res.status} ${res.text}`);
    expect(res.body).toMatchObject({ state: 'queued', escalationId: id, sha256: null });
    return res.body as DossierView;
  };

  const getDossier = async (id: string, user: TestUser = staff.coordinator) => {
    const res = await as(user, { method: 'GET', url: `/api/v1/dossiers/${id}` });
    expect(res.status).toBe(200);
    return res.body as DossierView;
  };

  /** Relay the outbox, then poll until each dossier is ready (bounded). */
  const renderAll = async (ids: string[], timeoutMs = 40_000): Promise<DossierView[]> => {
    await ensureWorker();
    await relay.relay();
    const end = Date.now() + timeoutMs;
    const out: DossierView[] = [];
    for (const id of ids) {
      for (;;) {
        const d = await getDossier(id);
        if (d.state === 'ready') {
          out.push(d);
          break;
        }
        if (d.state === 'failed') throw new Error(`dossier ${id} failed: ${d.failureReason}`);
        if (Date.now() > end)
          throw new Error(`dossier ${id} still ${d.state} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return out;
  };

  const download = async (id: string, user: TestUser = staff.coordinator): Promise<Download> => {
    const res = await api.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${id}/content`,
      headers: { authorization: `Bearer ${user.token}` },
    });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
  };

  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  const escalationVersion = async (id = escalation.id) =>
    Number(
      (await as(staff.coordinator, { method: 'GET', url: `/api/v1/escalations/${id}` })).body
        .version,
    );

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z' });
    staff = await createStaff(api);
    queue = new Queue(QueueName.Dossiers, {
      prefix: api.queuePrefix,
      connection: redisOptions(REDIS_URL),
    });
    // The consent comes later: the first test sees the gate.
    amina = await recordCompleteCase(staff.caseworker.request, PROFILE, { consent: false });
    escalation = await openCompleteEscalation(staff.coordinator.request, amina);
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await api?.close();
  });

  it('gives each escalation a human reference, WIT-YYYY-NNNN, gap-free in its year', async () => {
    expect(escalation.reference).toBe('WIT-2026-0001');
    const refs = await Promise.all(
      Array.from({ length: 5 }, () =>
        as(staff.coordinator, {
          method: 'POST',
          url: '/api/v1/escalations',
          body: { defenderIds: [amina], mechanism: 'wgad', kind: 'wgad_urgent_action' },
        }),
      ),
    );
    expect(refs.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(refs.map((r) => r.body.reference as string).sort()).toEqual([
      'WIT-2026-0002',
      'WIT-2026-0003',
      'WIT-2026-0004',
      'WIT-2026-0005',
      'WIT-2026-0006',
    ]);
    // A creation that fails takes no number.
    const refused = await as(staff.coordinator, {
      method: 'POST',
      url: '/api/v1/escalations',
      body: {
        defenderIds: [amina],
        mechanism: 'wgad',
        kind: 'wgad_regular',
        ownerId: staff.viewer.id,
      },
    });
    expect(refused.status).toBe(400);
    // Each year has its own counter, starting at 1; a transaction that rolls back gives its
    // number back (no gap).
    expect(await api.db.transaction((tx) => allocateEscalationReference(tx, 2027))).toBe(
      'WIT-2027-0001',
    );
    await api.db
      .transaction(async (tx) => {
        expect(await allocateEscalationReference(tx, 2027)).toBe('WIT-2027-0002');
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await api.db.transaction((tx) => allocateEscalationReference(tx, 2027))).toBe(
      'WIT-2027-0002',
    );
    const back = await as(staff.coordinator, {
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds: [amina], mechanism: 'wgad', kind: 'wgad_urgent_action' },
    });
    expect(back.body.reference).toBe('WIT-2026-0007');
  });

  it('a submission dossier needs the un_submission consent (409), then a complete record (422)', async () => {
    const refused = await request(staff.coordinator, {
      language: 'en',
      format: 'html',
      edition: 'submission',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/un_submission/);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM dossiers`))[0].n).toBe(0);
    // Validation and roles.
    const bad = await request(staff.coordinator, { language: 'de', format: 'docx', edition: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'edition',
      'format',
      'language',
    ]);
    expect(
      (await request(staff.viewer, { language: 'en', format: 'html', edition: 'public' })).status,
    ).toBe(403);
    // Consent recorded: now the record itself is checked.
    const consent = await as(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${amina}/consents`,
      body: {
        purpose: 'un_submission',
        decision: 'given',
        givenBy: 'family_member',
        method: 'written',
        decidedOn: '2026-05-01',
      },
    });
    expect(consent.status).toBe(201);
    // Without a summary the WGAD's form is incomplete: 422 naming it, nothing queued.
    const version = await escalationVersion();
    const { summary: _s, ...rest } = (
      await as(staff.coordinator, { method: 'GET', url: `/api/v1/escalations/${escalation.id}` })
    ).body.content;
    const patched = await as(staff.coordinator, {
      method: 'PATCH',
      url: `/api/v1/escalations/${escalation.id}`,
      body: { content: rest },
      headers: { 'if-match': `"${version}"` },
    });
    expect(patched.status).toBe(200);
    const completeness = await as(staff.viewer, {
      method: 'GET',
      url: `/api/v1/escalations/${escalation.id}/completeness`,
    });
    expect(completeness.status).toBe(200);
    expect(completeness.body).toMatchObject({
      reference: 'WIT-2026-0001',
      kind: 'wgad_regular',
      edition: 'submission',
      complete: false,
      missing: ['a concise summary of the case'],
      warnings: [],
    });
    const incomplete = await request(staff.coordinator, {
      language: 'en',
      format: 'html',
      edition: 'submission',
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(incomplete.body.missing).toEqual([
      expect.objectContaining({ requirement: 'summary', label: 'a concise summary of the case' }),
    ]);
    expect(incomplete.body.detail).toMatch(/a concise summary of the case/);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM dossiers`))[0].n).toBe(0);
    // The public edition's list is smaller: no summary needed there.
    const pub = await as(staff.coordinator, {
      method: 'GET',
      url: `/api/v1/escalations/${escalation.id}/completeness?edition=public`,
    });
    expect(pub.body).toMatchObject({ complete: true, missing: [] });
    // Acknowledged: made, and kept marked incomplete; the audit trail says what was missing.
    const acknowledged = await requestOk({
      language: 'en',
      format: 'html',
      edition: 'submission',
      acknowledgeIncomplete: true,
    });
    expect(acknowledged).toMatchObject({ versionNo: 1, incomplete: true });
    const audit = await api.db.query(
      `SELECT changes FROM audit_events WHERE action = 'dossier.request' AND entity_id = $1`,
      [acknowledged.id],
    );
    expect(JSON.stringify(audit[0].changes)).toContain('a concise summary of the case');
    // The summary back: complete.
    const restored = await as(staff.coordinator, {
      method: 'PATCH',
      url: `/api/v1/escalations/${escalation.id}`,
      body: { content: { ...rest, summary: 'Amina Haddad, sahafiyya, mahtujaza mundhu 2024.' } },
      headers: { 'if-match': `"${await escalationVersion()}"` },
    });
    expect(restored.status).toBe(200);
    expect(
      (
        await as(staff.coordinator, {
          method: 'GET',
          url: `/api/v1/escalations/${escalation.id}/completeness`,
        })
      ).body,
    ).toMatchObject({ complete: true, missing: [], warnings: [] });
  });

  it('the api only commits an outbox row: nothing is enqueued until the relay runs, then it renders', async () => {
    const d = await requestOk({ language: 'en', format: 'html', edition: 'submission' });
    expect(d).toMatchObject({ versionNo: 2, incomplete: false });
    const rows = await api.db.query<
      { queue: string; name: string; payload: unknown; enqueued_at: Date | null }[]
    >(`SELECT queue, name, payload, enqueued_at FROM outbox WHERE job_id = $1`, [
      `dossier-${d.id}`,
    ]);
    expect(rows).toEqual([
      { queue: 'dossiers', name: 'render', payload: { dossierId: d.id }, enqueued_at: null },
    ]);
    expect(await queue.getJob(`dossier-${d.id}`)).toBeUndefined();
    expect((await getDossier(d.id)).state).toBe('queued');
    const [ready] = await renderAll([d.id]);
    expect(ready.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<Language>(['en', 'fr', 'es'])(
    'the %s PDF has every fact of the record in its section, nothing "Not known", a stable file name',
    async (language) => {
      const d = await requestOk({ language, format: 'pdf', edition: 'submission' });
      expect(d.fileName).toBe(`WIT-2026-0001-wgad-${language}-v${d.versionNo}.pdf`);
      const [ready] = await renderAll([d.id], 60_000);
      const file = await download(ready.id);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(String(file.headers['content-disposition'])).toContain(`filename="${d.fileName}"`);
      expect(file.headers['x-content-sha256']).toBe(sha256(file.bytes));
      const text = await extractPdfText(file.bytes, 20_000, { raw: true });
      const sections = sectionsOf(text, language);
      factsBySection(language).forEach((facts, i) => {
        for (const fact of facts) {
          // Line breaks in a PDF's table cells fall anywhere: compared without spaces.
          const found = sections[i + 1].replace(/\s/g, '').includes(fact.replace(/\s/g, ''));
          expect({ section: i + 1, fact, found }).toEqual({
            section: i + 1,
            fact,
            found: true,
          });
        }
      });
      const flat = squash(text);
      expect(flat).not.toContain(notKnown(language));
      // Our reference and the version on the pages' header.
      expect(flat.match(/WIT-2026-0001/g)!.length).toBeGreaterThanOrEqual(2);
      if (language === 'en') {
        expect(flat).toContain(
          'Consent to this submission was given by a family member, in writing, on 1 May 2026.',
        );
      } else {
        expect(englishWordsIn(flat, language)).toEqual([]);
      }
      if (language === 'fr') {
        // French typography: a (narrow no-break) space before ":" (pdftotext gives it as a
        // plain space; the HTML keeps U+202F, see the renderer's tests).
        expect(text).toMatch(/Notre référence[\s\u202f]: WIT-2026-0001/);
        expect(text).not.toMatch(/[^\s\u202f]: /);
        expect(text).toContain('1er mai 2024');
      }
    },
    90_000,
  );

  it('overrides an answer, prints it, keeps who and when, and returns it to the record', async () => {
    const url = `/api/v1/escalations/${escalation.id}/answers/arrest.place`;
    const v = await escalationVersion();
    // Only coordinators and admins, with the version, a known field and a fitting value.
    expect(
      (
        await as(staff.caseworker, {
          method: 'PUT',
          url,
          body: { value: 'x' },
          headers: { 'if-match': `"${v}"` },
        })
      ).status,
    ).toBe(403);
    expect((await as(staff.coordinator, { method: 'PUT', url, body: { value: 'x' } })).status).toBe(
      428,
    );
    expect(
      (
        await as(staff.coordinator, {
          method: 'PUT',
          url,
          body: { value: 'x' },
          headers: { 'if-match': `"${v - 1}"` },
        })
      ).status,
    ).toBe(412);
    const bad = async (u: string, body: unknown, field: string) => {
      const res = await as(staff.coordinator, {
        method: 'PUT',
        url: u,
        body,
        headers: { 'if-match': `"${v}"` },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad(url, { value: '   ' }, 'value');
    await bad(url, {}, 'value');
    await bad(url.replace('arrest.place', 'arrest.date'), { value: '2024-02-30' }, 'value');
    await bad(url.replace('arrest.place', 'arrest.warrantShown'), { value: 'no' }, 'value');
    await bad(url.replace('arrest.place', 'identity.address'), { value: 'x' }, 'field');
    await bad(url.replace('arrest.place', 'no.such'), { value: 'x' }, 'field');
    await bad(
      url.replace('arrest.place', 'remedies.steps'),
      { value: 'x', defenderId: amina },
      'defenderId',
    );

    const put = await as(staff.coordinator, {
      method: 'PUT',
      url,
      body: { value: 'Maqha al-Nil, Dokki' },
      headers: { 'if-match': `"${v}"` },
    });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe(`"${v + 1}"`);
    const answers = await as(staff.viewer, {
      method: 'GET',
      url: `/api/v1/escalations/${escalation.id}/answers`,
    });
    expect(answers.status).toBe(200);
    const II = answers.body.sections.find((s: { id: string }) => s.id === 'II');
    const place = II.answers.find((a: { field: string }) => a.field === 'arrest.place');
    expect(place).toMatchObject({
      defenderId: amina,
      label: '2. Place of arrest (as detailed as possible)',
      origin: 'record',
      overrideType: 'text',
      drawn: 'Rue Tahrir 14, Dokki',
      value: 'Maqha al-Nil, Dokki',
      override: {
        value: 'Maqha al-Nil, Dokki',
        by: staff.coordinator.id,
        at: '2026-06-15T10:00:00.000Z',
      },
    });
    // The viewer does not read the address.
    const I = answers.body.sections.find((s: { id: string }) => s.id === 'I');
    expect(
      I.answers.find((a: { field: string }) => a.field === 'identity.address').value,
    ).toBeNull();
    expect(JSON.stringify(answers.body)).not.toContain('Nadia');

    const d = await requestOk({ language: 'en', format: 'html', edition: 'submission' });
    const [ready] = await renderAll([d.id]);
    const html = htmlText((await download(ready.id)).bytes.toString('utf8'));
    expect(html).toContain('Maqha al-Nil, Dokki');

    const back = await as(staff.coordinator, {
      method: 'DELETE',
      url,
      headers: { 'if-match': `"${v + 1}"` },
    });
    expect(back.status).toBe(200);
    expect(
      (
        await as(staff.coordinator, {
          method: 'DELETE',
          url,
          headers: { 'if-match': `"${v + 2}"` },
        })
      ).status,
    ).toBe(409);
    const audit = await api.db.query(
      `SELECT action, actor_id, changes FROM audit_events
        WHERE entity_id = $1 AND action LIKE 'escalation.answer%' ORDER BY at, id`,
      [escalation.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'escalation.answer_override',
      'escalation.answer_return',
    ]);
    expect(audit[0].actor_id).toBe(staff.coordinator.id);
    expect(audit[0].changes.value).toEqual({ from: null, to: 'Maqha al-Nil, Dokki' });
    expect(audit[1].changes.value).toEqual({ from: 'Maqha al-Nil, Dokki', to: null });
    // The dossier made before keeps its file; a new one says the record again, and is stale no more.
    expect((await getDossier(ready.id)).stale).toBe(true);
    const again = await requestOk({ language: 'en', format: 'html', edition: 'submission' });
    const [fresh] = await renderAll([again.id]);
    const text = htmlText((await download(fresh.id)).bytes.toString('utf8'));
    expect(text).toContain('Rue Tahrir 14, Dokki');
    expect(text).not.toContain('Maqha al-Nil');
  });

  it('file names are fixed when requested: the escalation changing later renames nothing', async () => {
    const list = (
      await as(staff.viewer, {
        method: 'GET',
        url: `/api/v1/escalations/${escalation.id}/dossiers`,
      })
    ).body as DossierView[];
    expect(list.map((d) => d.versionNo)).toEqual(
      [...Array(list.length).keys()].map((i) => list.length - i),
    );
    const first = list[list.length - 1];
    const v = await escalationVersion();
    const patched = await as(staff.coordinator, {
      method: 'PATCH',
      url: `/api/v1/escalations/${escalation.id}`,
      body: { unReference: 'WGAD/EGY/2026/7' },
      headers: { 'if-match': `"${v}"` },
    });
    expect(patched.status).toBe(200);
    expect((await getDossier(first.id)).fileName).toBe(first.fileName);
    const file = await download(list[0].id);
    expect(String(file.headers['content-disposition'])).toContain(`filename="${list[0].fileName}"`);
    // The next version carries the UN's reference beside ours, on every page.
    const d = await requestOk({ language: 'fr', format: 'html', edition: 'public' });
    expect(d.fileName).toBe(`WIT-2026-0001-wgad-fr-v${d.versionNo}-public.html`);
    const [ready] = await renderAll([d.id]);
    const html = (await download(ready.id)).bytes.toString('utf8');
    expect(htmlText(html.split('<tbody>')[0])).toContain('WGAD/EGY/2026/7');
  });

  it('a job run twice makes one version with one SHA-256', async () => {
    await ensureWorker();
    const dossiers = worker!.app.get(DossiersService);
    const pdf = worker!.app.get(PdfRenderer);
    const d = await requestOk({ language: 'es', format: 'html', edition: 'submission' });
    await relay.relay();
    await relay.relay(500, 0);
    const [first] = await renderAll([d.id]);
    expect(await dossiers.render(d.id, pdf, true)).toBe('skipped');
    expect(await getDossier(d.id)).toMatchObject({ state: 'ready', sha256: first.sha256 });
    const e = await requestOk({ language: 'en', format: 'html', edition: 'public' });
    const outcomes = await Promise.all([
      dossiers.render(e.id, pdf, true),
      dossiers.render(e.id, pdf, true),
    ]);
    expect(outcomes.sort()).toEqual(['ready', 'skipped']);
  });

  it('the public edition carries no sensitive value and names no one without public_profile consent', async () => {
    const check = async (language: 'en' | 'fr', named: boolean) => {
      const d = await requestOk({ language, format: 'html', edition: 'public' });
      const [ready] = await renderAll([d.id]);
      const file = await download(ready.id);
      const html = file.bytes.toString('utf8');
      const text = htmlText(html);
      for (const value of SENSITIVE) {
        expect(html).not.toContain(value);
        expect(text).not.toContain(value);
      }
      expect(text).not.toContain(notKnown(language));
      if (named) expect(text).toContain('Amina Haddad');
      else {
        expect(text).not.toContain('Amina');
        expect(text).not.toContain('Haddad');
        expect(text).not.toContain('1988');
        expect(text).not.toContain('Shabakat Huriyyat al-Sahafa');
      }
      expect(text).toContain({ en: '18 March 2024', fr: '18 mars 2024' }[language]);
      expect(text).toContain('Qanun 94/2015, madda 12');
    };
    await check('en', false);
    await check('fr', false);
    const consent = await as(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${amina}/consents`,
      body: {
        purpose: 'public_profile',
        decision: 'given',
        givenBy: 'defender',
        method: 'written',
        decidedOn: '2026-05-01',
      },
    });
    expect(consent.status).toBe(201);
    await check('en', true);
  });

  it("a viewer may read a public dossier but not download a submission's sensitive content", async () => {
    const list = (
      await as(staff.viewer, {
        method: 'GET',
        url: `/api/v1/escalations/${escalation.id}/dossiers`,
      })
    ).body as DossierView[];
    const pub = list.find((d) => d.edition === 'public' && d.state === 'ready')!;
    const sub = list.find((d) => d.edition === 'submission' && d.state === 'ready')!;
    expect((await download(pub.id, staff.viewer)).status).toBe(200);
    const refused = await download(sub.id, staff.viewer);
    expect(refused.status).toBe(403);
    expect(refused.bytes.toString('utf8')).not.toContain('Nadia');
    expect((await download(sub.id, staff.caseworker)).status).toBe(200);
  });

  it('escapes HTML: a name like <img src=x onerror=alert(1)> comes out as text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const x = await as(staff.coordinator, {
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: evil, country: 'EG', profession: '<script>alert(2)</script>' },
    });
    const e = await as(staff.coordinator, {
      method: 'POST',
      url: '/api/v1/escalations',
      body: {
        defenderIds: [x.body.id],
        mechanism: 'wgad',
        kind: 'wgad_regular',
        content: {
          circumstances: '</p><script>alert(3)</script>',
          categories: [{ category: 'I', argument: '"><svg onload=alert(4)>' }],
        },
      },
    });
    const d = await requestOk(
      { language: 'en', format: 'html', edition: 'public', acknowledgeIncomplete: true },
      e.body.id,
    );
    const [ready] = await renderAll([d.id]);
    const page = (await download(ready.id)).bytes.toString('utf8');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<svg');
  });

  it('editing the defender after a dossier makes it stale; the next is drawn from the change', async () => {
    const d = await requestOk({ language: 'en', format: 'html', edition: 'submission' });
    const [ready] = await renderAll([d.id]);
    expect(ready.stale).toBe(false);
    const current = await as(staff.coordinator, {
      method: 'GET',
      url: `/api/v1/defenders/${amina}`,
    });
    const patched = await as(staff.coordinator, {
      method: 'PATCH',
      url: `/api/v1/defenders/${amina}`,
      body: { profession: 'Sahafiyya istiqsa’iyya' },
      headers: { 'if-match': String(current.headers.etag) },
    });
    expect(patched.status).toBe(200);
    expect((await getDossier(d.id)).stale).toBe(true);
    const esc = await as(staff.coordinator, {
      method: 'GET',
      url: `/api/v1/escalations/${escalation.id}`,
    });
    expect(esc.body.latestDossier).toMatchObject({ id: d.id, stale: true });
    // A new timeline event is a fact of the next dossier too.
    const event = await as(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${amina}/events`,
      body: { type: 'transfer', occurredOn: '2026-06-01', place: 'Sijn Wadi al-Natrun' },
    });
    expect(event.status).toBe(201);
    const next = await requestOk({ language: 'en', format: 'html', edition: 'submission' });
    const [fresh] = await renderAll([next.id]);
    expect(fresh.stale).toBe(false);
    const text = htmlText((await download(fresh.id)).bytes.toString('utf8'));
    expect(text).toContain('Sahafiyya istiqsa’iyya');
    expect(text).toContain(
      '1 June 2026: transferred to Sijn Wadi al-Natrun (present place of detention)',
    );
  });
});
