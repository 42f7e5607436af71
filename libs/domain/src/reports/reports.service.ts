import { Injectable } from '@nestjs/common';
import {
  Clock,
  decodeKeyCursor,
  encodeKeyCursor,
  NotFoundError,
  ValidationFailedError,
  type Page,
} from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access';
import { isCalendarDate } from '../shared/detention-status';
import type { Actor } from '../shared/actor';
import {
  INDICATORS,
  indicatorDefinition,
  isIndicatorName,
  shapeBreakdown,
  type BreakdownEntry,
  type IndicatorDefinition,
  type IndicatorName,
  type RecordKind,
} from './indicators';
import { resolvePeriod, type ReportPeriod } from './report-period';

export interface ReportQuery {
  from?: string;
  to?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
}

export interface IndicatorValue {
  name: IndicatorName;
  description: string;
  records: RecordKind;
  value: number;
  breakdown: BreakdownEntry[];
}

export interface IndicatorsReport {
  period: ReportPeriod;
  country: string | null;
  /** The day the report was computed for (deadlines "missed" are those before it). */
  asOf: string;
  indicators: IndicatorValue[];
}

/** One record behind a figure; `date` is what orders the list (see each indicator). */
export type IndicatorRecord = { id: string; date: string } & Record<string, unknown>;

export interface IndicatorRecordsPage extends Page<IndicatorRecord> {
  indicator: IndicatorName;
  records: RecordKind;
  period: ReportPeriod;
  country: string | null;
}

const ESCALATION_COLUMNS = [
  'id',
  'mechanism',
  'kind',
  'state',
  'opinion_number',
  'submitted_on',
  'transmitted_on',
  'reply_due_on',
  'government_replied_on',
  'opinion_adopted_on',
  'outcome',
];
const ACTION_COLUMNS = ['id', 'type', 'title', 'status', 'starts_on', 'ends_on', 'reach'];
const DEFENDER_COLUMNS = [
  'id',
  'full_name',
  'country',
  'status',
  'access',
  'created_at',
  'detained_since',
];

/** Plain column names, whatever TypeORM makes of the table's entity (`"d"."id" AS "id"`). */
const columns = (alias: string, names: string[]) => names.map((n) => `${alias}.${n} AS "${n}"`);

interface Scope {
  ctes: { name: string; sql: string }[];
  params: Record<string, unknown>;
}

/**
 * `WITH` the scope CTEs a query uses, then `base`. The scopes are inlined where they are used
 * (NOT MATERIALIZED), so the indicator's own conditions reach the tables' indexes; `base` is
 * computed once for the figure and its breakdowns.
 */
function withBase(scope: Scope, base: string): string {
  const used = scope.ctes.filter(
    (c) => base.includes(c.name) || (c.name === 'scope_d' && /scope_[ea]/.test(base)),
  );
  return `WITH ${[...used.map((c) => `${c.name} AS NOT MATERIALIZED (${c.sql})`), `base AS (${base})`].join(',\n')}`;
}

interface FigureRow {
  i: number;
  dimension: string | null;
  key: string | null;
  value: string | null;
}

/**
 * The whole report as one statement: the scope CTEs once, then for each indicator its own
 * `base` (in a subquery, computed once for the figure and its breakdowns), its count and its
 * breakdowns, tagged with the indicator's index. Columns are cast to one type across the
 * indicators (their values may be counts, sums or medians).
 */
function reportSql(scope: Scope, defs: readonly IndicatorDefinition[]): string {
  const used = scope.ctes.filter(
    (c) =>
      defs.some((d) => d.base.includes(c.name)) ||
      (c.name === 'scope_d' && defs.some((d) => /scope_[ea]/.test(d.base))),
  );
  const parts = defs.map(
    (def, i) => `SELECT ${i} AS i, f.dimension::text AS dimension, f.key::text AS key,
            f.value::numeric::text AS value
       FROM (WITH base AS (${def.base})
             SELECT NULL::text AS dimension, NULL::text AS key, count(*) AS value FROM base
             ${def.breakdown ? `UNION ALL ${def.breakdown}` : ''}) f`,
  );
  return `WITH ${used.map((c) => `${c.name} AS NOT MATERIALIZED (${c.sql})`).join(',\n')}
${parts.join('\nUNION ALL\n')}`;
}

/** One indicator's figure from its rows: the total, then the breakdowns in shape. */
function figureOf(def: IndicatorDefinition, rows: FigureRow[]): IndicatorValue {
  const total = rows.find((r) => r.dimension === null);
  const entries = rows
    .filter((r) => r.dimension !== null)
    .map((r) => ({
      dimension: r.dimension!,
      key: r.key ?? '',
      value: r.value === null ? null : Number(r.value),
    }));
  return {
    name: def.name,
    description: def.description,
    records: def.records,
    value: Number(total?.value ?? 0),
    breakdown: shapeBreakdown(def, entries),
  };
}

