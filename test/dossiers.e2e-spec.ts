import { createHash } from 'node:crypto';
import { DossiersService } from '@witness/domain';
import { extractPdfText } from '@witness/platform/pdf/pdf-text';
import { PdfRenderer, QueueName, redisOptions } from '@witness/platform';
import { Queue } from 'bullmq';
import { startApi, type RequestOptions, type TestApi, type TestResponse } from './support/api';
import { createStaff, type TestUser } from './support/users';
import { startWorker, type TestWorker } from './support/worker';

/**
 * Dossiers end to end: the api commits the request with an outbox row (nothing else), the
 * worker's relay enqueues it, the real DossiersProcessor renders it (HTML, or PDF through the
 * system Chromium), and the download carries its type, name and SHA-256. Covers the three
 * languages, the public edition's omissions, the consent gate, escaping, exactly-one version
 * per request, versions, and staleness.
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
  stale?: boolean;
}

interface Download {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  bytes: Buffer;
}

/** The visible text of an HTML document, entities decoded and whitespace collapsed. */
function htmlText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Whitespace (PDF line breaks, narrow no-break spaces) collapsed to one space. */
const squash = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

const HEADINGS = {
  en: ['I. Identity', 'II. Arrest', 'III. Detention', 'Consent and confidentiality'],
  fr: ['I. Identité', 'II. Arrestation', 'III. Détention', 'Consentement et confidentialité'],
  es: ['I. Identidad', 'II. Arresto', 'III. Detención', 'Consentimiento y confidencialidad'],
} as const;

const ARREST_DATE = { en: '18 March 2024', fr: '18 mars 2024', es: '18 de marzo de 2024' };

/** A phrase of the WGAD's own wording of category II, per language. */
const CATEGORY_II = {
  en: 'results from the exercise of the rights or freedoms guaranteed by articles 7, 13, 14, 18, 19, 20 and 21 of the Universal Declaration of Human Rights',
  fr: 'résulte de l’exercice de droits ou de libertés garantis par les articles 7, 13, 14, 18, 19, 20 et 21 de la Déclaration universelle des droits de l’homme',
  es: 'resulta del ejercicio de los derechos o libertades garantizados por los artículos 7, 13, 14, 18, 19, 20 y 21 de la Declaración Universal de Derechos Humanos',
};

const LEGAL_BASIS = 'Article 86 bis of the Penal Code (terrorism)';

/** Values that must never leave the organisation in a public edition. */
const SENSITIVE = {
  contactName: 'Youssef Lawyer-Contact',
  contactPhone: '+20 100 555 0199',
  contactEmail: 'youssef.private@example.org',
  confidentialNote: 'Held in wing 4 per a guard — do not publish',
  sourceName: 'Nadia Source-Identity',
  sourceContact: 'nadia.source@example.org',
  idNumber: 'A77-PASSPORT-9912',
  confidentiality: 'Do not disclose the names of the witnesses to the government.',
};

