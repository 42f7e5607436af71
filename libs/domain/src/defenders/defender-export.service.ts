import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Clock,
  CSV_BOM,
  ForbiddenError,
  type Actor,
  type AuditEntry,
} from '@witness/platform';
import { DataSource } from 'typeorm';
import { CASE_EDITORS } from '../access';
import { defenderExportHeader, defenderExportRow } from './defender-csv';
import type { DefenderListQuery } from './defender.types';
import { toDefenderView } from './defender.view';
import { DefendersService } from './defenders.service';

export type DefenderExportFormat = 'csv' | 'json';
export type DefenderExportQuery = Omit<DefenderListQuery, 'limit' | 'cursor'>;

export interface DefenderExport {
  /** Records matching the filters when the export started (what the audit event says). */
  rows: number;
  /** The file, piece by piece: one piece per page of records. */
  body: AsyncGenerator<string>;
}

/** Records per query while streaming: memory stays flat however many records match. */
const PAGE = 1000;

/**
 * Exports of case records with the list's filters and need-to-know, built from the same view
 * the API shows: no column of ENCRYPTED_COLUMNS is loaded (each is mapped `select: false`), so
 * none is exported, in clear or as ciphertext. Each export is audited before
 * its first byte leaves, and so is the read of each restricted case in it.
 */
@Injectable()
export class DefenderExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly defenders: DefendersService,
    private readonly audit: AuditService,
  ) {}

  async open(
    query: DefenderExportQuery,
    format: DefenderExportFormat,
    actor: Actor,
  ): Promise<DefenderExport> {
    if (!CASE_EDITORS.includes(actor.role)) {
      throw new ForbiddenError('Exports are for caseworkers, coordinators and admins.');
    }
    const stats = await this.defenders
      .filtered(query, actor)
      .select('count(*)::int', 'rows')
      .addSelect(`array_agg(d.id) FILTER (WHERE d.access = 'restricted')`, 'restricted')
      .getRawOne<{ rows: number; restricted: string[] | null }>();
    const rows = stats?.rows ?? 0;
    const restricted = stats?.restricted ?? [];
    const filters = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    const now = this.clock.now();
    // Recorded up front, in its own short transaction: an export that fails half-way has
    // still been recorded (data may have left), and the stream holds no transaction open.
    await this.dataSource.transaction((tx) =>
      this.audit.recordMany(
        tx,
        actor,
        [
          {
            action: 'defender.export',
            entityType: 'defender_export',
            changes: { format, filters, rows },
          },
          ...restricted.map((id): AuditEntry => ({
            action: 'defender.read_restricted',
            entityType: 'defender',
            entityId: id,
            subjectId: id,
            changes: { via: 'export' },
          })),
        ],
        now,
      ),
    );
    return { rows, body: this.pages(query, format, actor, this.clock.today()) };
  }

  /** Keyset pages, newest first; a page per query, no transaction held between them. */
  private async *pages(
    query: DefenderExportQuery,
    format: DefenderExportFormat,
    actor: Actor,
    today: string,
  ): AsyncGenerator<string> {
    yield format === 'csv' ? CSV_BOM + defenderExportHeader() : '[';
    let after: string | null = null;
    let first = true;
    for (;;) {
      const qb = this.defenders.filtered(query, actor).orderBy('d.seq', 'DESC').limit(PAGE);
      if (after !== null) qb.andWhere('d.seq < :exportAfter', { exportAfter: after });
      const page = await qb.getMany();
      let piece = '';
      for (const d of page) {
        const view = toDefenderView(d, today);
        if (format === 'csv') {
          piece += defenderExportRow(view);
        } else {
          piece += `${first ? '\n' : ',\n'}${JSON.stringify(view)}`;
          first = false;
        }
      }
      if (piece) yield piece;
      if (page.length < PAGE) break;
      after = page[page.length - 1].seq;
    }
    if (format === 'json') yield '\n]\n';
  }
}
