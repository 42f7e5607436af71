import { createHash } from 'node:crypto';
import { totpAt } from '@witness/domain';
import { startApi, type TestApi, type TestResponse } from './support/api';
import { createUser, TEST_PASSWORD, type TestUser } from './support/users';

const LOGIN = '/api/v1/auth/login';
const ME = '/api/v1/auth/me';
const USERS = '/api/v1/users';

/**
 * Sign-in, sessions and the second factor, through the real routes. This file runs with the
 * production default AUTH_REQUIRE_MFA=true: admins and coordinators enrol a TOTP factor
 * before they can do anything else (caseworkers and viewers may, but need not).
 */
describe('auth: sign-in, sessions, MFA, users admin', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z', env: { AUTH_REQUIRE_MFA: 'true' } });
  });
  afterAll(() => api.close());

  const login = (email: string, password: string, totp?: string): Promise<TestResponse> =>
    api.request({
      method: 'POST',
      url: LOGIN,
      body: { email, password, ...(totp === undefined ? {} : { totp }) },
    });

  const bearer = (token: string) => (o: Parameters<TestApi['request']>[0]) =>
    api.request({ ...o, headers: { authorization: `Bearer ${token}`, ...(o.headers ?? {}) } });

  const me = (token: string) => bearer(token)({ method: 'GET', url: ME });

  /** A 6-digit code that is valid for none of the steps the server accepts now. */
  const wrongCode = (secret: string): string => {
    const now = api.clock.now().getTime();
    const valid = [-30_000, 0, 30_000].map((d) => totpAt(secret, new Date(now + d)));
    return ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c)) as string;
  };

  /** Enrol and confirm a TOTP factor through the API; the session becomes a full one. */
  const enrolMfa = async (
    user: TestUser,
  ): Promise<{ secret: string; recoveryCodes: string[]; code: string }> => {
    const enrol = await user.request({ method: 'POST', url: '/api/v1/auth/mfa/enrol' });
    expect(enrol.status).toBe(200);
    const secret = enrol.body.secret as string;
    const code = totpAt(secret, api.clock.now());
    const confirm = await user.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/confirm',
      body: { totp: code },
    });
    expect(confirm.status).toBe(200);
    return { secret, recoveryCodes: confirm.body.recoveryCodes, code };
  };

  /** A user of a role that must have MFA, enrolled, holding a full session. */
  const mfaUser = async (role: 'admin' | 'coordinator'): Promise<TestUser> => {
    const user = await createUser(api, role);
    await enrolMfa(user);
    return user;
  };

  const auditActions = async (userId: string): Promise<string[]> =>
    (
      await api.db.query(
        `SELECT action FROM audit_events WHERE entity_id = $1 OR actor_id = $1::uuid ORDER BY id`,
        [userId],
      )
    ).map((r: { action: string }) => r.action);

  describe('login', () => {
    it('returns an opaque token and its absolute expiry; the email is case-insensitive', async () => {
      const user = await createUser(api, 'caseworker');
      const res = await login(user.email.toUpperCase(), TEST_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        token: expect.any(String),
        expiresAt: new Date(api.clock.now().getTime() + 12 * 3600_000).toISOString(),
        mfaEnrolmentRequired: false,
      });
      // 256 random bits, base64url: well over the 128 bits asked for.
      expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.body.token).not.toBe(user.token);
      expect((await me(res.body.token)).status).toBe(200);
      expect(await auditActions(user.id)).toContain('auth.login');
    });

    it('answers a wrong password and an unknown email with the very same 401', async () => {
      const user = await createUser(api, 'viewer');
      const wrong = await login(user.email, 'not the password at all, sorry');
      const unknown = await login('nobody-here@example.org', TEST_PASSWORD);
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const shape = (r: TestResponse) => ({
        status: r.body.status,
        type: r.body.type,
        title: r.body.title,
        detail: r.body.detail,
      });
      expect(shape(unknown)).toEqual(shape(wrong));
      expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(wrong.body).sort());
      expect(wrong.text).not.toMatch(/password is|no user|not found|unknown/i);

      const failures = await api.db.query(
        `SELECT entity_id, changes, ip FROM audit_events
          WHERE action = 'auth.login_failed' ORDER BY id`,
      );
      expect(failures).toEqual(
        expect.arrayContaining([
          { entity_id: user.id, changes: { reason: 'password' }, ip: expect.any(String) },
          { entity_id: null, changes: { reason: 'password' }, ip: expect.any(String) },
        ]),
      );
    });

    it('refuses a malformed body with 400, not 401', async () => {
      const res = await api.request({ method: 'POST', url: LOGIN, body: { email: 'x' } });
      expect(res.status).toBe(400);
    });

    it('refuses an email holding a lone surrogate with 400 naming it (was a 500)', async () => {
      // JSON may carry "\ud800"; the email check (validator.js) threw a URIError on it.
      const failures = async () =>
        (await api.db.query(`SELECT count(*)::int AS n FROM login_failures`))[0].n as number;
      const before = await failures();
      const res = await api.request({
        method: 'POST',
        url: LOGIN,
        rawBody: '{"email":"\\ud800@example.org","password":"correct horse battery staple"}',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'email', message: 'must be valid Unicode text (a lone surrogate was sent)' },
      ]);
      expect(await failures()).toBe(before);
    });

    it('throttles an account after 5 failures (429 + Retry-After, even with the right password) until the window passes', async () => {
      const user = await createUser(api, 'caseworker');
      for (let i = 0; i < 5; i++) {
        expect((await login(user.email, `wrong password number ${i}`)).status).toBe(401);
      }
      const blocked = await login(user.email, TEST_PASSWORD);
      expect(blocked.status).toBe(429);
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(blocked.body).toMatchObject({ status: 429 });
      // The other case of the same email is the same account.
      expect((await login(user.email.toUpperCase(), TEST_PASSWORD)).status).toBe(429);
      // The already signed-in session is not affected.
      expect((await me(user.token)).status).toBe(200);

      // An unknown email is throttled the same way, so 429 does not reveal which emails exist.
      for (let i = 0; i < 5; i++) {
        expect((await login('ghost-account@example.org', `guess ${i}`)).status).toBe(401);
      }
      expect((await login('ghost-account@example.org', 'guess 6')).status).toBe(429);

      api.clock.advance(16 * 60_000);
      const after = await login(user.email, TEST_PASSWORD);
      expect(after.status).toBe(200);
    });
  });

  describe('sessions', () => {
    it('ends a session idle for more than 30 minutes (activity keeps it alive)', async () => {
      const user = await createUser(api, 'caseworker');
      api.clock.advance(29 * 60_000);
      expect((await me(user.token)).status).toBe(200);
      api.clock.advance(29 * 60_000);
      expect((await me(user.token)).status).toBe(200);
      api.clock.advance(31 * 60_000);
      const res = await me(user.token);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('ends a session 12 hours after sign-in, however active', async () => {
      const user = await createUser(api, 'viewer');
      const start = api.clock.now().getTime();
      for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
        api.clock.set(new Date(start + minutes * 60_000));
        const res = await me(user.token);
        expect({ minutes, status: res.status }).toEqual({ minutes, status: 200 });
      }
      api.clock.set(new Date(start + 12 * 3600_000));
      expect((await me(user.token)).status).toBe(401);
      // Signing in again gives a new session.
      const again = await login(user.email, TEST_PASSWORD);
      expect(again.status).toBe(200);
      expect((await me(again.body.token)).status).toBe(200);
    });

    it('logout revokes that session only', async () => {
      const user = await createUser(api, 'caseworker');
      const other = await login(user.email, TEST_PASSWORD);
      const out = await user.request({ method: 'POST', url: '/api/v1/auth/logout' });
      expect(out.status).toBe(204);
      expect((await me(user.token)).status).toBe(401);
      expect((await user.request({ method: 'POST', url: '/api/v1/auth/logout' })).status).toBe(401);
      expect((await me(other.body.token)).status).toBe(200);
      const rows = await api.db.query(
        `SELECT revoked_at FROM sessions WHERE user_id = $1 ORDER BY created_at, id`,
        [user.id],
      );
      expect(rows.filter((r: { revoked_at: Date | null }) => r.revoked_at !== null)).toHaveLength(
        1,
      );
      expect(await auditActions(user.id)).toContain('auth.logout');
    });

    it('deactivating a user ends all their sessions at once and stops sign-in', async () => {
      const admin = await mfaUser('admin');
      const user = await createUser(api, 'caseworker');
      const second = await login(user.email, TEST_PASSWORD);
      expect((await me(user.token)).status).toBe(200);

      const res = await admin.request({ method: 'POST', url: `${USERS}/${user.id}/deactivate` });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: user.id, active: false });
      expect((await me(user.token)).status).toBe(401);
      expect((await me(second.body.token)).status).toBe(401);
      const open = await api.db.query(
        `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`,
        [user.id],
      );
      expect(open[0].n).toBe(0);

      // A deactivated account gets the same answer as a wrong password.
      const again = await login(user.email, TEST_PASSWORD);
      const wrong = await login('still-nobody@example.org', TEST_PASSWORD);
      expect(again.status).toBe(401);
      expect(again.body.detail).toBe(wrong.body.detail);

      // An admin cannot deactivate themselves.
      const self = await admin.request({ method: 'POST', url: `${USERS}/${admin.id}/deactivate` });
      expect(self.status).toBe(403);
    });

    it('a role change ends the user’s sessions (they carried the old role)', async () => {
      const admin = await mfaUser('admin');
      const user = await createUser(api, 'caseworker');
      const res = await admin.request({
        method: 'PATCH',
        url: `${USERS}/${user.id}`,
        body: { role: 'viewer' },
      });
      expect(res.status).toBe(200);
      expect(res.body.role).toBe('viewer');
      expect((await me(user.token)).status).toBe(401);
    });

    it('GET /auth/me shows the signed-in account, never its secrets', async () => {
      const user = await createUser(api, 'caseworker', 'Amina Caseworker');
      const res = await me(user.token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: user.id,
        email: user.email,
        name: 'Amina Caseworker',
        role: 'caseworker',
        active: true,
        mfaEnabled: false,
        mfaEnrolmentRequired: false,
      });
      expect(res.text).not.toMatch(/passwordHash|password_hash|mfaSecret|recovery/i);

      expect((await api.request({ method: 'GET', url: ME })).status).toBe(401);
      expect((await me('A'.repeat(43))).status).toBe(401);
      expect(
        (await api.request({ method: 'GET', url: ME, headers: { authorization: 'Basic eDp5' } }))
          .status,
      ).toBe(401);
    });

    it('stores only the SHA-256 of the token, never the token itself', async () => {
      const user = await createUser(api, 'viewer');
      const rows: Record<string, unknown>[] = await api.db.query(
        `SELECT * FROM sessions WHERE user_id = $1`,
        [user.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].token_hash).toBe(createHash('sha256').update(user.token).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(user.token);
      const audit = await api.db.query(`SELECT * FROM audit_events`);
      expect(JSON.stringify(audit)).not.toContain(user.token);
    });
  });

  describe('second factor (TOTP)', () => {
    it('makes a coordinator enrol before anything else, then needs a single-use code at every sign-in', async () => {
      const coordinator = await createUser(api, 'coordinator');
      const first = await login(coordinator.email, TEST_PASSWORD);
      expect(first.status).toBe(200);
      expect(first.body.mfaEnrolmentRequired).toBe(true);
      const pending = bearer(first.body.token);

      // Only the MFA routes (and me, logout) are open to a pending session.
      const blocked = await pending({ method: 'GET', url: '/api/v1/defenders' });
      expect(blocked.status).toBe(403);
      expect(blocked.body.detail).toMatch(/second factor/i);
      expect((await pending({ method: 'GET', url: ME })).body.mfaEnrolmentRequired).toBe(true);
      const early = await pending({
        method: 'POST',
        url: '/api/v1/auth/mfa/confirm',
        body: { totp: '123456' },
      });
      expect(early.status).toBe(409);

      const enrol = await pending({ method: 'POST', url: '/api/v1/auth/mfa/enrol' });
      expect(enrol.status).toBe(200);
      const secret = enrol.body.secret as string;
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(enrol.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
      // The secret is stored encrypted.
      const stored = await api.db.query(`SELECT mfa_secret_enc FROM users WHERE id = $1`, [
        coordinator.id,
      ]);
      expect(stored[0].mfa_secret_enc).toMatch(/^v1\.[A-Za-z0-9_-]+\./);
      expect(stored[0].mfa_secret_enc).not.toContain(secret);

      const bad = await pending({
        method: 'POST',
        url: '/api/v1/auth/mfa/confirm',
        body: { totp: wrongCode(secret) },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('totp');

      const confirmCode = totpAt(secret, api.clock.now());
      const confirm = await pending({
        method: 'POST',
        url: '/api/v1/auth/mfa/confirm',
        body: { totp: confirmCode },
      });
      expect(confirm.status).toBe(200);
      const recoveryCodes = confirm.body.recoveryCodes as string[];
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const c of recoveryCodes) expect(c).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      // Recovery codes are stored hashed.
      const hashes = await api.db.query(`SELECT recovery_code_hashes FROM users WHERE id = $1`, [
        coordinator.id,
      ]);
      expect(JSON.stringify(hashes)).not.toContain(recoveryCodes[0]);
      // The session that confirmed is now a full one.
      expect((await pending({ method: 'GET', url: '/api/v1/defenders' })).status).toBe(200);
      expect((await pending({ method: 'POST', url: '/api/v1/auth/mfa/enrol' })).status).toBe(409);

      // Next sign-in needs a code; the code used to confirm cannot be used again.
      // Without the code, the right password gets the answer a wrong one gets (and counts as
      // a failure): no way to learn the password without the second factor.
      const noCode = await login(coordinator.email, TEST_PASSWORD);
      expect(noCode.status).toBe(401);
      expect(noCode.body.detail).toBe(
        (await login('no-such-user@example.org', 'a wrong password here')).body.detail,
      );
      const replayConfirm = await login(coordinator.email, TEST_PASSWORD, confirmCode);
      expect(replayConfirm.status).toBe(401);
      expect(replayConfirm.body.detail).toBe(
        (await login('no-such-user@example.org', TEST_PASSWORD)).body.detail,
      );

      api.clock.advance(30_000);
      const code = totpAt(secret, api.clock.now());
      const ok = await login(coordinator.email, TEST_PASSWORD, code);
      expect(ok.status).toBe(200);
      expect(ok.body.mfaEnrolmentRequired).toBe(false);
      expect(
        (await bearer(ok.body.token)({ method: 'GET', url: '/api/v1/defenders' })).status,
      ).toBe(200);
      // Replay of a code that just worked.
      expect((await login(coordinator.email, TEST_PASSWORD, code)).status).toBe(401);
      // A right code with a wrong password is still refused.
      api.clock.advance(30_000);
      expect(
        (await login(coordinator.email, 'a wrong password here', totpAt(secret, api.clock.now())))
          .status,
      ).toBe(401);

      // A recovery code works once (case and dashes do not matter).
      const rec = await login(coordinator.email, TEST_PASSWORD, recoveryCodes[0]);
      expect(rec.status).toBe(200);
      expect((await login(coordinator.email, TEST_PASSWORD, recoveryCodes[0])).status).toBe(401);
      // Five failures in the window (missing code, wrong password, replays...): the account
      // is locked out until the window has passed, even with a right password and code.
      expect((await login(coordinator.email, TEST_PASSWORD, recoveryCodes[1])).status).toBe(429);
      api.clock.advance(15 * 60_000);
      const relaxed = recoveryCodes[1].toLowerCase().replace(/-/g, '');
      expect((await login(coordinator.email, TEST_PASSWORD, relaxed)).status).toBe(200);

      const actions = await auditActions(coordinator.id);
      expect(actions).toEqual(
        expect.arrayContaining([
          'auth.mfa_enrolment_started',
          'auth.mfa_enabled',
          'auth.login_recovery_code',
          'auth.login_failed',
        ]),
      );
      // No code, secret or recovery code reaches the audit trail.
      const trail = JSON.stringify(await api.db.query(`SELECT * FROM audit_events`));
      for (const s of [secret, code, confirmCode, recoveryCodes[0], recoveryCodes[1]]) {
        expect(trail).not.toContain(s);
      }
    });

    it('a code or recovery code sent twice at the same moment signs in only once', async () => {
      const user = await createUser(api, 'caseworker');
      const { secret, recoveryCodes } = await enrolMfa(user);
      api.clock.advance(30_000);
      const code = totpAt(secret, api.clock.now());
      const byCode = await Promise.all([
        login(user.email, TEST_PASSWORD, code),
        login(user.email, TEST_PASSWORD, code),
      ]);
      expect(byCode.map((r) => r.status).sort()).toEqual([200, 401]);
      const byRecovery = await Promise.all([
        login(user.email, TEST_PASSWORD, recoveryCodes[0]),
        login(user.email, TEST_PASSWORD, recoveryCodes[0]),
      ]);
      expect(byRecovery.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('leaves MFA optional for a caseworker, who may still enrol', async () => {
      const user = await createUser(api, 'caseworker');
      expect((await user.request({ method: 'GET', url: '/api/v1/defenders' })).status).toBe(200);
      const { secret } = await enrolMfa(user);
      expect((await login(user.email, TEST_PASSWORD)).status).toBe(401);
      api.clock.advance(30_000);
      expect((await login(user.email, TEST_PASSWORD, totpAt(secret, api.clock.now()))).status).toBe(
        200,
      );
    });

    it('an admin reset of the factor ends the sessions and makes the user enrol again', async () => {
      const admin = await mfaUser('admin');
      const coordinator = await createUser(api, 'coordinator');
      const { secret } = await enrolMfa(coordinator);
      expect((await me(coordinator.token)).body.mfaEnabled).toBe(true);

      const res = await admin.request({
        method: 'POST',
        url: `${USERS}/${coordinator.id}/reset-mfa`,
      });
      expect(res.status).toBe(200);
      expect(res.body.mfaEnabled).toBe(false);
      expect((await me(coordinator.token)).status).toBe(401);
      const row = await api.db.query(
        `SELECT mfa_secret_enc, mfa_last_step, recovery_code_hashes FROM users WHERE id = $1`,
        [coordinator.id],
      );
      expect(row[0]).toEqual({
        mfa_secret_enc: null,
        mfa_last_step: null,
        recovery_code_hashes: [],
      });

      api.clock.advance(30_000);
      // The old authenticator no longer matters; sign-in with a password leads to enrolment.
      const again = await login(coordinator.email, TEST_PASSWORD, totpAt(secret, api.clock.now()));
      expect(again.status).toBe(200);
      expect(again.body.mfaEnrolmentRequired).toBe(true);
      expect(
        (await bearer(again.body.token)({ method: 'GET', url: '/api/v1/defenders' })).status,
      ).toBe(403);
      expect(await auditActions(coordinator.id)).toContain('user.mfa_reset');
    });
  });

  describe('users admin API', () => {
    const newUser = (over: Record<string, unknown> = {}) => ({
      email: `new-${Math.random().toString(36).slice(2, 10)}@example.org`,
      name: 'New Person',
      role: 'caseworker',
      password: 'violet kettle drums over Lake Turkana',
      ...over,
    });

    it('creates, lists, reads and updates users; the new user can sign in', async () => {
      const admin = await mfaUser('admin');
      const body = newUser({ email: 'Mixed.Case@Example.org', timeZone: 'Africa/Nairobi' });
      const created = await admin.request({ method: 'POST', url: USERS, body });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email: 'mixed.case@example.org',
        role: 'caseworker',
        timeZone: 'Africa/Nairobi',
        active: true,
        mfaEnabled: false,
      });
      expect(created.text).not.toContain(body.password as string);
      const list = await admin.request({ method: 'GET', url: USERS });
      expect(list.status).toBe(200);
      expect(list.body.map((u: { id: string }) => u.id)).toContain(created.body.id);
      expect(list.text).not.toMatch(/password|argon2/i);
      const one = await admin.request({ method: 'GET', url: `${USERS}/${created.body.id}` });
      expect(one.body.id).toBe(created.body.id);
      expect((await login('MIXED.case@example.org', body.password as string)).status).toBe(200);
      const hash = await api.db.query(`SELECT password_hash FROM users WHERE id = $1`, [
        created.body.id,
      ]);
      expect(hash[0].password_hash).toMatch(/^\$argon2id\$v=19\$/);
      const params = Object.fromEntries(
        [...(hash[0].password_hash as string).matchAll(/([mtp])=(\d+)/g)].map((x) => [
          x[1],
          Number(x[2]),
        ]),
      );
      expect(params.m).toBeGreaterThanOrEqual(19456);
      expect(params.t).toBeGreaterThanOrEqual(2);
      expect(params.p).toBe(1);
    });

    it('refuses a common password and a short one with 400 naming password', async () => {
      const admin = await mfaUser('admin');
      for (const password of ['password1234', 'Xk9#mQ2$vL7', 'x'.repeat(257)]) {
        const res = await admin.request({
          method: 'POST',
          url: USERS,
          body: newUser({ password, name: 'Refused Person' }),
        });
        expect({ password, status: res.status }).toEqual({ password, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('password');
        expect(res.text).not.toContain(password);
      }
      const count = await api.db.query(
        `SELECT count(*)::int AS n FROM users WHERE name = 'Refused Person'`,
      );
      expect(count[0].n).toBe(0);
    });

    it('refuses null for a name, role or time zone with 400 naming it, changing nothing (was a 500)', async () => {
      const admin = await mfaUser('admin');
      const created = await admin.request({ method: 'POST', url: USERS, body: newUser() });
      expect(created.status).toBe(201);
      for (const field of ['name', 'role', 'timeZone']) {
        const res = await admin.request({
          method: 'PATCH',
          url: `${USERS}/${created.body.id}`,
          body: { [field]: null },
        });
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const after = await admin.request({ method: 'GET', url: `${USERS}/${created.body.id}` });
      expect(after.body).toMatchObject({ name: 'New Person', role: 'caseworker', timeZone: 'UTC' });
    });

    it('refuses an email that exists in another case with 409', async () => {
      const admin = await mfaUser('admin');
      const body = newUser({ email: 'duplicate.person@example.org' });
      expect((await admin.request({ method: 'POST', url: USERS, body })).status).toBe(201);
      const dup = await admin.request({
        method: 'POST',
        url: USERS,
        body: { ...body, email: 'Duplicate.PERSON@example.org' },
      });
      expect(dup.status).toBe(409);
    });

    it('is closed to every role but admin (403)', async () => {
      const coordinator = await mfaUser('coordinator');
      const caseworker = await createUser(api, 'caseworker');
      const viewer = await createUser(api, 'viewer');
      const target = await createUser(api, 'viewer');
      for (const user of [coordinator, caseworker, viewer]) {
        const calls = [
          user.request({ method: 'GET', url: USERS }),
          user.request({ method: 'POST', url: USERS, body: newUser({ role: 'admin' }) }),
          user.request({ method: 'GET', url: `${USERS}/${target.id}` }),
          user.request({ method: 'PATCH', url: `${USERS}/${target.id}`, body: { role: 'admin' } }),
          user.request({ method: 'POST', url: `${USERS}/${target.id}/deactivate` }),
          user.request({ method: 'POST', url: `${USERS}/${target.id}/reset-mfa` }),
        ];
        for (const res of await Promise.all(calls)) {
          expect({ role: user.role, status: res.status }).toEqual({ role: user.role, status: 403 });
        }
      }
      expect((await me(target.token)).status).toBe(200);
      expect((await me(target.token)).body.role).toBe('viewer');
    });
  });
});
