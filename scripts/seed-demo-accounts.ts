/**
 * The demo's sign-in accounts: a caseworker and a coordinator with a published password, so a
 * newcomer can sign in a minute after `npm start`. Never in production: with
 * NODE_ENV=production the seed makes no account (and says so), since a published password on
 * a real instance would open it to anyone who read the README.
 *
 * Idempotent: an account that exists (by email) is left as it is.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_ACTOR, UsersService } from '@witness/domain';

/** The demo's password: fictional data only (README, "Try it"). */
export const DEMO_PASSWORD = 'fictional cases, never real ones';

export const DEMO_ACCOUNTS = [
  { email: 'caseworker@demo.invalid', name: 'Demo Caseworker', role: 'caseworker' },
  { email: 'coordinator@demo.invalid', name: 'Demo Coordinator', role: 'coordinator' },
] as const;

export interface DemoAccountsResult {
  created: number;
  present: number;
  skipped: 'production' | null;
}

export async function seedDemoAccounts(
  app: INestApplicationContext,
  nodeEnv: string,
): Promise<DemoAccountsResult> {
  if (nodeEnv === 'production') return { created: 0, present: 0, skipped: 'production' };
  const users = app.get(UsersService);
  let created = 0;
  let present = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await users.findByEmail(account.email)) {
      present++;
      continue;
    }
    await users.create({ ...account, timeZone: 'UTC', password: DEMO_PASSWORD }, SYSTEM_ACTOR);
    created++;
  }
  return { created, present, skipped: null };
}

/** The lines that tell a newcomer how to sign in. */
export function demoLoginLines(result: DemoAccountsResult): string[] {
  if (result.skipped === 'production') {
    return ['seed:demo: no demo accounts in production (NODE_ENV=production); create yours with `npm run cli -- users:create`'];
  }
  return [
    `seed:demo: sign in at /app with ${DEMO_ACCOUNTS.map((a) => a.email).join(' or ')}, password "${DEMO_PASSWORD}"`,
    '  (the coordinator enrols a TOTP second factor at the first sign-in)',
  ];
}
