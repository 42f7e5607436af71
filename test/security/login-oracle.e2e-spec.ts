import { PasswordVerifier, totpAt } from '@witness/domain';
import { startApi, type TestApi, type TestResponse } from '../support/api';
import { postSignInForm } from '../support/browser';
import { createUser, TEST_PASSWORD, type TestUser } from '../support/users';

/**
 * Finding 7 of the security review: for an account with a second factor, a right password
 * without the code was answered "enter the code" while a wrong one was answered "not right",
 * so passwords could be guessed without the second factor. Every failure now gets one
 * answer, does the same work (one argon2 verification, a dummy hash for unknown emails) and
 * counts towards the lock-out.
 */
const LOGIN = '/api/v1/auth/login';
const WRONG_PASSWORD = 'a wrong password, long enough to be one';

describe('security: no sign-in oracle for accounts with a second factor', () => {
  let api: TestApi;
  let verifier: PasswordVerifier;

  beforeAll(async () => {
    api = await startApi({ now: '2026-06-15T10:00:00Z', env: { AUTH_REQUIRE_MFA: 'true' } });
    verifier = api.app.get(PasswordVerifier);
  });
  afterAll(() => api.close());

  const login = (body: Record<string, string>): Promise<TestResponse> =>
    api.request({ method: 'POST', url: LOGIN, body });

  /** A caseworker with an active TOTP factor (optional for the role, enrolled anyway). */
  const mfaUser = async (): Promise<{ user: TestUser; secret: string }> => {
    const user = await createUser(api, 'caseworker');
    const enrol = await user.request({ method: 'POST', url: '/api/v1/auth/mfa/enrol' });
    const secret = enrol.body.secret as string;
    const confirm = await user.request({
      method: 'POST',
      url: '/api/v1/auth/mfa/confirm',
      body: { totp: totpAt(secret, api.clock.now()) },
    });
    expect(confirm.status).toBe(200);
    api.clock.advance(30_000); // the confirming code is spent
    return { user, secret };
  };

  /** What an answer tells the caller: status, type and body, without the per-request id. */
  const seen = (res: TestResponse) => {
    const { requestId, ...body } = res.body as Record<string, unknown>;
    expect(requestId).toEqual(expect.any(String));
    return { status: res.status, type: res.headers['content-type'], body };
  };

  it('answers right-password-no-code, wrong password, wrong code and unknown email alike (API)', async () => {
    const { user, secret } = await mfaUser();
    const code = () => totpAt(secret, api.clock.now());
    const attempts: Record<string, Record<string, string>> = {
      'right password, no code': { email: user.email, password: TEST_PASSWORD },
      'wrong password, no code': { email: user.email, password: WRONG_PASSWORD },
      'right password, wrong code': { email: user.email, password: TEST_PASSWORD, totp: '000000' },
      'wrong password, right code': { email: user.email, password: WRONG_PASSWORD, totp: code() },
      'unknown email': { email: 'nobody-here@example.org', password: TEST_PASSWORD },
    };
    const answers = Object.fromEntries(
      await Promise.all(
        Object.entries(attempts).map(async ([k, body]) => [k, seen(await login(body))] as const),
      ),
    );
    const reference = answers['wrong password, no code'];
    expect(reference).toEqual({
      status: 401,
      type: expect.stringMatching(/^application\/problem\+json/),
      body: expect.objectContaining({ detail: expect.stringMatching(/code/) }),
    });
    for (const [label, answer] of Object.entries(answers)) {
      expect({ label, ...answer }).toEqual({ label, ...reference });
    }
    // And the right password with its code still signs in.
    api.clock.advance(15 * 60_000); // past the lock-out window the attempts above opened
    const ok = await login({ email: user.email, password: TEST_PASSWORD, totp: code() });
    expect(ok.status).toBe(200);
  });

  it('answers the web sign-in form alike, and lets the code in with the password', async () => {
    const { user, secret } = await mfaUser();
    const submit = async (fields: Record<string, string>) => {
      const res = await postSignInForm(api, { next: '/app', ...fields });
      const alert = /<div class="error-summary" role="alert"><p>([^<]*)<\/p>/.exec(res.body);
      // The form always offers the code field, so nobody needs to be told to add it.
      if (res.statusCode !== 303) expect(res.body).toContain('name="totp"');
      return { status: res.statusCode, alert: alert?.[1] ?? null };
    };
    const right = await submit({ email: user.email, password: TEST_PASSWORD });
    const wrong = await submit({ email: user.email, password: WRONG_PASSWORD });
    const unknown = await submit({ email: 'nobody-web@example.org', password: TEST_PASSWORD });
    expect(right).toEqual({ status: 401, alert: expect.stringContaining('code') });
    expect(wrong).toEqual(right);
    expect(unknown).toEqual(right);

    const signedIn = await submit({
      email: user.email,
      password: TEST_PASSWORD,
      totp: totpAt(secret, api.clock.now()),
    });
    expect(signedIn.status).toBe(303);
  });

  it('does one argon2 verification for every attempt, a same-cost dummy one for unknown emails', async () => {
    const { user } = await mfaUser();
    const verify = jest.spyOn(verifier, 'argon2Verify');
    try {
      const hashes: string[] = [];
      for (const body of [
        { email: 'nobody-timing@example.org', password: TEST_PASSWORD },
        { email: user.email, password: WRONG_PASSWORD },
        { email: user.email, password: TEST_PASSWORD },
      ]) {
        verify.mockClear();
        expect((await login(body)).status).toBe(401);
        expect(verify).toHaveBeenCalledTimes(1);
        hashes.push(verify.mock.calls[0][0]);
      }
      const [stored] = await api.db.query(`SELECT password_hash FROM users WHERE id = $1`, [
        user.id,
      ]);
      // The dummy is a real argon2id hash with the very parameters of a stored one.
      const params = (h: string) => h.split('$').slice(0, 4).join('$');
      expect(params(hashes[0])).toMatch(/^\$argon2id\$v=19\$m=\d+,[a-z=0-9,]+$/);
      expect(params(hashes[0])).toBe(params(stored.password_hash));
      expect(hashes[0]).not.toBe(stored.password_hash);
      expect(hashes.slice(1)).toEqual([stored.password_hash, stored.password_hash]);
    } finally {
      verify.mockRestore();
    }
  });

  it('counts a right password without the code towards the lock-out, like a wrong one', async () => {
    const { user, secret } = await mfaUser();
    for (let i = 0; i < 5; i++) {
      expect((await login({ email: user.email, password: TEST_PASSWORD })).status).toBe(401);
    }
    // Locked out, even with the right password and code: a guesser learns nothing either way.
    const locked = await login({
      email: user.email,
      password: TEST_PASSWORD,
      totp: totpAt(secret, api.clock.now()),
    });
    expect(locked.status).toBe(429);
    const failures = await api.db.query(
      `SELECT count(*)::int AS n FROM login_failures WHERE email = $1`,
      [user.email],
    );
    expect(failures[0].n).toBe(5);
    const reasons = await api.db.query(
      `SELECT changes->>'reason' AS reason FROM audit_events
        WHERE action = 'auth.login_failed' AND entity_id = $1`,
      [user.id],
    );
    expect(reasons.map((r: { reason: string }) => r.reason)).toEqual(
      Array(5).fill('second_factor_missing'),
    );
    api.clock.advance(15 * 60_000 + 1000);
    const after = await login({
      email: user.email,
      password: TEST_PASSWORD,
      totp: totpAt(secret, api.clock.now()),
    });
    expect(after.status).toBe(200);
  });
});
