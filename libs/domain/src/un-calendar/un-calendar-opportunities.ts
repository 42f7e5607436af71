import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, ValidationFailedError, type Page } from '@witness/platform';
import { DataSource, In } from 'typeorm';
import { caseVisibleSql, linkedVisibleSql } from '../access';
import { Defender } from '../defenders';
import { Escalation } from '../escalations';
import type { Actor } from '../shared/actor';
import { relevanceOf } from './un-calendar-entries';
import { OPPORTUNITY_REASONS, relevanceSql, type OpportunityReason } from './un-calendar-relevance';
import type { CalendarDeadlineView, CalendarEntryView } from './un-calendar.types';

export interface OpportunityQuery {
  /** Only defenders of this state (e.g. one state under review at a UPR session). */
  country?: string;
  limit?: number;
  cursor?: string;
}

export interface OpportunityView {
  defender: {
    id: string;
    fullName: string;
    country: string;
    status: string;
    access: string;
    detainedSince: string | null;
  };
  reason: OpportunityReason;
  reasonText: string;
  /** The escalations that make the case fit (none for a UPR state-under-review match). */
  escalations: {
    id: string;
    kind: string;
    state: string;
    ownerId: string | null;
    replyDueOn: string | null;
    hrcSession: string | null;
  }[];
  /** The entry's deadlines that apply to this case (its state's, and those for all). */
  deadlines: CalendarDeadlineView[];
}

export interface OpportunityPage extends Page<OpportunityView> {
  entry: CalendarEntryView;
}

/** The cases a calendar entry is a window for action for (UnCalendarService.opportunities). */
@Injectable()
export class UnCalendarOpportunities {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The cases an entry is a window for action for, that the actor may see: the rule of its
   * kind (see relevanceSql), by defender name, keyset-paginated.
   */
  async forEntry(
    entry: CalendarEntryView,
    query: OpportunityQuery,
    actor: Actor,
  ): Promise<OpportunityPage> {
    // Cases the actor may see, each with the escalations the actor may see (a group
    // escalation with a case hidden from them neither lists a case nor is shown).
    const relevance = relevanceSql(
      relevanceOf(entry),
      linkedVisibleSql(actor, {
        table: 'escalation_defenders',
        column: 'escalation_id',
        ownerAlias: 'e',
      }),
    );
    const visible = caseVisibleSql(actor, 'd');
    const limit = query.limit ?? 50;
    const qb = this.dataSource
      .createQueryBuilder()
      .select([
        'd.id AS id',
        'd.full_name AS full_name',
        'd.country AS country',
        'd.status AS status',
        'd.access AS access',
        'd.detained_since::text AS detained_since',
        'r.escalation_ids AS escalation_ids',
      ])
      .from(`(${relevance.sql})`, 'r')
      .innerJoin(Defender, 'd', 'd.id = r.defender_id')
      .where(visible.where, visible.params)
      .setParameters(relevance.params)
      .orderBy('d.full_name')
      .addOrderBy('d.id')
      .limit(limit + 1);
    if (query.country) qb.andWhere('d.country = :oppCountry', { oppCountry: query.country });
    if (query.cursor) {
      const c = decodeCursor<{ n: string; i: string }>(query.cursor, { n: 'string', i: 'string' });
      if (!/^[0-9a-f-]{36}$/i.test(c.i))
        throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
      qb.andWhere('(d.full_name, d.id) > (:oppName, :oppId)', { oppName: c.n, oppId: c.i });
    }
    const rows: {
      id: string;
      full_name: string;
      country: string;
      status: string;
      access: string;
      detained_since: string | null;
      escalation_ids: string[];
    }[] = await qb.getRawMany();
    const more = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    const escalationIds = [...new Set(pageRows.flatMap((r) => r.escalation_ids))];
    const escalations = escalationIds.length
      ? await this.dataSource.manager.find(Escalation, {
          where: { id: In(escalationIds) },
          select: {
            id: true,
            kind: true,
            state: true,
            ownerId: true,
            replyDueOn: true,
            hrcSession: true,
          },
        })
      : [];
    const byId = new Map(escalations.map((e) => [e.id, e]));
    const data: OpportunityView[] = pageRows.map((r) => ({
      defender: {
        id: r.id,
        fullName: r.full_name,
        country: r.country,
        status: r.status,
        access: r.access,
        detainedSince: r.detained_since,
      },
      reason: relevance.reason,
      reasonText: OPPORTUNITY_REASONS[relevance.reason],
      escalations: r.escalation_ids
        .map((eid) => byId.get(eid))
        .filter((e): e is Escalation => !!e)
        .map((e) => ({
          id: e.id,
          kind: e.kind,
          state: e.state,
          ownerId: e.ownerId,
          replyDueOn: e.replyDueOn,
          hrcSession: e.hrcSession,
        })),
      deadlines: entry.deadlines.filter((d) => !d.country || d.country === r.country),
    }));
    const last = pageRows[pageRows.length - 1];
    return {
      entry,
      data,
      nextCursor: more && last ? encodeCursor({ n: last.full_name, i: last.id }) : null,
    };
  }
}
