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
 * The exceptions, file (under libs/domain/src) → the other features' tables it names in SQL
 * (`sql`) and the other features' entities it uses through TypeORM (`entities`). Each entry
 * stays only while it is still needed (a test below fails otherwise).
 */
const NOT_YET = "not yet behind a read model or the owner's public face";
const ALLOWED: Record<string, { sql?: string[]; entities?: string[]; why: string }> = {
  // The need-to-know filters: whether a record hangs on a case the actor may not see spans,
  // by nature, every table that links a record to a case (docs/architecture.md).
  'access/access-policy.ts': {
    sql: [
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
  'access/access.service.ts': { sql: ['defenders', 'users'], entities: ['User'], why: NOT_YET },
  'auth/auth.module.ts': { entities: ['User'], why: NOT_YET },
  'auth/auth.service.ts': { sql: ['users'], entities: ['User'], why: NOT_YET },
  'defenders/defender-import.service.ts': { sql: ['audit_events'], why: NOT_YET },
  'defenders/defenders.service.ts': {
    sql: ['defender_assignees'],
    entities: ['DefenderAssignee'],
    why: NOT_YET,
  },
  'documents/document-checks.ts': {
    sql: ['defenders'],
    entities: ['Defender', 'DefenderAssignee', 'DetentionEvent', 'EscalationDefender'],
    why: NOT_YET,
  },
  'dossiers/annexes.service.ts': {
    sql: ['documents', 'document_versions', 'defenders'],
    entities: ['Escalation', 'Document', 'DefenderAssignee'],
    why: NOT_YET,
  },
  'dossiers/dossier-record.ts': {
    entities: ['Defender', 'DetentionEvent'],
    why: NOT_YET,
  },
  'publication/publication-rules.ts': {
    sql: ['documents', 'document_versions', 'detention_events'],
    why: NOT_YET,
  },
  'reports/indicators.ts': {
    sql: [
      'detention_events',
      'defenders',
      'publications',
      'escalation_defenders',
      'escalation_partners',
      'escalation_transitions',
      'partners',
    ],
    why: NOT_YET,
  },
  'reports/reports.service.ts': {
    sql: [
      'escalation_defenders',
      'solidarity_action_defenders',
      'defenders',
      'escalations',
      'solidarity_actions',
    ],
    why: NOT_YET,
  },

  'un-calendar/un-calendar-opportunities.ts': {
    entities: ['Defender', 'Escalation'],
    why: NOT_YET,
  },
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

/** For each file, the other features' tables it names in SQL and entities it uses. */
function foreignUses(): Map<string, { sql: Set<string>; entities: Set<string> }> {
  const out = new Map<string, { sql: Set<string>; entities: Set<string> }>();
  for (const { file, text } of sources) {
    const feature = file.split('/')[0];
    const foreign = (table: string) => {
      const owner = ownerOfTable(table);
      return owner !== undefined && owner !== feature;
    };
    const uses = { sql: new Set<string>(), entities: new Set<string>() };
    for (const rx of [SQL_TABLE, BUILDER_TABLE]) {
      for (const m of text.matchAll(rx)) if (foreign(m[1])) uses.sql.add(m[1]);
    }
    const entityNames = [
      ...ENTITY_USE.flatMap((rx) => [...text.matchAll(rx)].map((m) => m[1])),
      ...[...text.matchAll(/forFeature\(\s*\[([^\]]*)\]/g)].flatMap((m) =>
        m[1].split(',').map((n) => n.trim()),
      ),
    ];
    for (const name of entityNames) {
      const table = ENTITY_TABLES.get(name);
      if (table && foreign(table)) uses.entities.add(name);
    }
    if (uses.sql.size || uses.entities.size) out.set(file, uses);
  }
  return out;
}

describe('table ownership', () => {
  it('lets no domain file name a table (or use an entity) that another feature owns', () => {
    const breaches: string[] = [];
    for (const [file, uses] of foreignUses()) {
      const allowed = ALLOWED[file];
      for (const t of uses.sql) {
        if (!allowed?.sql?.includes(t))
          breaches.push(`${file}: ${t} (owned by ${ownerOfTable(t)})`);
      }
      for (const e of uses.entities) {
        if (!allowed?.entities?.includes(e)) {
          breaches.push(`${file}: entity ${e} (owned by ${ownerOfTable(ENTITY_TABLES.get(e)!)})`);
        }
      }
    }
    expect(breaches).toEqual([]);
  });

  it('keeps no exception that is no longer needed', () => {
    const found = foreignUses();
    const stale = Object.entries(ALLOWED).flatMap(([file, { sql = [], entities = [] }]) => [
      ...sql.filter((t) => !found.get(file)?.sql.has(t)).map((t) => `${file}: ${t}`),
      ...entities
        .filter((e) => !found.get(file)?.entities.has(e))
        .map((e) => `${file}: entity ${e}`),
    ]);
    expect(stale).toEqual([]);
  });

  it('gives every table and view the migrations create one owner', () => {
    const created = new Set<string>();
    for (const f of readdirSync(MIGRATIONS)) {
      const text = readFileSync(join(MIGRATIONS, f), 'utf8');
      for (const m of text.matchAll(/CREATE (?:TABLE|VIEW) (?:IF NOT EXISTS )?"?([a-z_]+)"?/g)) {
        created.add(m[1]);
      }
      // Views created from a list ({ name: 'view', sql: ... }, then CREATE VIEW "${v.name}").
      if (text.includes('CREATE VIEW "${')) {
        for (const m of text.matchAll(/\bname: '([a-z_]+)'/g)) created.add(m[1]);
      }
    }
    const owned: string[] = Object.values(TABLE_OWNERS).flatMap((o) => [
      ...o.tables,
      ...o.readModels,
    ]);
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