/**
 * The campaign's indicators report, computed in PostgreSQL (aggregates over the records
 * behind each figure; see indicators.ts), for what the caller may see.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async indicators(query: ReportQuery, actor: Actor): Promise<IndicatorsReport> {
    const today = this.clock.today();
    const period = resolvePeriod(query, today);
    const scope = this.scope(actor, query.country ?? null, period, today);
    // Every figure in one statement: one snapshot, so they agree with each other, and one
    // round trip instead of a transaction of eleven (see reportSql).
    const rows: FigureRow[] = await this.run(
      this.dataSource.manager,
      reportSql(scope, INDICATORS),
      scope.params,
    );
    const indicators = INDICATORS.map((def, i) =>
      figureOf(
        def,
        rows.filter((r) => r.i === i),
      ),
    );
    return { period, country: query.country ?? null, asOf: today, indicators };
  }

  /** The records behind one figure, in (date, id) order, keyset-paginated. */
  async records(
    name: string,
    query: ReportQuery & { limit?: number; cursor?: string },
    actor: Actor,
  ): Promise<IndicatorRecordsPage> {
    if (!isIndicatorName(name)) throw new NotFoundError('Indicator', name);
    const def = indicatorDefinition(name);
    const today = this.clock.today();
    const period = resolvePeriod(query, today);
    const limit = query.limit ?? 50;
    const scope = this.scope(actor, query.country ?? null, period, today);
    const params: Record<string, unknown> = { ...scope.params, r_limit: limit + 1 };
    let after = '';
    if (query.cursor) {
      const c = decodeKeyCursor(query.cursor);
      if (!isCalendarDate(c.key) || !UUID.test(c.id))
        throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
      after = `WHERE (b.day, b.id) > (CAST(:r_ck AS date), CAST(:r_ci AS uuid))`;
      Object.assign(params, { r_ck: c.key, r_ci: c.id });
    }
    const rows: { r: Record<string, unknown> }[] = await this.run(
      this.dataSource.manager,
      `${withBase(scope, def.base)}
       SELECT row_to_json(b) AS r FROM base b ${after} ORDER BY b.day, b.id LIMIT :r_limit`,
      params,
    );
    const data = rows.slice(0, limit).map(({ r }) => toRecord(def, r));
    const last = data[data.length - 1];
    return {
      indicator: def.name,
      records: def.records,
      period,
      country: query.country ?? null,
      data,
      nextCursor: rows.length > limit && last ? encodeKeyCursor(last.date, last.id) : null,
    };
  }

  private run<T>(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<T> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return manager.query(text, values) as Promise<T>;
  }

  /**
   * The common table expressions every indicator starts from (see indicators.ts), narrowed
   * with AccessService's own rules: `restrict` for defenders, `restrictLinked` for the
   * escalations and actions that concern them.
   */
  private scope(actor: Actor, country: string | null, period: ReportPeriod, today: string): Scope {
    const defenders = this.access.restrict(
      this.dataSource
        .createQueryBuilder()
        .select(columns('d', DEFENDER_COLUMNS))
        .from('defenders', 'd')
        .where('d.archived_at IS NULL'),
      actor,
    );
    if (country) defenders.andWhere('d.country = :r_country', { r_country: country });

    const escalations = this.access
      .restrictLinked(
        this.dataSource
          .createQueryBuilder()
          .select(columns('e', ESCALATION_COLUMNS))
          .from('escalations', 'e'),
        actor,
        { table: 'escalation_defenders', column: 'escalation_id', ownerAlias: 'e' },
      )
      .andWhere(
        `EXISTS (SELECT 1 FROM escalation_defenders sx JOIN scope_d sdx ON sdx.id = sx.defender_id
                  WHERE sx.escalation_id = e.id)`,
      );

    const actions = this.access.restrictLinked(
      this.dataSource
        .createQueryBuilder()
        .select(columns('a', ACTION_COLUMNS))
        .from('solidarity_actions', 'a'),
      actor,
      { table: 'solidarity_action_defenders', column: 'action_id', ownerAlias: 'a' },
    );
    const linked = `EXISTS (SELECT 1 FROM solidarity_action_defenders sy JOIN scope_d sdy
                             ON sdy.id = sy.defender_id WHERE sy.action_id = a.id)`;
    actions.andWhere(
      country
        ? linked
        : // An action for no one in particular (e.g. 10 December) counts without a country filter.
          `(${linked} OR NOT EXISTS (SELECT 1 FROM solidarity_action_defenders sz
                                      WHERE sz.action_id = a.id))`,
    );

    return {
      ctes: [
        { name: 'scope_d', sql: defenders.getQuery() },
        { name: 'scope_e', sql: escalations.getQuery() },
        { name: 'scope_a', sql: actions.getQuery() },
      ],
      params: {
        ...defenders.getParameters(),
        ...escalations.getParameters(),
        ...actions.getParameters(),
        r_from: period.from,
        r_to: period.to,
        r_today: today,
      },
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const CAMEL = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** A drill-down row as the API shows it: camelCase, `day` as `date`, no internals. */
function toRecord(def: IndicatorDefinition, row: Record<string, unknown>): IndicatorRecord {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'day') out.date = v;
    else if (k === 'status_at_end') out.statusAtPeriodEnd = v;
    else out[CAMEL(k)] = v;
  }
  if (def.records === 'escalation') {
    const outcome = row.outcome as {
      arbitrary?: boolean | null;
      categoriesFound?: string[];
    } | null;
    out.outcome = outcome
      ? { arbitrary: outcome.arbitrary ?? null, categoriesFound: outcome.categoriesFound ?? [] }
      : null;
  }
  return out as IndicatorRecord;
}
