import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, type Env } from '@witness/platform';
import { DataSource } from 'typeorm';
import { MilestoneSync } from '../milestones';
import { addDays } from '../shared/schedule';
import { relevanceSql } from './un-calendar-relevance';
import { deadlineTitle, deadlineTitleMessage, MILESTONE_KIND_FOR } from './un-calendar-rules';
import { UnCalendarDeadline, UnCalendarEntry } from './un-calendar.entity';
import { calendarEntryView, relevanceOf } from './un-calendar.service';
import type { CalendarDeadlineView, CalendarEntryView } from './un-calendar.types';

export interface CalendarSyncResult {
  /** Milestones opened, moved or reassigned. */
  changed: number;
  cancelled: number;
}

interface Relevant {
  defender_id: string;
  country: string;
  owner_ids: string[];
}

interface Existing {
  source_key: string;
  due_on: string;
  title: string;
  has_message: boolean;
  status: string;
  assignee_ids: string[];
}

/** Writes per transaction: short locks while a UPR session fits thousands of cases. */
const BATCH = 200;

/**
 * Keeps the milestones that come from the UN calendar in step with it (worker side). For each
 * deadline of an entry that falls between today and the horizon (UN_CALENDAR_HORIZON_DAYS),
 * every case the entry is relevant to gets one milestone (source `un_calendar`, key
 * `<deadline id>:<defender id>`), for the owners of the escalations concerned or, when there
 * are none, the case's assignees; reminders go through the ordinary pipeline. A case that no
 * longer fits, or a deadline moved beyond the horizon or removed, has its milestone cancelled;
 * past deadlines keep theirs as history. An entry without deadlines uses its first day.
 */
