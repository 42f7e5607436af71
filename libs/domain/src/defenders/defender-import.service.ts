import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  ConflictError,
  diffForAudit,
  EventBus,
  ForbiddenError,
  ValidationFailedError,
  type Actor,
  type AuditEntry,
} from '@witness/platform';
import { DataSource } from 'typeorm';
import { seesAllCases } from '../access';
import type { DomainEvents } from '../shared/events';
import { DEFENDER_TEMPLATE_COLUMNS, duplicateProblems, type CsvProblem } from './defender-csv';
import { Defender } from './defender.entity';
import type { DefenderInput } from './defender.types';
import { auditableDefender, DefendersService, normaliseDefenderInput } from './defenders.service';

/** A row whose fields passed the same checks as a POST /defenders body. */
export interface DefenderImportRow {
  line: number;
  input: DefenderInput;
}

export interface DefenderImportResult {
  rows: number;
  imported: number;
  /** The new records' ids, in the order of the file's rows. */
  ids: string[];
}

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;

/** `fullName`, `tags[2]`, `contacts[0].email` -> the CSV column it came from. */
const columnOf = (field: string) => field.split(/[.[]/)[0] || null;

/**
 * Bulk creation of case records from an import. Each record is what `DefendersService.create`
 * makes (same cross-field rules, canonical form, profile-review milestone and `defender.create`
 * audit event), written with multi-row INSERTs in ONE transaction: any failure writes nothing.
 */
@Injectable()
export class DefenderImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly defenders: DefendersService,
    private readonly events: EventBus<DomainEvents>,
    private readonly audit: AuditService,
  ) {}

  /** The rules that span fields (as for one record) and duplicates inside the file. */
  check(rows: readonly DefenderImportRow[]): CsvProblem[] {
    const problems: CsvProblem[] = [];
    for (const { line, input } of rows) {
      try {
        this.defenders.checkRules(input);
      } catch (err) {
        if (!(err instanceof ValidationFailedError)) throw err;
        for (const e of err.errors) {
          problems.push({ line, column: columnOf(e.field), message: e.message });
        }
      }
    }
    problems.push(...duplicateProblems([...rows]));
    return problems;
  }

  async import(
    rows: readonly DefenderImportRow[],
    file: { sha256: string; bytes: number },
    actor: Actor,
  ): Promise<DefenderImportResult> {
    // Importers see every case, so a restricted import needs no assignment to stay visible.
    if (!seesAllCases(actor)) {
      throw new ForbiddenError('Only coordinators and admins import case records.');
    }
    const problems = this.check(rows);
    if (problems.length) {
      throw new ValidationFailedError(
        problems.map((p) => ({ field: `line ${p.line}: ${p.column ?? ''}`, message: p.message })),
      );
    }
    const ids = rows.map(() => randomUUID());
    const now = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      // The same file twice is a double submit, or a retry after a timeout whose import went
      // through: refuse it rather than create every record again.
      await tx.query(`SELECT pg_advisory_xact_lock(727274100, hashtext($1))`, [file.sha256]);
      const [earlier]: { at: Date }[] = await tx.query(
        `SELECT at FROM audit_events
          WHERE entity_type = 'defender_import' AND entity_id = $1 AND action = 'defender.import'
          LIMIT 1`,
        [file.sha256],
      );
      if (earlier) {
        throw new ConflictError(
          `This file was imported already (${earlier.at.toISOString()}); nothing was written.`,
          { importedAt: earlier.at.toISOString() },
        );
      }
      const entries: AuditEntry[] = [
        {
          action: 'defender.import',
          entityType: 'defender_import',
          entityId: file.sha256,
          changes: { rows: rows.length, sha256: file.sha256, bytes: file.bytes, dryRun: false },
        },
      ];
      for (let start = 0; start < rows.length; start += CHUNK) {
        const values = rows.slice(start, start + CHUNK).map(({ input }, i) => {
          const {
            contacts: _c,
            confidentialNotes: _n,
            usualAddress: _a,
            ...fields
          } = normaliseDefenderInput(input);
          const id = ids[start + i];
          entries.push({
            action: 'defender.create',
            entityType: 'defender',
            entityId: id,
            subjectId: id,
            changes: diffForAudit(null, auditableDefender(fields as Partial<Defender>)),
          });
          return { ...fields, id };
        });
        const { sql, columns } = this.insertSql();
        const records = values.map((v) =>
          Object.fromEntries(
            columns.map((c) => [c.name, (v as Record<string, unknown>)[c.property] ?? null]),
          ),
        );
        await tx.query(sql, [JSON.stringify(records)]);
      }
      // One profile review each (see MilestoneListeners.defendersImported).
      await this.events.publish(tx, 'DefendersImported', { defenderIds: ids, at: now });
      await this.audit.recordMany(tx, actor, entries, now);
    });
    return { rows: rows.length, imported: ids.length, ids };
  }

  private insertSqlCache?: { sql: string; columns: { property: string; name: string }[] };

  /**
   * One INSERT of many records from a JSON array (TypeORM's multi-row insert builder spends
   * seconds on 10,000 rows; this takes a fraction). Column names, array columns and defaults
   * come from the entity's metadata, so they follow the entity.
   */
  private insertSql(): { sql: string; columns: { property: string; name: string }[] } {
    if (this.insertSqlCache) return this.insertSqlCache;
    const metadata = this.dataSource.getMetadata(Defender);
    // The legacy `nationality` has become `nationalities` by now (normaliseDefenderInput).
    const columns = ['id', ...DEFENDER_TEMPLATE_COLUMNS.map((c) => c.name)].map((name) => {
      const column = metadata.findColumnWithPropertyName(name);
      if (!column) throw new Error(`Defender has no column ${name}`);
      const kind = DEFENDER_TEMPLATE_COLUMNS.find((c) => c.name === name)?.kind;
      const type =
        name === 'id' ? 'uuid' : kind === 'date' ? 'date' : kind === 'year' ? 'smallint' : 'text';
      const value = `r.${column.databaseName}`;
      const fallback =
        typeof column.default === 'function'
          ? (column.default as () => string)()
          : typeof column.default === 'string'
            ? `'${column.default.replace(/'/g, "''")}'`
            : null;
      return {
        property: name,
        name: column.databaseName,
        type: column.isArray ? `${type}[]` : type,
        select: fallback ? `coalesce(${value}, ${fallback})` : value,
      };
    });
    const version = metadata.versionColumn!.databaseName;
    const sql = `INSERT INTO defenders (${columns.map((c) => c.name).join(', ')}, ${version})
      SELECT ${columns.map((c) => c.select).join(', ')}, 1
        FROM jsonb_to_recordset($1::jsonb)
          AS r(${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`;
    this.insertSqlCache = { sql, columns };
    return this.insertSqlCache;
  }
}
