import { Injectable } from '@nestjs/common';
import {
  assertVersion,
  AuditService,
  Clock,
  decodeKeyCursor,
  encodeKeyCursor,
  jobIds,
  NotFoundError,
  OutboxService,
  QueueName,
  ReminderJob,
  ValidationFailedError,
  type AuditEntry,
  type Page,
} from '@witness/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Actor } from '../shared/actor';
import { calendarEntryMatchKey } from './calendar-parse';
import {
  auditOf,
  calendarEntryView,
  DRY_RUN,
  deadlineKey,
  definedOnly,
  inputOf,
  mayEdit,
  normalise,
  sameEntry,
  throwIfInvalid,
} from './un-calendar-entries';
import {
  UnCalendarOpportunities,
  type OpportunityPage,
  type OpportunityQuery,
} from './un-calendar-opportunities';
import { validateEntry } from './un-calendar-rules';
import { UnCalendarDeadline, UnCalendarEntry } from './un-calendar.entity';
import type {
  CalendarEntryInput,
  CalendarEntryQuery,
  CalendarEntryView,
  CalendarImportResult,
} from './un-calendar.types';

export type CalendarEntryPatch = Partial<CalendarEntryInput>;

export interface CalendarPageQuery extends CalendarEntryQuery {
  limit?: number;
  cursor?: string;
}

/** An unbounded read still stops here: a calendar holds dozens of entries a year. */
const LIST_CAP = 1000;

/**
 * The UN calendar: sessions and reviews (API, importer, feeds, web). Every change is audited
 * and, in the same transaction, asks the worker (outbox) to bring the entry's milestones in
 * step with it: a UPR session can fit thousands of cases, too many for one request.
 */
