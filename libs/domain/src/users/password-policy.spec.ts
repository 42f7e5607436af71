import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('refuses short and overlong passwords', () => {
    expect(passwordProblem('Sh0rt!pass')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
  });

  it.each(['password1234', 'qwertyuiop123', '123456789012', 'iloveyou1234', 'aaaaaaaaaaaa'])(
    'refuses the common or patterned password %s',
    (p) => {
      expect(passwordProblem(p)).toMatch(/too easy/);
    },
  );

  it("refuses the user's own email or name", () => {
    expect(
      passwordProblem('amina.haddad2024', ['amina.haddad@example.org', 'Amina Haddad']),
    ).toMatch(/too easy/);
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery staple in Nairobi')).toBeNull();
    expect(passwordProblem('Tq8#vLm2pW9zRk')).toBeNull();
    expect(passwordProblem('Tq8#vLm2pW9zRk'.repeat(18))).toBeNull();
  });
});
