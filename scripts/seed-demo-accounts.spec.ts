import { demoLoginLines, seedDemoAccounts } from './seed-demo-accounts';

describe('demo accounts', () => {
  it('are never made in production, and the seed says so', async () => {
    // No application context is touched in production: the guard comes first.
    const result = await seedDemoAccounts(undefined as never, 'production');
    expect(result).toEqual({ created: 0, present: 0, skipped: 'production' });
    expect(demoLoginLines(result).join('\n')).toMatch(/no demo accounts in production/);
  });
});