@Injectable()
export class UnCalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly opportunityFinder: UnCalendarOpportunities,
  ) {}

  /** The pure checks, for the importer to run before it writes anything. */
  validateEntry(input: CalendarEntryInput, prefix = ''): ReturnType<typeof validateEntry> {
    return validateEntry(normalise(input), prefix);
  }

  /** Entries in a window (by first day), each with its deadlines. For feeds and the web's month view. */
  async list(query: CalendarEntryQuery, _actor: Actor): Promise<CalendarEntryView[]> {
    const qb = this.filtered(query).orderBy('e.starts_on').addOrderBy('e.id').limit(LIST_CAP);
    return this.withDeadlines(this.dataSource.manager, await qb.getMany());
  }

  /** The API's keyset-paginated list, by first day. */
  async page(query: CalendarPageQuery, _actor: Actor): Promise<Page<CalendarEntryView>> {
    const limit = query.limit ?? 50;
    const qb = this.filtered(query)
      .orderBy('e.starts_on')
      .addOrderBy('e.id')
      .limit(limit + 1);
    if (query.cursor) {
      const c = decodeKeyCursor(query.cursor);
      qb.andWhere('(e.starts_on, e.id) > (:cStart, :cId)', { cStart: c.key, cId: c.id });
    }
    const rows = await qb.getMany();
    const more = rows.length > limit;
    const data = await this.withDeadlines(this.dataSource.manager, rows.slice(0, limit));
    const last = data[data.length - 1];
    return { data, nextCursor: more && last ? encodeKeyCursor(last.startsOn, last.id) : null };
  }

  async get(id: string, _actor: Actor): Promise<CalendarEntryView> {
    const entry = await this.load(this.dataSource.manager, id);
    const [view] = await this.withDeadlines(this.dataSource.manager, [entry]);
    return view;
  }

  async create(input: CalendarEntryInput, actor: Actor): Promise<CalendarEntryView> {
    mayEdit(actor);
    const clean = normalise(input);
    throwIfInvalid(validateEntry(clean));
    const id = await this.dataSource.transaction(async (tx) => {
      await this.assertNoTwin(tx, clean, null);
      const entry = await this.write(tx, tx.create(UnCalendarEntry, {}), clean, actor);
      await this.audit.record(tx, actor, auditOf('un_calendar.create', null, entry.view));
      return entry.view.id;
    });
    return this.get(id, actor);
  }

  async update(
    id: string,
    patch: CalendarEntryPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<CalendarEntryView> {
    mayEdit(actor);
    await this.dataSource.transaction(async (tx) => {
      const entity = await this.load(tx, id, true);
      assertVersion('calendar entry', expectedVersion, entity.version);
      const [before] = await this.withDeadlines(tx, [entity]);
      const clean = normalise({ ...inputOf(before), ...definedOnly(patch) });
      throwIfInvalid(validateEntry(clean));
      await this.assertNoTwin(tx, clean, id);
      const after = await this.write(tx, entity, clean, actor);
      await this.audit.record(tx, actor, auditOf('un_calendar.update', before, after.view));
    });
    return this.get(id, actor);
  }

  /** Removes an entry; the worker then cancels the milestones that came from it. */
  async remove(id: string, actor: Actor): Promise<void> {
    mayEdit(actor);
    await this.dataSource.transaction(async (tx) => {
      const entity = await this.load(tx, id, true);
      const [before] = await this.withDeadlines(tx, [entity]);
      await tx.delete(UnCalendarEntry, { id });
      await this.requestSync(tx, id, 'removed');
      await this.audit.record(tx, actor, auditOf('un_calendar.delete', before, null));
    });
  }

  /**
   * Loads many entries at once (the CLI's `calendar:import`): all or nothing, in one
   * transaction. Each entry is matched to an existing one on (kind, body, number), or on
   * (kind, title, first day) when it has no number; an unchanged one is left alone.
   * Problems name `entries[i].field`. A dry run does all of it and rolls back.
   */
  async importEntries(
    entries: CalendarEntryInput[],
    actor: Actor,
    options: { dryRun?: boolean } = {},
  ): Promise<CalendarImportResult> {
    mayEdit(actor);
    const clean = entries.map(normalise);
    const errors = clean.flatMap((e, i) => validateEntry(e, `entries[${i}].`));
    const keys = new Map<string, number>();
    clean.forEach((e, i) => {
      const k = calendarEntryMatchKey(e);
      const first = keys.get(k);
      if (first !== undefined)
        errors.push({
          field: `entries[${i}]`,
          message: `is the same session as entries[${first}]`,
        });
      else keys.set(k, i);
    });
    throwIfInvalid(errors);
    let outcome: CalendarImportResult | undefined;
    await this.dataSource
      .transaction(async (tx) => {
        const result: CalendarImportResult = { created: 0, updated: 0, unchanged: 0 };
        const audits: AuditEntry[] = [];
        for (const input of clean) {
          const existing = await this.findTwin(tx, input, null);
          if (!existing) {
            const { view } = await this.write(tx, tx.create(UnCalendarEntry, {}), input, actor);
            audits.push(auditOf('un_calendar.create', null, view));
            result.created++;
            continue;
          }
          const [before] = await this.withDeadlines(tx, [existing]);
          if (sameEntry(inputOf(before), input)) {
            result.unchanged++;
            continue;
          }
          const { view } = await this.write(tx, existing, input, actor);
          audits.push(auditOf('un_calendar.update', before, view));
          result.updated++;
        }
        if (audits.length) await this.audit.recordMany(tx, actor, audits);
        outcome = result;
        if (options.dryRun) throw DRY_RUN;
      })
      .catch((e: unknown) => {
        if (e !== DRY_RUN) throw e;
      });
    return outcome as CalendarImportResult;
  }

  /** The cases the entry is a window for action for, that the actor may see. */
  async opportunities(id: string, query: OpportunityQuery, actor: Actor): Promise<OpportunityPage> {
    return this.opportunityFinder.forEntry(await this.get(id, actor), query, actor);
  }

  // --- internals -------------------------------------------------------------------------

  private filtered(query: CalendarEntryQuery) {
    const qb = this.dataSource.manager.createQueryBuilder(UnCalendarEntry, 'e');
    if (query.kind) qb.andWhere('e.kind = :kind', { kind: query.kind });
    // In a window: a day of the session, or one of its deadlines, falls within it.
    if (query.from || query.to) {
      const from = query.from ?? '0001-01-01';
      const to = query.to ?? '9999-12-31';
      qb.andWhere(
        `((e.ends_on >= :from AND e.starts_on <= :to) OR EXISTS (SELECT 1 FROM un_calendar_deadlines w
           WHERE w.entry_id = e.id AND w.due_on BETWEEN :from AND :to))`,
        { from, to },
      );
    }
    if (query.country) qb.andWhere(':country = ANY(e.countries)', { country: query.country });
    return qb;
  }

  private async load(tx: EntityManager, id: string, lock = false): Promise<UnCalendarEntry> {
    const entry = await tx.findOne(UnCalendarEntry, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!entry) throw new NotFoundError('calendar entry', id);
    return entry;
  }

  private async withDeadlines(
    tx: EntityManager,
    entries: UnCalendarEntry[],
  ): Promise<CalendarEntryView[]> {
    if (!entries.length) return [];
    const deadlines = await tx.find(UnCalendarDeadline, {
      where: { entryId: In(entries.map((e) => e.id)) },
      order: { dueOn: 'ASC', kind: 'ASC', country: 'ASC' },
    });
    return entries.map((e) =>
      calendarEntryView(
        e,
        deadlines.filter((d) => d.entryId === e.id),
      ),
    );
  }

  /** Another entry for the same session: numbered ones are unique per (kind, body, number). */
  private async assertNoTwin(tx: EntityManager, e: CalendarEntryInput, self: string | null) {
    const twin = await this.findTwin(tx, e, self);
    if (twin && e.number != null)
      throw ValidationFailedError.field(
        'number',
        `${e.kind} ${e.number} is already on the calendar (entry ${twin.id})`,
      );
  }

  private async findTwin(
    tx: EntityManager,
    e: CalendarEntryInput,
    self: string | null,
  ): Promise<UnCalendarEntry | null> {
    const qb = tx
      .createQueryBuilder(UnCalendarEntry, 'e')
      .where('e.kind = :kind AND e.body = :body', { kind: e.kind, body: e.body ?? '' });
    if (e.number != null) qb.andWhere('e.number = :number', { number: e.number });
    else
      qb.andWhere('e.number IS NULL AND e.title = :title AND e.starts_on = :startsOn', {
        title: e.title,
        startsOn: e.startsOn,
      });
    if (self) qb.andWhere('e.id <> :self', { self });
    return qb.setLock('pessimistic_write').getOne();
  }

  /** Saves the entry and its deadlines (kept by kind and state), and asks for a milestone sync. */
  private async write(
    tx: EntityManager,
    entity: UnCalendarEntry,
    input: CalendarEntryInput,
    actor: Actor,
  ): Promise<{ view: CalendarEntryView }> {
    const isNew = !entity.id;
    const versionBefore = entity.version;
    entity.kind = input.kind;
    entity.number = input.number ?? null;
    entity.body = input.body ?? '';
    entity.title = input.title;
    entity.startsOn = input.startsOn;
    entity.endsOn = input.endsOn;
    entity.location = input.location ?? null;
    entity.countries = input.countries ?? [];
    entity.notes = input.notes ?? null;
    entity.sourceUrl = input.sourceUrl ?? null;
    entity.sample = input.sample ?? false;
    if (isNew) entity.createdBy = actor.userId;
    const saved = await tx.save(entity);
    const existing = isNew
      ? []
      : await tx.find(UnCalendarDeadline, { where: { entryId: saved.id } });
    const wanted = new Map(
      (input.deadlines ?? []).map((d) => [deadlineKey(d.kind, d.country ?? ''), d]),
    );
    const gone = existing.filter((d) => !wanted.has(deadlineKey(d.kind, d.country)));
    if (gone.length) await tx.delete(UnCalendarDeadline, { id: In(gone.map((d) => d.id)) });
    let deadlinesChanged = gone.length > 0;
    for (const [key, d] of wanted) {
      const row =
        existing.find((x) => deadlineKey(x.kind, x.country) === key) ??
        tx.create(UnCalendarDeadline, {
          entryId: saved.id,
          kind: d.kind,
          country: d.country ?? '',
        });
      if (row.id && row.dueOn === d.dueOn && row.label === (d.label ?? null)) continue;
      row.dueOn = d.dueOn;
      row.label = d.label ?? null;
      await tx.save(row);
      deadlinesChanged = true;
    }
    // A change of deadlines alone leaves the row's version as it was: bump it, so the ETag
    // changes and the sync job of this change has an id of its own.
    if (!isNew && deadlinesChanged && saved.version === versionBefore) {
      await tx.query(
        'UPDATE un_calendar_entries SET version = version + 1, updated_at = now() WHERE id = $1',
        [saved.id],
      );
    }
    const fresh = await tx.findOneByOrFail(UnCalendarEntry, { id: saved.id });
    await this.requestSync(tx, fresh.id, fresh.version);
    const [view] = await this.withDeadlines(tx, [fresh]);
    return { view };
  }

  private requestSync(tx: EntityManager, entryId: string, version: number | 'removed') {
    return this.outbox.add(tx, {
      queue: QueueName.Reminders,
      name: ReminderJob.CalendarSync,
      jobId: jobIds.calendarSync(entryId, version),
      payload: { entryId },
      availableAt: this.clock.now(),
    });
  }
}
