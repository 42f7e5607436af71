import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ownerOfTable, TABLE_OWNERS } from './table-ownership';

/**
 * Tables belong to one feature (docs/architecture.md, "Who owns which table"): no domain file
 * names, in SQL or through TypeORM, a table or entity of a feature other than its own.
 */
const SRC = join(__dirname, '..');
const MIGRATIONS = join(__dirname, '../../../../migrations');

/**
 * The justified exceptions, file (under libs/domain/src) → tables it may read though another
 * feature owns them. Each stays only while it is still needed (a test below fails otherwise).
 */
const NOT_YET = "not yet behind a read model or the owner's public face";
const ALLOWED: Record<string, { tables: string[]; why: string }> = {
  // The need-to-know filters: which records hang on a case the actor may not see spans, by
  // nature, every table that links a record to a case (docs/architecture.md).
  'access/access-policy.ts': {
    tables: [
      'defenders',
      'documents',
      'document_versions',
      'detention_events',
      'consents',
      'milestones',
      'escalation_defenders',
      'solidarity_action_defenders',
      'dossiers',
    ],
    why: 'need-to-know spans every case-linked table',
  },
  'access/access.service.ts': { tables: ['defenders', 'users'], why: NOT_YET },
  'auth/auth.module.ts': { tables: ['users'], why: NOT_YET },
  'auth/auth.service.ts': { tables: ['users'], why: NOT_YET },
  'calendar-feeds/calendar-feeds.service.ts': { tables: ['users', 'defenders'], why: NOT_YET },
  'consents/public-naming.ts': {
    tables: ['escalation_defenders', 'solidarity_action_defenders', 'defenders'],
    why: NOT_YET,
  },
  'defenders/defender-import.service.ts': { tables: ['audit_events'], why: NOT_YET },
  'defenders/defenders.service.ts': { tables: ['defender_assignees'], why: NOT_YET },
  'detention/detention.service.ts': { tables: ['defenders'], why: NOT_YET },
  'documents/document-access.ts': { tables: ['defender_assignees'], why: NOT_YET },
  'documents/documents.service.ts': {
    tables: ['defenders', 'defender_assignees', 'detention_events', 'escalation_defenders'],
    why: NOT_YET,
  },
  'dossiers/annexes.data.ts': {
    tables: ['documents', 'document_versions', 'defenders', 'escalation_defenders'],
    why: NOT_YET,
  },
  'dossiers/annexes.service.ts': {
    tables: ['documents', 'document_versions', 'defenders', 'escalations', 'defender_assignees'],
    why: NOT_YET,
  },
  'dossiers/dossier-build.ts': { tables: ['defenders'], why: NOT_YET },
  'dossiers/dossier-record.ts': {
    tables: ['consents', 'defenders', 'detention_events'],
    why: NOT_YET,
  },
  'escalations/escalations.service.ts': {
    tables: ['detention_events', 'partners', 'users'],
    why: NOT_YET,
  },
  'milestones/milestones.service.ts': { tables: ['defender_assignees', 'users'], why: NOT_YET },
  'notifications/dispatch.service.ts': {
    tables: ['milestones', 'users', 'defenders'],
    why: NOT_YET,
  },
  'notifications/notifications.service.ts': { tables: ['milestones'], why: NOT_YET },
  'notifications/reminders.service.ts': {
    tables: ['defenders', 'defender_assignees', 'milestones', 'users'],
    why: NOT_YET,
  },
  'publication/public-profile.ts': {
    tables: [
      'defenders',
      'documents',
      'document_versions',
      'detention_events',
      'solidarity_actions',
      'solidarity_action_defenders',
    ],
    why: NOT_YET,
  },
  'publication/publication.service.ts': {
    tables: ['documents', 'document_versions', 'detention_events', 'consents'],
    why: NOT_YET,
  },
  'reports/indicators.ts': {
    tables: [
      'detention_events',
      'defenders',
      'publications',
      'escalation_defenders',
      'escalation_partners',
      'partners',
    ],
    why: NOT_YET,
  },
  'reports/reports.service.ts': {
    tables: [
      'escalation_defenders',
      'solidarity_action_defenders',
      'defenders',
      'escalations',
      'solidarity_actions',
    ],
    why: NOT_YET,
  },
  'un-calendar/un-calendar-relevance.ts': {
    tables: ['escalations', 'escalation_defenders', 'defenders'],
    why: NOT_YET,
  },
  'un-calendar/un-calendar-sync.service.ts': { tables: ['milestones', 'defenders'], why: NOT_YET },
  'un-calendar/un-calendar.service.ts': { tables: ['defenders', 'escalations'], why: NOT_YET },
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const sources = walk(SRC)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
  .map((f) => ({ file: relative(SRC, f), text: stripComments(readFileSync(f, 'utf8')) }))
  // Files at the top (the package's index, the listeners' module) belong to no feature.
  .filter((s) => s.file.includes('/'));

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Entity class → table, from the `@Entity('table')` decorators of the domain and platform. */
const ENTITY_TABLES = new Map<string, string>();
for (const f of [...walk(SRC), ...walk(join(SRC, '../../platform/src'))]) {
  if (!f.endsWith('.entity.ts')) continue;
  const text = readFileSync(f, 'utf8');
  for (const m of text.matchAll(/@Entity\(\s*'([a-z_]+)'[\s\S]*?export class (\w+)/g)) {
    ENTITY_TABLES.set(m[2], m[1]);
  }
}

const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([a-z_][a-z0-9_]*)"?/g;
const BUILDER_TABLE =
  /\.(?:from|into|update|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect)\(\s*['"`]([a-z_][a-z0-9_]*)['"`]/g;
const ENTITY_USE = [
  /(?:getRepository|InjectRepository)\(\s*(\w+)/g,
  /Repository<\s*(\w+)/g,
  /\.(?:find|findOne|findOneBy|findBy|findOneOrFail|findOneByOrFail|findAndCount|findAndCountBy|count|countBy|exists|existsBy|save|insert|update|delete|upsert|increment|decrement|remove|softDelete|restore|preload|sum|maximum|minimum|average|createQueryBuilder|from|into|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect)\(\s*(\w+)\s*[,)]/g,
];

/** `file: table` for each table a file names that its feature does not own. */
function foreignTables(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { file, text } of sources) {
    const feature = file.split('/')[0];
    const named = new Set<string>();
    for (const m of text.matchAll(SQL_TABLE)) named.add(m[1]);
    for (const m of text.matchAll(BUILDER_TABLE)) named.add(m[1]);
    for (const rx of ENTITY_USE) {
      for (const m of text.matchAll(rx)) {
        const table = ENTITY_TABLES.get(m[1]);
        if (table) named.add(table);
      }
    }
    for (const m of text.matchAll(/forFeature\(\s*\[([^\]]*)\]/g)) {
      for (const name of m[1].split(',').map((s) => s.trim())) {
        const table = ENTITY_TABLES.get(name);
        if (table) named.add(table);
      }
    }
    for (const table of named) {
      const owner = ownerOfTable(table);
      if (!owner || owner === feature) continue;
      out.set(file, (out.get(file) ?? new Set()).add(table));
    }
  }
  return out;
}

describe('table ownership', () => {
  it('lets no domain file name a table (or its entity) that another feature owns', () => {
    const breaches: string[] = [];
    for (const [file, tables] of foreignTables()) {
      const allowed = ALLOWED[file]?.tables ?? [];
      for (const t of tables) {
        if (!allowed.includes(t)) breaches.push(`${file}: ${t} (owned by ${ownerOfTable(t)})`);
      }
    }
    expect(breaches).toEqual([]);
  });

  it('keeps no exception that is no longer needed', () => {
    const found = foreignTables();
    const stale = Object.entries(ALLOWED).flatMap(([file, { tables }]) =>
      tables.filter((t) => !found.get(file)?.has(t)).map((t) => `${file}: ${t}`),
    );
    expect(stale).toEqual([]);
  });

  it('gives every table and view the migrations create one owner', () => {
    const created = new Set<string>();
    for (const f of readdirSync(MIGRATIONS)) {
      const text = readFileSync(join(MIGRATIONS, f), 'utf8');
      for (const m of text.matchAll(/CREATE (?:TABLE|VIEW) (?:IF NOT EXISTS )?"?([a-z_]+)"?/g)) {
        created.add(m[1]);
      }
    }
    const owned: string[] = Object.values(TABLE_OWNERS).flatMap((o) => [...o.tables, ...o.readModels]);
    expect([...created].filter((t) => !owned.includes(t)).sort()).toEqual([]);
    expect(owned.filter((t) => t !== 'migrations' && !created.has(t)).sort()).toEqual([]);
    expect(new Set(owned).size).toBe(owned.length);
  });

  it('recognises SQL, query builders and repositories naming a table', () => {
    expect(ENTITY_TABLES.get('Defender')).toBe('defenders');
    const text = stripComments(
      '// FROM users\nq(`SELECT 1 FROM defenders d JOIN consents c`); m.findOne(Milestone, {});',
    );
    expect([...text.matchAll(SQL_TABLE)].map((m) => m[1])).toEqual(['defenders', 'consents']);
    expect([...text.matchAll(ENTITY_USE[2])].map((m) => m[1])).toEqual(['Milestone']);
  });
});
