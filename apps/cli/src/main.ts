import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import {
  KeyRotationService,
  ROLES,
  UnCalendarService,
  UsersService,
  type Role,
} from '@witness/domain';
import { AppError, loadEnv, migrate, ownerUrl, SYSTEM_ACTOR, type Actor } from '@witness/platform';
import { AUDIT_USAGE, runAuditAnchor, runAuditVerify } from './audit.command';
import { BACKUP_USAGE, runBackupCommand } from './backup.command';
import {
  CALENDAR_USAGE,
  planCalendarImport,
  runCalendarImport,
  type CalendarImportPlan,
} from './calendar.command';
import { CliModule } from './cli.module';

/**
 * Operator commands (the way the first admin is made on a fresh install):
 *   users:create --email E --name N --role R [--time-zone TZ]   (password on standard input)
 *   users:list | users:deactivate --email E | users:reset-mfa --email E
 *   keys:rotate | audit:verify [--anchors-from FILE] | audit:anchor | db:migrate
 *   calendar:import FILE [--format csv|ics] [--dry-run]
 */
const USAGE = `usage: witness <command> [options]   (in a checkout: npm run cli -- <command>)
  users:create --email E --name N --role admin|coordinator|caseworker|viewer [--time-zone TZ]
               (reads the password from standard input)
  users:list
  users:deactivate --email E
  users:reset-mfa --email E
  keys:rotate      re-encrypt every sensitive field under the active key
${AUDIT_USAGE}
  db:migrate       run pending migrations as the owner role (MIGRATIONS_DATABASE_URL, else
                   DATABASE_URL) and grant DATABASE_APP_ROLE its privileges, then exit
${CALENDAR_USAGE}
${BACKUP_USAGE}
  seed:demo        add the fictional demo data set, for a training instance (witness only;
                   npm run seed:demo in a checkout)`;

/**
 * What a command prints is its result for the operator (stdout), not a log line: the
 * logger's JSON would be wrong here, and nothing sensitive is ever printed.
 */
function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'backup' || command === 'restore') return runBackupCommand(command, rest);
  if (command === 'db:migrate') {
    const env = loadEnv();
    const ran = await migrate(
      ownerUrl(env),
      { log: (m) => out(m) },
      { appRole: env.DATABASE_APP_ROLE },
    );
    out(`migrations up to date (${ran.length} ran)`);
    return 0;
  }
  // calendar:import reads and parses its file before anything boots (it has its own options).
  let calendarPlan: CalendarImportPlan | undefined;
  if (command === 'calendar:import') {
    const plan = await planCalendarImport(rest);
    if (typeof plan === 'number') return plan;
    calendarPlan = plan;
  }
  const { values } = parseArgs({
    args: calendarPlan ? [] : rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'time-zone': { type: 'string' },
      'anchors-from': { type: 'string' },
    },
    strict: true,
  });
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  const env = loadEnv();
  // Where the api and worker run as the application role, migrations are a release step
  // (MIGRATIONS_RUN=false, `db:migrate` as the owner): the CLI then only uses DATABASE_URL.
  if (env.MIGRATIONS_RUN)
    await migrate(ownerUrl(env), undefined, { appRole: env.DATABASE_APP_ROLE });
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  const actor: Actor = { ...SYSTEM_ACTOR, requestId: `cli:${command}` };
  try {
    const users = app.get(UsersService);
    const byEmail = async () => {
      if (!values.email) throw new Error('--email is required');
      const u = await users.findByEmail(values.email);
      if (!u) throw new Error(`no user with email ${values.email}`);
      return u;
    };
    switch (command) {
      case 'users:create': {
        if (!values.email || !values.name || !values.role)
          throw new Error('--email, --name and --role are required');
        if (!ROLES.includes(values.role as Role))
          throw new Error(`--role must be one of ${ROLES.join(', ')}`);
        const password = await readStdin();
        const u = await users.create(
          {
            email: values.email,
            name: values.name,
            role: values.role as Role,
            timeZone: values['time-zone'],
            password,
          },
          actor,
        );
        out(`created ${u.role} ${u.email} (${u.id})`);
        return 0;
      }
      case 'users:list': {
        for (const u of await users.list()) {
          out(
            [
              u.id,
              u.email,
              u.role,
              u.active ? 'active' : 'inactive',
              u.mfaEnabled ? 'mfa' : 'no-mfa',
              u.name,
            ].join('\t'),
          );
        }
        return 0;
      }
      case 'users:deactivate': {
        const u = await users.deactivate((await byEmail()).id, actor);
        out(`deactivated ${u.email}; every session of it has ended`);
        return 0;
      }
      case 'users:reset-mfa': {
        const u = await users.resetMfa((await byEmail()).id, actor);
        out(`second factor reset for ${u.email}; they enrol again at next sign-in`);
        return 0;
      }
      case 'keys:rotate': {
        const counts = await app.get(KeyRotationService).rotate();
        for (const [col, n] of Object.entries(counts)) out(`${col}: ${n} re-encrypted`);
        return 0;
      }
      case 'audit:verify':
        return await runAuditVerify(app, values['anchors-from']);
      case 'audit:anchor':
        return await runAuditAnchor(app);
      case 'calendar:import': {
        if (!calendarPlan) throw new Error('calendar:import: no file was read');
        return await runCalendarImport(app.get(UnCalendarService), calendarPlan, actor);
      }
      default:
        console.error(`unknown command ${command}\n${USAGE}`);
        return 2;
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    if (err instanceof AppError) {
      const details = 'errors' in err.extra ? ` ${JSON.stringify(err.extra.errors)}` : '';
      console.error(`${err.message}${details}`);
    } else {
      console.error(err instanceof Error ? err.message : err);
    }
    process.exit(1);
  });