@Injectable()
export class UnCalendarSync {
  private readonly logger = new Logger(UnCalendarSync.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly milestones: MilestoneSync,
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** After an edit, an import or a removal of one entry. Idempotent. */
  async syncEntry(entryId: string): Promise<CalendarSyncResult> {
    const entity = await this.dataSource.manager.findOneBy(UnCalendarEntry, { id: entryId });
    if (!entity) return { changed: 0, cancelled: await this.cancelOrphans() };
    const deadlines = await this.dataSource.manager.find(UnCalendarDeadline, {
      where: { entryId },
    });
    const entry = calendarEntryView(entity, deadlines);
    const relevant = await this.relevant(entry);
    const total: CalendarSyncResult = { changed: 0, cancelled: 0 };
    // No deadline: the session's first day stands in, under the entry's own id.
    const targets: (CalendarDeadlineView | null)[] = entry.deadlines.length
      ? entry.deadlines
      : [null];
    for (const d of targets) {
      const r = await this.syncTarget(entry, d, relevant);
      total.changed += r.changed;
      total.cancelled += r.cancelled;
    }
    // The first day's, once the entry has deadlines; and those of deadlines removed from it.
    total.cancelled += (await this.cancelOrphans(entry)) + (await this.cancelOrphans());
    return total;
  }

  /** Daily: entries whose deadlines come into range, and cases that started or stopped fitting. */
  async syncUpcoming(): Promise<CalendarSyncResult> {
    const today = this.clock.today();
    const horizon = addDays(today, this.config.get('UN_CALENDAR_HORIZON_DAYS', { infer: true }));
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT e.id FROM un_calendar_entries e
        WHERE e.ends_on >= $1 AND (e.starts_on <= $2 OR EXISTS (
          SELECT 1 FROM un_calendar_deadlines d WHERE d.entry_id = e.id AND d.due_on BETWEEN $1 AND $2))`,
      [today, horizon],
    );
    const total: CalendarSyncResult = { changed: 0, cancelled: await this.cancelOrphans() };
    for (const { id } of rows) {
      const r = await this.syncEntry(id);
      total.changed += r.changed;
      total.cancelled += r.cancelled;
    }
    return total;
  }

  private async relevant(entry: CalendarEntryView): Promise<Relevant[]> {
    const rel = relevanceSql(relevanceOf(entry));
    return this.dataSource
      .createQueryBuilder()
      .select(['r.defender_id AS defender_id', 'd.country AS country', 'r.owner_ids AS owner_ids'])
      .from(`(${rel.sql})`, 'r')
      .innerJoin('un_calendar_cases', 'd', 'd.id = r.defender_id')
      .setParameters(rel.params)
      .getRawMany<Relevant>();
  }

  private async syncTarget(
    entry: CalendarEntryView,
    d: CalendarDeadlineView | null,
    relevant: Relevant[],
  ): Promise<CalendarSyncResult> {
    const key = d?.id ?? entry.id;
    const dueOn = d?.dueOn ?? entry.startsOn;
    const today = this.clock.today();
    const horizon = addDays(today, this.config.get('UN_CALENDAR_HORIZON_DAYS', { infer: true }));
    // A deadline already passed keeps its milestones as they are: history, not to be undone.
    if (dueOn < today) return { changed: 0, cancelled: 0 };
    const existing = new Map(
      (
        await this.dataSource.query<Existing[]>(
          `SELECT source_key, to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS due_on, title,
                  has_message, status, assignee_ids
             FROM un_calendar_milestones WHERE source = 'un_calendar' AND source_key LIKE $1`,
          [`${key}:%`],
        )
      ).map((m) => [m.source_key, m]),
    );
    const wanted =
      dueOn <= horizon ? relevant.filter((r) => !d?.country || d.country === r.country) : [];
    const title = deadlineTitle(entry, d);
    const titleMessage = deadlineTitleMessage(entry, d);
    const kind = MILESTONE_KIND_FOR[entry.kind];
    const ops: { defenderId: string; dueOn: string | null; assigneeIds: string[] }[] = [];
    const keep = new Set<string>();
    for (const r of wanted) {
      const sourceKey = `${key}:${r.defender_id}`;
      keep.add(sourceKey);
      const assigneeIds = [...r.owner_ids].sort();
      const m = existing.get(sourceKey);
      const same =
        m &&
        m.status !== 'cancelled' &&
        m.due_on === dueOn &&
        m.title === title &&
        m.has_message &&
        JSON.stringify([...m.assignee_ids].sort()) === JSON.stringify(assigneeIds);
      if (!same) ops.push({ defenderId: r.defender_id, dueOn, assigneeIds });
    }
    for (const [sourceKey, m] of existing) {
      if (!keep.has(sourceKey) && m.status === 'open')
        ops.push({ defenderId: sourceKey.slice(key.length + 1), dueOn: null, assigneeIds: [] });
    }
    for (let i = 0; i < ops.length; i += BATCH) {
      await this.dataSource.transaction(async (tx) => {
        for (const op of ops.slice(i, i + BATCH)) {
          await this.milestones.syncCalendarDeadline(tx, {
            deadlineId: key,
            defenderId: op.defenderId,
            kind,
            title,
            titleMessage,
            dueOn: op.dueOn,
            assigneeIds: op.assigneeIds,
          });
        }
      });
    }
    const cancelled = ops.filter((o) => o.dueOn === null).length;
    if (ops.length)
      this.logger.log({ entryId: entry.id, key, changed: ops.length - cancelled, cancelled });
    return { changed: ops.length - cancelled, cancelled };
  }

  /**
   * Open milestones that lost their origin. With an entry: those of its first day once it has
   * deadlines. Without: those of every removed deadline or entry (their ids are gone, so
   * they are found by what no longer exists).
   */
  private async cancelOrphans(entry?: CalendarEntryView): Promise<number> {
    let rows: { source_key: string }[] = [];
    if (entry) {
      if (entry.deadlines.length)
        rows = await this.dataSource.query(
          `SELECT source_key FROM un_calendar_milestones
            WHERE source = 'un_calendar' AND status = 'open' AND source_key LIKE $1`,
          [`${entry.id}:%`],
        );
    } else {
      rows = await this.dataSource.query(
        `SELECT m.source_key FROM un_calendar_milestones m
          WHERE m.source = 'un_calendar' AND m.status = 'open'
            AND NOT EXISTS (SELECT 1 FROM un_calendar_deadlines d
                             WHERE d.id::text = split_part(m.source_key, ':', 1))
            AND NOT EXISTS (SELECT 1 FROM un_calendar_entries e
                             WHERE e.id::text = split_part(m.source_key, ':', 1))`,
      );
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      await this.dataSource.transaction(async (tx) => {
        for (const { source_key } of rows.slice(i, i + BATCH)) {
          const [deadlineId, defenderId] = source_key.split(':');
          await this.milestones.syncCalendarDeadline(tx, {
            deadlineId,
            defenderId,
            kind: 'custom',
            title: '',
            dueOn: null,
            assigneeIds: [],
          });
        }
      });
    }
    return rows.length;
  }
}
