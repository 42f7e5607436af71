import ICAL from 'ical.js';
import { listeningUrl, startupWarnings, validateEnv } from '@witness/platform';
import { startApi, type TestApi } from './support/api';
import { readable, startSmtp, type Mail } from './support/smtp';
import { createStaff, createUser, type TestUser } from './support/users';
import { startWorker, type TestWorker } from './support/worker';

/**
 * PUBLIC_BASE_URL unset: links follow the address the api listens on. With PORT=3100 the
 * calendar feed and reminder emails point at :3100, not at a hard-wired :3000.
 */
describe('PUBLIC_BASE_URL defaults to the address the api listens on', () => {
  const BASE = 'http://localhost:3100';
  const DAY = 24 * 3600 * 1000;
  let api: TestApi;
  let worker: TestWorker;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const mails: Mail[] = [];
  let coordinator: TestUser;
  let caseworker: TestUser;

  beforeAll(async () => {
    delete process.env.PUBLIC_BASE_URL;
    smtp = await startSmtp(mails);
    const env = {
      PORT: '3100',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Witness <alerts@witness.test>',
    };
    api = await startApi({ env, now: '2026-06-15T10:00:00Z' });
    worker = await startWorker({
      dbUrl: api.dbUrl,
      queuePrefix: api.queuePrefix,
      clock: api.clock,
      env,
    });
    const staff = await createStaff(api);
    coordinator = staff.coordinator;
    caseworker = await createUser(api, 'caseworker', 'Port Caseworker');
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  it('puts :3100 in the calendar feed and in reminder emails', async () => {
    const defender = await coordinator.request({
      method: 'POST',
      url: '/api/v1/defenders',
      body: { fullName: 'Amina Haddad', country: 'EG' },
    });
    expect(defender.status).toBe(201);
    const due = api.clock.now().getTime() + 3 * DAY;
    const milestone = await coordinator.request({
      method: 'POST',
      url: '/api/v1/milestones',
      body: {
        defenderId: defender.body.id,
        kind: 'custom',
        title: 'Call the lawyer',
        dueAt: new Date(due).toISOString(),
        remindBefore: ['P1D'],
        assigneeIds: [caseworker.id],
      },
    });
    expect(milestone.status).toBe(201);

    const feed = await caseworker.request({ method: 'POST', url: '/api/v1/me/calendar-feed' });
    expect(feed.status).toBe(201);
    expect(feed.body.url).toMatch(new RegExp(`^${BASE}/api/v1/calendar-feeds/[\\w-]+\\.ics$`));
    const ics = await api.request({
      method: 'GET',
      url: (feed.body.url as string).slice(BASE.length),
      anonymous: true,
    });
    expect(ics.status).toBe(200);
    const urls = new ICAL.Component(ICAL.parse(ics.text))
      .getAllSubcomponents('vevent')
      .map((e) => e.getFirstPropertyValue('url'));
    expect(urls).toContain(`${BASE}/app/milestones/${milestone.body.id}`);
    expect(ics.text).not.toContain('localhost:3000');

    api.clock.set(new Date(due - DAY + 60_000));
    await worker.tick();
    await worker.drain();
    const email = mails.filter((m) => m.to.includes(caseworker.email));
    expect(email).toHaveLength(1);
    expect(readable(email[0].raw)).toContain(`${BASE}/defenders/${defender.body.id}`);
    expect(readable(email[0].raw)).not.toContain('localhost:3000');
  });

  it('names HOST when it is an address, localhost when it is a wildcard', () => {
    expect(validateEnv({ PORT: '3100' }).PUBLIC_BASE_URL).toBe('http://localhost:3100');
    expect(validateEnv({}).PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(listeningUrl({ HOST: '127.0.0.1', PORT: 8080 })).toBe('http://127.0.0.1:8080');
    expect(listeningUrl({ HOST: '::1', PORT: 3000 })).toBe('http://[::1]:3000');
    expect(listeningUrl({ HOST: '::', PORT: 80 })).toBe('http://localhost');
    const set = validateEnv({ PORT: '3100', PUBLIC_BASE_URL: 'https://witness.example.org' });
    expect(set.PUBLIC_BASE_URL).toBe('https://witness.example.org');
  });

  it('warns at start when it is unset in production, and only then', () => {
    const keys = {
      WITNESS_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      AUDIT_HMAC_KEYS: `a1:${Buffer.alloc(32, 2).toString('base64')}`,
    };
    const prod = { ...keys, NODE_ENV: 'production', PORT: '3100' };
    const [warning, ...more] = startupWarnings(validateEnv(prod), prod);
    expect(more).toEqual([]);
    expect(warning).toMatch(/PUBLIC_BASE_URL is unset.*http:\/\/localhost:3100/);
    const prodSet = { ...prod, PUBLIC_BASE_URL: 'https://witness.example.org' };
    expect(startupWarnings(validateEnv(prodSet), prodSet)).toEqual([]);
    const dev = { PORT: '3100' };
    expect(startupWarnings(validateEnv(dev), dev)).toEqual([]);
  });
});