describe('dossiers', () => {
  let api: TestApi;
  let worker: TestWorker | undefined;
  let staff: Staff;
  let relay: { relay: (batch?: number, requeueAfterMs?: number) => Promise<number> };
  let queue: Queue;
  let amina: { id: string; version: number };
  let escalationId: string;

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

  const request = (
    user: TestUser,
    body: { language: string; format: string; edition: string },
    id = escalationId,
  ) => as(user, { method: 'POST', url: `/api/v1/escalations/${id}/dossiers`, body });

  const requestOk = async (
    body: { language: string; format: string; edition: string },
    id = escalationId,
  ): Promise<DossierView> => {
    const res = await request(staff.coordinator, body, id);
    if (res.status !== 202) throw new Error(`dossier request: ${res.status} ${res.text}`);
    expect(res.body).toMatchObject({ ...body, state: 'queued', escalationId: id, sha256: null });
    return res.body as DossierView;
  };

  const getDossier = async (id: string, user: TestUser = staff.coordinator) => {
    const res = await as(user, { method: 'GET', url: `/api/v1/dossiers/${id}` });
    expect(res.status).toBe(200);
    return res.body as DossierView;
  };

  /** Relay the outbox, then poll until each dossier is ready (bounded). */
  const renderAll = async (ids: string[], timeoutMs = 30_000): Promise<DossierView[]> => {
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

  const mkDefender = async (body: Record<string, unknown>) => {
    const res = await as(staff.coordinator, { method: 'POST', url: '/api/v1/defenders', body });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, version: res.body.version as number };
  };

  const consent = async (defenderId: string, purpose: string) => {
    const res = await as(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${defenderId}/consents`,
      body: {
        purpose,
        decision: 'given',
        givenBy: 'defender',
        method: 'written',
        decidedOn: '2026-05-01',
      },
    });
    expect(res.status).toBe(201);
  };

  const mkEscalation = async (defenderIds: string[], extra: Record<string, unknown> = {}) => {
    const res = await as(staff.coordinator, {
      method: 'POST',
      url: '/api/v1/escalations',
      body: { defenderIds, mechanism: 'wgad', kind: 'wgad_regular', ...extra },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z' });
    staff = await createStaff(api);
    queue = new Queue(QueueName.Dossiers, {
      prefix: api.queuePrefix,
      connection: redisOptions(REDIS_URL),
    });
    amina = await mkDefender({
      fullName: 'Amina Haddad',
      country: 'EG',
      nationality: 'EG',
      sex: 'female',
      birthDate: '1988-04-12',
      profession: 'Journalist',
      hrdFocus: ['journalist'],
      contacts: [
        {
          name: SENSITIVE.contactName,
          relation: 'lawyer',
          phone: SENSITIVE.contactPhone,
          email: SENSITIVE.contactEmail,
        },
      ],
      confidentialNotes: SENSITIVE.confidentialNote,
    });
    const arrest = await as(staff.coordinator, {
      method: 'POST',
      url: `/api/v1/defenders/${amina.id}/events`,
      body: {
        type: 'arrest',
        occurredOn: '2024-03-18',
        place: 'Cairo',
        authority: 'National Security Agency',
        legalBasis: LEGAL_BASIS,
      },
    });
    expect(arrest.status).toBe(201);
    amina.version = (
      await as(staff.coordinator, { method: 'GET', url: `/api/v1/defenders/${amina.id}` })
    ).body.version as number;
    escalationId = await mkEscalation([amina.id], {
      unReference: 'WGAD/EGY/2026/7',
      content: {
        identityDocument: {
          type: 'Passport',
          issuedBy: 'Arab Republic of Egypt',
          issuedOn: '2019-01-10',
          number: SENSITIVE.idNumber,
        },
        arrest: {
          date: '2024-03-18',
          place: 'Her home in Cairo',
          forces: 'National Security Agency officers',
          warrantShown: false,
          authority: null,
          reasons: 'Publishing false news',
          legalBasis: LEGAL_BASIS,
        },
        circumstances: 'She was arrested after reporting on the trial of protesters.',
        categories: [{ category: 'II', argument: 'She was detained for her journalism.' }],
        domesticRemedies: [
          { step: 'Appeal against pre-trial detention', date: '2024-05-02', result: 'Rejected' },
        ],
        confidentiality: SENSITIVE.confidentiality,
      },
      sourceIdentity: {
        name: SENSITIVE.sourceName,
        organisation: null,
        contact: SENSITIVE.sourceContact,
      },
    });
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await worker?.close();
    await api?.close();
  });

  it('a submission dossier needs the un_submission consent (409 naming it)', async () => {
    const refused = await request(staff.coordinator, {
      language: 'en',
      format: 'html',
      edition: 'submission',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/un_submission/);
    // Nothing was queued for it.
    expect((await api.db.query(`SELECT count(*)::int AS n FROM dossiers`))[0].n).toBe(0);
    expect(
      (await api.db.query(`SELECT count(*)::int AS n FROM outbox WHERE queue = 'dossiers'`))[0].n,
    ).toBe(0);
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
    await consent(amina.id, 'un_submission');
  });

  it('the api only commits an outbox row: nothing is enqueued until the relay runs, then it renders', async () => {
    // No worker is running yet, and the api never talks to the queue for this.
    const d = await requestOk({ language: 'en', format: 'html', edition: 'submission' });
    expect(d.versionNo).toBe(1);
    const rows = await api.db.query<
      { queue: string; name: string; payload: unknown; enqueued_at: Date | null }[]
    >(`SELECT queue, name, payload, enqueued_at FROM outbox WHERE job_id = $1`, [
      `dossier-${d.id}`,
    ]);
    expect(rows).toEqual([
      { queue: 'dossiers', name: 'render', payload: { dossierId: d.id }, enqueued_at: null },
    ]);
    expect(await queue.getJob(`dossier-${d.id}`)).toBeUndefined();
    const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'delayed', 'failed');
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect((await getDossier(d.id)).state).toBe('queued');

    const [ready] = await renderAll([d.id]);
    expect(ready).toMatchObject({ state: 'ready', templateVersion: expect.any(String) });
    expect(ready.sha256).toMatch(/^[0-9a-f]{64}$/);
    const done = await api.db.query(`SELECT done_at FROM outbox WHERE job_id = $1`, [
      `dossier-${d.id}`,
    ]);
    expect(done[0].done_at).not.toBeNull();
  });

  it('renders en, fr and es with their headings, key facts, type, file name and SHA-256', async () => {
    const langs = ['en', 'fr', 'es'] as const;
    const requested = [];
    for (const language of langs)
      requested.push(await requestOk({ language, format: 'html', edition: 'submission' }));
    const ready = await renderAll(requested.map((d) => d.id));
    for (const [i, language] of langs.entries()) {
      const file = await download(ready[i].id);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('text/html; charset=utf-8');
      const disposition = String(file.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="[^"]+\.html"$/);
      expect(disposition).toContain('wgad_regular');
      expect(disposition).toContain(`-${language}-`);
      expect(disposition).toContain('submission');
      expect(file.headers['x-content-sha256']).toBe(sha256(file.bytes));
      expect(file.headers['x-content-sha256']).toBe(ready[i].sha256);
      expect(ready[i].sizeBytes).toBe(file.bytes.length);

      const html = file.bytes.toString('utf8');
      expect(html).toMatch(new RegExp(`<html lang="${language}"`));
      const text = squash(htmlText(html));
      for (const h of HEADINGS[language]) expect(text).toContain(h);
      expect(text).toContain('Amina Haddad');
      expect(text).toContain(ARREST_DATE[language]);
      expect(text).toContain(LEGAL_BASIS);
      expect(text).toContain(squash(CATEGORY_II[language]));
      expect(text).toContain('She was detained for her journalism.');
      expect(text).toContain('WGAD/EGY/2026/7');
      // The country, by its code or its name in the dossier's language.
      const countryName = new Intl.DisplayNames([language], { type: 'region' }).of('EG')!;
      expect(text.includes(countryName) || /\bEG\b/.test(text)).toBe(true);
      // The submission edition is marked confidential and carries what the UN needs.
      expect(text).toContain(
        { en: 'CONFIDENTIAL', fr: 'CONFIDENTIEL', es: 'CONFIDENCIAL' }[language],
      );
      expect(text).toContain(SENSITIVE.sourceName);
      expect(text).toContain(SENSITIVE.idNumber);
    }
    // The other languages are not English underneath.
    const fr = htmlText((await download(ready[1].id)).bytes.toString('utf8'));
    expect(fr).not.toContain('II. Arrest ');
  });

  it('versions increment per request and the list shows them newest first', async () => {
    const list = await as(staff.viewer, {
      method: 'GET',
      url: `/api/v1/escalations/${escalationId}/dossiers`,
    });
    expect(list.status).toBe(200);
    const versions = (list.body as DossierView[]).map((d) => d.versionNo);
    expect(versions).toEqual([4, 3, 2, 1]);
  });

  it('a PDF dossier is a PDF whose text has the name, the headings and the facts', async () => {
    const d = await requestOk({ language: 'fr', format: 'pdf', edition: 'submission' });
    const [ready] = await renderAll([d.id], 40_000);
    const file = await download(ready.id);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toMatch(/wgad_regular-.*-fr-.*\.pdf"$/);
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file.headers['x-content-sha256']).toBe(sha256(file.bytes));
    const text = squash(await extractPdfText(file.bytes));
    expect(text).toContain('Amina Haddad');
    for (const h of HEADINGS.fr) expect(text).toContain(h);
    expect(text).toContain(ARREST_DATE.fr);
    expect(text).toContain(LEGAL_BASIS);
  }, 45_000);

  it('a job run twice makes one version with one SHA-256', async () => {
    await ensureWorker();
    const dossiers = worker!.app.get(DossiersService);
    const pdf = worker!.app.get(PdfRenderer);
    const count = async () =>
      (await api.db.query(`SELECT count(*)::int AS n FROM dossiers`))[0].n as number;
    const before = await count();

    // Relayed twice: one job (its deterministic id), one version.
    const d = await requestOk({ language: 'es', format: 'html', edition: 'submission' });
    await relay.relay();
    await relay.relay(500, 0); // even asked to re-enqueue at once, the job id holds
    const [first] = await renderAll([d.id]);
    // The job delivered again (a retry after a crash past the commit): nothing changes.
    expect(await dossiers.render(d.id, pdf, true)).toBe('skipped');
    expect(await dossiers.render(d.id, pdf, false)).toBe('skipped');
    const again = await getDossier(d.id);
    expect(again).toMatchObject({
      state: 'ready',
      sha256: first.sha256,
      versionNo: first.versionNo,
    });
    expect(await count()).toBe(before + 1);

    // Delivered twice at once (a stalled job retried while the first run still renders).
    const e = await requestOk({ language: 'en', format: 'html', edition: 'public' });
    const outcomes = await Promise.all([
      dossiers.render(e.id, pdf, true),
      dossiers.render(e.id, pdf, true),
    ]);
    expect(outcomes.sort()).toEqual(['ready', 'skipped']);
    const once = await getDossier(e.id);
    expect(once.state).toBe('ready');
    // Its outbox message was marked done with the effect: the relay has nothing left to send.
    const row = await api.db.query(`SELECT done_at FROM outbox WHERE job_id = $1`, [
      `dossier-${e.id}`,
    ]);
    expect(row[0].done_at).not.toBeNull();
    await relay.relay();
    expect(await queue.getJob(`dossier-${e.id}`)).toBeUndefined();

    // A crash mid-render (left 'rendering') is finished by the retry, once.
    const f = await requestOk({ language: 'fr', format: 'html', edition: 'public' });
    await api.db.query(`UPDATE dossiers SET state = 'rendering' WHERE id = $1`, [f.id]);
    expect(await dossiers.render(f.id, pdf, false)).toBe('ready');
    expect(await dossiers.render(f.id, pdf, false)).toBe('skipped');
    expect((await getDossier(f.id)).state).toBe('ready');
    expect(await count()).toBe(before + 3);
    // Each request was its own version.
    expect([d.versionNo, e.versionNo, f.versionNo]).toEqual([
      d.versionNo,
      d.versionNo + 1,
      d.versionNo + 2,
    ]);
  });

  it('the public edition carries no sensitive value and names no one without public_profile consent', async () => {
    const check = async (language: 'en' | 'fr', named: boolean) => {
      const d = await requestOk({ language, format: 'html', edition: 'public' });
      const [ready] = await renderAll([d.id]);
      const file = await download(ready.id);
      expect(String(file.headers['content-disposition'])).toContain('public');
      const html = file.bytes.toString('utf8');
      const text = htmlText(html);
      for (const value of Object.values(SENSITIVE)) {
        expect(html).not.toContain(value);
        expect(text).not.toContain(value);
      }
      // Not even the pieces of them.
      expect(text).not.toContain('Youssef');
      expect(text).not.toContain('Nadia');
      expect(text).not.toContain('wing 4');
      if (named) expect(text).toContain('Amina Haddad');
      else {
        expect(text).not.toContain('Amina');
        expect(text).not.toContain('Haddad');
        expect(text).not.toContain('1988'); // nor her birth date, which identifies her too
      }
      expect(text).not.toContain({ en: 'CONFIDENTIAL', fr: 'CONFIDENTIEL' }[language]);
      // What the public may know is still there.
      expect(text).toContain(ARREST_DATE[language]);
      expect(text).toContain(LEGAL_BASIS);
      return ready;
    };
    await check('en', false);
    await check('fr', false);
    await consent(amina.id, 'public_profile');
    await check('en', true);
  });

  it("a viewer may read a public dossier but not download a submission's sensitive content", async () => {
    const list = (
      await as(staff.viewer, {
        method: 'GET',
        url: `/api/v1/escalations/${escalationId}/dossiers`,
      })
    ).body as DossierView[];
    const pub = list.find((d) => d.edition === 'public' && d.state === 'ready')!;
    const sub = list.find((d) => d.edition === 'submission' && d.state === 'ready')!;
    expect((await download(pub.id, staff.viewer)).status).toBe(200);
    const refused = await download(sub.id, staff.viewer);
    expect(refused.status).toBe(403);
    expect(refused.bytes.toString('utf8')).not.toContain(SENSITIVE.sourceName);
    // Staff who see sensitive fields may, and the download is audited.
    expect((await download(sub.id, staff.caseworker)).status).toBe(200);
    const audited = await api.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'dossier.download' AND entity_id = $1`,
      [sub.id],
    );
    expect(audited[0].n).toBeGreaterThanOrEqual(1);
  });

  it('escapes HTML: a name like <img src=x onerror=alert(1)> comes out as text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const x = await mkDefender({
      fullName: evil,
      country: 'EG',
      profession: '<script>alert(2)</script>',
    });
    const id = await mkEscalation([x.id], {
      content: {
        circumstances: '</p><script>alert(3)</script>',
        categories: [{ category: 'I', argument: '"><svg onload=alert(4)>' }],
      },
    });
    // Without any consent: no submission dossier, but a public edition may be made.
    const html = { language: 'en', format: 'html' };
    const gated = await request(staff.coordinator, { ...html, edition: 'submission' }, id);
    expect(gated.status).toBe(409);
    expect(gated.body.detail).toMatch(/un_submission/);
    expect((await request(staff.coordinator, { ...html, edition: 'public' }, id)).status).toBe(202);
    await consent(x.id, 'un_submission');
    const d = await requestOk({ language: 'en', format: 'html', edition: 'submission' }, id);
    const [ready] = await renderAll([d.id]);
    const page = (await download(ready.id)).bytes.toString('utf8');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<svg');
    expect(page).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(htmlText(page)).toContain(evil);
    expect(htmlText(page)).toContain('<script>alert(2)</script>');
  });

  it('editing the defender after a dossier makes it stale', async () => {
    const d = await requestOk({ language: 'en', format: 'html', edition: 'submission' });
    const [ready] = await renderAll([d.id]);
    expect(ready.stale).toBe(false);
    const current = await as(staff.coordinator, {
      method: 'GET',
      url: `/api/v1/defenders/${amina.id}`,
    });
    const patched = await as(staff.coordinator, {
      method: 'PATCH',
      url: `/api/v1/defenders/${amina.id}`,
      body: { profession: 'Investigative journalist' },
      headers: { 'if-match': String(current.headers.etag) },
    });
    expect(patched.status).toBe(200);
    expect((await getDossier(d.id)).stale).toBe(true);
    expect((await getDossier(d.id, staff.viewer)).stale).toBe(true);
    // The escalation view says so too.
    const esc = await as(staff.coordinator, {
      method: 'GET',
      url: `/api/v1/escalations/${d.escalationId}`,
    });
    expect(esc.body.latestDossier).toMatchObject({ id: d.id, state: 'ready', stale: true });
    // A new version is made from the changed record and is not stale.
    const next = await requestOk({ language: 'en', format: 'html', edition: 'submission' });
    expect(next.versionNo).toBe(d.versionNo + 1);
    const [fresh] = await renderAll([next.id]);
    expect(fresh.stale).toBe(false);
    const text = htmlText((await download(fresh.id)).bytes.toString('utf8'));
    expect(text).toContain('Investigative journalist');
  });
});
