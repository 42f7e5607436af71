import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  assertVersion,
  AuditService,
  Clock,
  CompiledSelect,
  EventBus,
  diffForAudit,
  FieldCipher,
  type AuditView,
  decodeCursor,
  encodeCursor,
  NotFoundError,
  Page,
  ValidationFailedError,
  type FieldError,
} from '@witness/platform';
import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import {
  decidesAccess,
  seesSensitive,
  AccessService,
  type AssigneeView,
  DefenderAssignee,
} from '../access';
import { caseConsents } from './case-consents';
import type { DomainEvents } from '../shared/events';
import type { Actor } from '../shared/actor';
import { Defender } from './defender.entity';
import { SEARCH_TSQUERY_SQL, toPrefixTsquery } from './defender-search';
import type {
  CaseChange,
  Contact,
  DefenderInput,
  DefenderListItem,
  DefenderListQuery,
  DefenderPatch,
  DefenderView,
  RecentlyChangedCase,
} from './defender.types';
import { toDefenderView } from './defender.view';
import { cipherContext } from '../shared/encrypted-columns';
import {
  isDeprivedOfLiberty,
  openEpisodeDays,
  type DefenderStatus,
} from '../shared/detention-status';
import type { AccessLevel, RiskLevel } from '../shared/vocabulary';

type SeqCursor = { s: string };
/** Rank and seq of a search page's last row; `m` 1 when names were matched by trigrams. */
type RankCursor = { r: number; s: string; m: number };

const contactsContext = (id: string) => cipherContext('defenders', 'contactsEnc', id);
const notesContext = (id: string) => cipherContext('defenders', 'confidentialNotesEnc', id);
const addressContext = (id: string) => cipherContext('defenders', 'usualAddressEnc', id);

/** The editable fields as the audit trail compares them (sensitive ones only named). */
function auditable(
  d: Partial<Defender> & {
    contacts?: unknown;
    confidentialNotes?: unknown;
    usualAddress?: unknown;
  },
) {
  const {
    searchVector: _s,
    seq: _q,
    contactsEnc: _c,
    confidentialNotesEnc: _n,
    usualAddressEnc: _a,
    usualAddress: _u,
    ...rest
  } = d;
  return rest as Record<string, unknown>;
}

@Injectable()
export class DefendersService {
  constructor(
    @InjectRepository(Defender) private readonly repo: Repository<Defender>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly events: EventBus<DomainEvents>,
  ) {}

  private readonly byIdSelects = new Map<string, CompiledSelect<Defender>>();

  async create(input: DefenderInput, actor: Actor): Promise<DefenderView> {
    this.checkRules(input);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      const { contacts, confidentialNotes, usualAddress, ...fields } = normalise(input);
      const entity = tx.create(Defender, {
        ...fields,
        id,
        contactsEnc: contacts?.length
          ? this.cipher.encryptJson(contacts, contactsContext(id))
          : null,
        confidentialNotesEnc: confidentialNotes
          ? this.cipher.encrypt(confidentialNotes, notesContext(id))
          : null,
        usualAddressEnc: usualAddress
          ? this.cipher.encrypt(usualAddress, addressContext(id))
          : null,
      });
      await tx.insert(Defender, entity);
      // Whoever opens a restricted case keeps access to it. A caseworker may open a case as
      // restricted (protecting someone is theirs to do; see decidesAccess), never change the
      // access of one already open (`update`).
      if (actor.userId && actor.role === 'caseworker') {
        await tx.insert(DefenderAssignee, {
          defenderId: id,
          userId: actor.userId,
          assignedBy: actor.userId,
          assignedAt: this.clock.now(),
        });
      }
      await this.events.publish(tx, 'DefenderChanged', {
        defenderId: id,
        changedAt: this.clock.now(),
        archived: false,
        actor,
      });
      await this.audit.record(tx, actor, {
        action: 'defender.create',
        entityType: 'defender',
        entityId: id,
        subjectId: id,
        changes: {
          ...diffForAudit(
            null,
            auditable({ ...fields, contacts, confidentialNotes } as Partial<Defender>),
          ),
          ...(usualAddress ? { usualAddress: { from: null, to: '[redacted]' } } : {}),
        },
      });
    });
    return this.get(id, actor);
  }

  /** One case record (404 if the actor may not see it); archived ones only when asked for. */
  async get(id: string, actor: Actor, options: { archived?: boolean } = {}): Promise<DefenderView> {
    const d = await this.find(this.dataSource.manager, id, {
      ...options,
      actor,
      sensitive: seesSensitive(actor),
    });
    const view = toDefenderView(d, this.clock.today());
    if (seesSensitive(actor)) {
      view.contacts = d.contactsEnc
        ? this.cipher.decryptJson<Contact[]>(d.contactsEnc, contactsContext(d.id))
        : [];
      view.confidentialNotes = d.confidentialNotesEnc
        ? this.cipher.decrypt(d.confidentialNotesEnc, notesContext(d.id))
        : null;
      view.usualAddress = this.usualAddress(d);
    }
    view.consents = await caseConsents(this.dataSource.manager, d.id, this.clock.today());
    return view;
  }

  async update(
    id: string,
    patch: DefenderPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<DefenderView> {
    const conflict = nationalityConflict(patch);
    if (conflict.length) throw new ValidationFailedError(conflict);
    if (patch.access !== undefined && !decidesAccess(actor)) {
      // Who may know of a case is a decider's call (see decidesAccess): refused whole, and
      // audited, once the case is known to be one the actor may see (404 otherwise).
      await this.find(this.dataSource.manager, id, { actor, reading: false });
      await this.access.refuseDecisions(
        actor,
        { access: patch.access },
        { entityType: 'defender', entityId: id, subjectId: id },
      );
    }
    await this.dataSource.transaction(async (tx) => {
      const d = await this.find(tx, id, { lock: true, actor, sensitive: true, reading: false });
      assertVersion('defender', expectedVersion, d.version);
      const { contacts, confidentialNotes, usualAddress, ...changes } = normalise(patch);
      this.checkRules({ ...d, ...changes } as DefenderInput);
      const before = auditable({ ...d });
      const becomesRestricted = d.access !== 'restricted' && changes.access === 'restricted';
      const accessChanged = changes.access !== undefined && changes.access !== d.access;
      tx.merge(Defender, d, changes);
      const sensitiveChanged: Record<string, { from: string | null; to: string | null }> = {};
      if (contacts !== undefined) {
        d.contactsEnc = contacts?.length
          ? this.cipher.encryptJson(contacts, contactsContext(id))
          : null;
        sensitiveChanged.contacts = { from: '[redacted]', to: '[redacted]' };
      }
      if (confidentialNotes !== undefined) {
        d.confidentialNotesEnc = confidentialNotes
          ? this.cipher.encrypt(confidentialNotes, notesContext(id))
          : null;
        sensitiveChanged.confidentialNotes = { from: '[redacted]', to: '[redacted]' };
      }
      if (usualAddress !== undefined) {
        d.usualAddressEnc = usualAddress
          ? this.cipher.encrypt(usualAddress, addressContext(id))
          : null;
        sensitiveChanged.usualAddress = { from: '[redacted]', to: '[redacted]' };
      }
      await tx.save(d);
      await this.events.publish(tx, 'DefenderChanged', {
        defenderId: id,
        changedAt: this.clock.now(),
        archived: false,
        actor,
      });
      await this.audit.record(tx, actor, {
        action: 'defender.update',
        entityType: 'defender',
        entityId: id,
        subjectId: id,
        changes: { ...diffForAudit(before, auditable({ ...d })), ...sensitiveChanged },
      });
      // Reminders follow who may see the case; a restricted case has no public profile (nor
      // can it be featured while restricted): unpublished in the same transaction.
      if (accessChanged)
        await this.events.publish(tx, 'DefenderAccessChanged', {
          defenderId: id,
          becameRestricted: becomesRestricted,
          actor,
        });
    });
    return this.get(id, actor);
  }

  /** Archive (soft delete): hidden from lists and reads unless `archived` is asked for. */
  async archive(id: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const d = await this.find(tx, id, { lock: true, actor, reading: false });
      d.archivedAt = this.clock.now();
      await tx.save(d);
      await this.audit.record(tx, actor, {
        action: 'defender.archive',
        entityType: 'defender',
        entityId: id,
        subjectId: id,
        changes: { archivedAt: { from: null, to: d.archivedAt.toISOString() } },
      });
      // Its milestones and pending reminders end; it leaves the public feed.
      await this.events.publish(tx, 'DefenderChanged', {
        defenderId: id,
        changedAt: d.archivedAt,
        archived: true,
        actor,
      });
    });
  }

  async assignees(id: string, actor: Actor): Promise<AssigneeView[]> {
    await this.find(this.dataSource.manager, id, { actor });
    return this.access.assignees(id);
  }

  async assign(id: string, userId: string, actor: Actor): Promise<AssigneeView[]> {
    await this.dataSource.transaction(async (tx) => {
      await this.find(tx, id, { actor, lock: true, reading: false });
      await this.access.assign(tx, id, userId, actor, this.clock.now());
      await this.events.publish(tx, 'DefenderAccessChanged', {
        defenderId: id,
        becameRestricted: false,
        actor,
      });
    });
    return this.access.assignees(id);
  }

  async unassign(id: string, userId: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.find(tx, id, { actor, lock: true, reading: false });
      await this.access.unassign(tx, id, userId, actor);
      // Reminders not yet sent to someone who may no longer see the case are cancelled now.
      await this.events.publish(tx, 'DefenderAccessChanged', {
        defenderId: id,
        becameRestricted: false,
        actor,
      });
    });
  }

  /**
   * The audit events about one case, for those who can see it. An event of a record shared
   * with other cases (a group escalation, a joint action, a dossier, annexes from another
   * case's documents) that names or hangs on a case the reader may not see is left out
   * whole: its ids, names and titles would tell of that case (need-to-know, issue 19). The
   * page is refilled from older events, so it stays `limit` long while there are more.
   */
  async history(
    id: string,
    actor: Actor,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<AuditView>> {
    const m = this.dataSource.manager;
    await this.find(m, id, { actor, archived: true });
    const limit = page.limit ?? 50;
    const data: AuditView[] = [];
    let cursor = page.cursor;
    // Each round reads just what is missing, so the last cursor is right after the last
    // event kept; the bound only stops a pathological history from looping long.
    for (let round = 0; round < HISTORY_REFILL_ROUNDS; round++) {
      const batch = await this.audit.list({ subjectId: id, limit: limit - data.length, cursor });
      const hidden = await this.access.hiddenReferences(m, batch.data.flatMap(refsOf), actor);
      data.push(...batch.data.filter((e) => !refsOf(e).some((r) => hidden.has(r))));
      cursor = batch.nextCursor ?? undefined;
      if (!batch.nextCursor || data.length >= limit) break;
    }
    return { data, nextCursor: cursor ?? null };
  }

  /**
   * A page of the cases the actor may see, as a list shows them (`DefenderListItem`), newest
   * first, or by relevance with `q`. Keyset-paginated on `seq` (no count, no offset): a page
   * reads just its rows through the partial indexes on live cases (ListAndSearchIndexes).
   */
  async list(query: DefenderListQuery, actor: Actor): Promise<Page<DefenderListItem>> {
    const limit = query.limit ?? 50;
    if (query.q !== undefined) return this.search(query, actor, limit);
    const qb = newestFirst(this.filtered(query, actor).select(LIST_ROW_SQL), query);
    if (query.cursor) {
      const c = decodeCursor<SeqCursor>(query.cursor, { s: 'string' });
      assertSeq(c.s);
      qb.andWhere('d.seq < :cs', { cs: c.s });
    }
    const rows = await qb.limit(limit + 1).getRawMany<ListRow>();
    return this.page(rows, limit, (r) => encodeCursor({ s: r.seq }));
  }

  /**
   * Search with bounded ranking: the newest SEARCH_CANDIDATES matches (found through the
   * search and trigram indexes, ordered by `seq`) are ranked, never every match: ranking
   * reads each match's whole search vector (story and timeline included), which on a common
   * word was thousands of vectors per page. Rank = full-text rank + name similarity, so a
   * close spelling of the name comes first; the cursor is (rank, seq) within that set.
   */
  private async search(
    query: DefenderListQuery,
    actor: Actor,
    limit: number,
  ): Promise<Page<DefenderListItem>> {
    const after = query.cursor
      ? decodeCursor<RankCursor>(query.cursor, { r: 'number', s: 'string', m: 'number' })
      : undefined;
    if (after) return this.searchPage(query, actor, limit, after.m === 1, after);
    const fullText = await this.searchPage(query, actor, limit, false);
    // A misspelt name finds nothing by full text: then names are matched by trigrams. Not
    // both at once: similar names of a common first name are thousands of rows to read.
    if (fullText.data.length > 0) return fullText;
    return this.searchPage(query, actor, limit, true);
  }

  private async searchPage(
    query: DefenderListQuery,
    actor: Actor,
    limit: number,
    similarNames: boolean,
    c?: RankCursor,
  ): Promise<Page<DefenderListItem>> {
    const [inner, params] = newestFirst(
      this.filtered({ ...query, similarNames }, actor)
        .select(LIST_ROW_SQL)
        .addSelect(similarNames ? 'NULL::tsvector' : 'd.search_vector', 'sv'),
      query,
    )
      .limit(SEARCH_CANDIDATES)
      .getQueryAndParameters();
    const p = (v: unknown) => `$${params.push(v)}`;
    const tsqParam = p(toPrefixTsquery(query.q as string));
    const tsq = SEARCH_TSQUERY_SQL.replace(':tsq', () => tsqParam);
    const name = p(nameQuery(query.q as string));
    let after = '';
    if (c) {
      assertSeq(c.s);
      if (c.m !== 0 && c.m !== 1)
        throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
      assertRank(c.r);
      const cr = p(c.r);
      after = `WHERE r.rank < CAST(${cr} AS real) OR (r.rank = CAST(${cr} AS real) AND r.seq < ${p(c.s)})`;
    }
    const rows = (await this.dataSource.query(
      `SELECT ${LIST_ROW_NAMES.map((n) => `r."${n}"`).join(', ')}, r.rank FROM (
         SELECT c.*, CAST(coalesce(ts_rank(c.sv, ${tsq}), 0)
                     + similarity(witness_unaccent(lower(c."fullName")), witness_unaccent(lower(${name})))
                     AS real) AS rank
           FROM (${inner}) c) r
       ${after}
       ORDER BY r.rank DESC, r.seq DESC LIMIT ${p(limit + 1)}`,
      params,
    )) as (ListRow & { rank: number })[];
    const m = similarNames ? 1 : 0;
    return this.page(rows, limit, (r) => encodeCursor({ r: Number(r.rank), s: r.seq, m }));
  }

  /**
   * The cases the actor may see whose records changed last (the web app's home page): the
   * profile, but also the timeline, the documents and the consents, read from the audit
   * trail. Each case once, with what changed and when; archived cases and those the actor
   * may not see are left out, and the list is refilled from older changes.
   */
  async recentlyChanged(actor: Actor, limit = 10): Promise<RecentlyChangedCase[]> {
    const latest = new Map<string, { change: CaseChange; at: string }>();
    const shown: RecentlyChangedCase[] = [];
    let beforeId: string | undefined;
    for (let round = 0; round < RECENT_REFILL_ROUNDS && shown.length < limit; round++) {
      const batch = await this.audit.latestAboutSubjects(Object.keys(CHANGE_OF_ACTION), {
        limit: RECENT_BATCH,
        beforeId,
      });
      const fresh: string[] = [];
      for (const a of batch) {
        if (latest.has(a.subjectId)) continue;
        const prefix = Object.keys(CHANGE_OF_ACTION).find((p) => a.action.startsWith(p))!;
        latest.set(a.subjectId, { change: CHANGE_OF_ACTION[prefix], at: a.at });
        fresh.push(a.subjectId);
      }
      if (fresh.length) {
        const rows = await this.filtered({}, actor)
          .select(listColumns(this.repo))
          .andWhere('d.id IN (:...fresh)', { fresh })
          .getMany();
        const today = this.clock.today();
        const byId = new Map(rows.map((d) => [d.id, d]));
        for (const id of fresh) {
          const d = byId.get(id);
          if (!d || shown.length >= limit) continue;
          const { change, at } = latest.get(id)!;
          shown.push({ ...toDefenderView(d, today, { withStory: false }), change, changedAt: at });
        }
      }
      if (batch.length < RECENT_BATCH) break;
      beforeId = batch[batch.length - 1].id;
    }
    return shown;
  }

  /** The cases assigned to the actor (need-to-know still applies), last changed first. */
  async assignedTo(actor: Actor, limit = 20): Promise<{ data: DefenderView[]; more: boolean }> {
    const rows = await this.filtered({}, actor)
      .select(listColumns(this.repo))
      .andWhere(
        'EXISTS (SELECT 1 FROM defender_assignees x WHERE x.defender_id = d.id AND x.user_id = :me)',
        { me: actor.userId },
      )
      .orderBy('d.updated_at', 'DESC')
      .addOrderBy('d.seq', 'DESC')
      .limit(limit + 1)
      .getMany();
    const today = this.clock.today();
    return {
      data: rows.slice(0, limit).map((d) => toDefenderView(d, today, { withStory: false })),
      more: rows.length > limit,
    };
  }

  /**
   * Names of the cases among `ids` the actor may see, in one query: for pages that list
   * records linked to cases (escalations, milestones). Like the list, it reads no sensitive
   * field; a case the actor may not see is simply absent.
   */
  async names(ids: readonly string[], actor: Actor): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.access
      .restrict(this.repo.createQueryBuilder('d'), actor)
      .select(['d.id', 'd.fullName'])
      .andWhere('d.id IN (:...ids)', { ids: unique })
      .getMany();
    return new Map(rows.map((d) => [d.id, d.fullName]));
  }

  /**
   * The list's filters on a defenders query (alias `d`): need-to-know, archived, the field
   * filters and the full-text match (parameter `tsq`). The list and the export share it.
   */
  filtered(
    query: Omit<DefenderListQuery, 'limit' | 'cursor'> & { similarNames?: boolean },
    actor: Actor,
  ): SelectQueryBuilder<Defender> {
    const qb = this.access.restrict(this.repo.createQueryBuilder('d'), actor);
    if (!query.archived) qb.andWhere('d.archived_at IS NULL');
    // `= ANY(array)`, not `=`: see `newestFirst`.
    if (query.country)
      qb.andWhere('d.country = ANY(CAST(:countries AS bpchar[]))', { countries: [query.country] });
    if (query.status)
      qb.andWhere('d.status = ANY(CAST(:statuses AS text[]))', { statuses: [query.status] });
    if (query.riskLevel) qb.andWhere('d.risk_level = :risk', { risk: query.riskLevel });
    if (query.hrdFocus)
      qb.andWhere('d.hrd_focus @> ARRAY[:focus]::text[]', { focus: query.hrdFocus });
    if (query.tag) qb.andWhere('d.tags @> ARRAY[:tag]::text[]', { tag: query.tag });
    if (query.q !== undefined) {
      // Every word a prefix of a word of the case (full text); or, when asked (`search`
      // does when the full text finds nothing), the name spelt closely (trigram similarity).
      qb.setParameters({ tsq: toPrefixTsquery(query.q), name: nameQuery(query.q) }).andWhere(
        query.similarNames ? NAME_SIMILAR_SQL : `d.search_vector @@ ${SEARCH_TSQUERY_SQL}`,
      );
    }
    return qb;
  }

  /**
   * Load a defender the actor may see (404 otherwise), optionally locked for update and with
   * the encrypted columns. A read of a restricted case is audited.
   */
  async find(
    manager: EntityManager,
    id: string,
    options: {
      actor: Actor;
      archived?: boolean;
      lock?: boolean;
      sensitive?: boolean;
      reading?: boolean;
    },
  ): Promise<Defender> {
    const d = await this.byId(Boolean(options.sensitive), Boolean(options.lock)).one(manager, id);
    if (!d || (d.archivedAt && !options.archived)) throw new NotFoundError('Defender', id);
    await this.access.check(manager, d, options.actor, options.reading ?? true);
    return d;
  }

  /** The one-case SELECT, built once per variant (every case read goes through it). */
  private byId(sensitive: boolean, lock: boolean): CompiledSelect<Defender> {
    const key = `${sensitive}:${lock}`;
    let compiled = this.byIdSelects.get(key);
    if (!compiled) {
      const qb = this.dataSource
        .createQueryBuilder(Defender, 'd')
        .where('d.id = :id', { id: '00000000-0000-0000-0000-000000000000' });
      if (sensitive) qb.addSelect(['d.contactsEnc', 'd.confidentialNotesEnc', 'd.usualAddressEnc']);
      if (lock) qb.setLock('pessimistic_write');
      compiled = new CompiledSelect(this.dataSource, qb, ['id']);
      this.byIdSelects.set(key, compiled);
    }
    return compiled;
  }

  private page<R extends ListRow>(
    rows: R[],
    limit: number,
    cursorOf: (r: R) => string,
  ): Page<DefenderListItem> {
    const today = this.clock.today();
    const more = rows.length > limit;
    const data = rows.slice(0, limit);
    return {
      data: data.map((r) => toListItem(r, today)),
      nextCursor: more && data.length ? cursorOf(data[data.length - 1]) : null,
    };
  }

  /**
   * The address of usual residence of a record read with its sensitive columns, decrypted:
   * for those who may see it (the case page) and the submission edition of a UN dossier.
   */
  usualAddress(d: Pick<Defender, 'id' | 'usualAddressEnc'>): string | null {
    return d.usualAddressEnc ? this.cipher.decrypt(d.usualAddressEnc, addressContext(d.id)) : null;
  }

  /** Rules that span fields (single-field rules live in the request DTOs); the import runs them too. */
  checkRules(input: Partial<DefenderInput>): void {
    const errors: FieldError[] = nationalityConflict(input);
    const today = this.clock.today();
    for (const required of ['fullName', 'country'] as const) {
      if (required in input && (input[required] === null || input[required] === '')) {
        errors.push({ field: required, message: 'must not be empty' });
      }
    }
    if (input.birthDate) {
      if (input.birthDate > today)
        errors.push({ field: 'birthDate', message: 'must not be in the future' });
      // birthYear (1900-2100) is taken from birthDate when not given.
      if (input.birthDate < '1900-01-01')
        errors.push({ field: 'birthDate', message: 'must be in 1900 or later' });
      if (input.birthYear && Number(input.birthDate.slice(0, 4)) !== input.birthYear) {
        errors.push({ field: 'birthYear', message: 'must agree with birthDate' });
      }
    }
    if (input.birthYear && input.birthYear > Number(today.slice(0, 4))) {
      errors.push({ field: 'birthYear', message: 'must not be in the future' });
    }
    if (errors.length) throw new ValidationFailedError(errors);
  }
}

/** Rounds of reading older events to refill a history page (see `history`). */
const HISTORY_REFILL_ROUNDS = 20;

/** What kind of change an audited action is, by its prefix (reads are not changes). */
const CHANGE_OF_ACTION: Record<string, CaseChange> = {
  'defender.create': 'profile',
  'defender.update': 'profile',
  'defender.import': 'profile',
  'event.': 'timeline',
  'document.create': 'document',
  'document.version': 'document',
  'document.update': 'document',
  'document.delete': 'document',
  'consent.': 'consent',
};
/** Audit events read per round when listing recently changed cases, and the rounds at most. */
const RECENT_BATCH = 200;
const RECENT_REFILL_ROUNDS = 5;
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every id an audit event names: its record and any id in its changes, wherever it sits. */
function refsOf(e: AuditView): string[] {
  return (
    `${e.entityId ?? ''} ${e.changes ? JSON.stringify(e.changes) : ''}`
      .match(UUIDS)
      ?.map((u) => u.toLowerCase()) ?? []
  );
}

/** `nationality` (one, as before) and `nationalities` (all) say the same thing: one of them. */
function nationalityConflict(input: Partial<DefenderInput>): FieldError[] {
  return input.nationality !== undefined && input.nationalities !== undefined
    ? [
        {
          field: 'nationality',
          message: 'give nationalities (every nationality) or nationality, not both',
        },
      ]
    : [];
}

/** A rank must survive `CAST(... AS real)`: 0, or a normal float4 (else PostgreSQL errors). */
function assertRank(r: number): void {
  if (!(r === 0 || (r >= 1.2e-38 && r <= 3.4e38)))
    throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
}

function assertSeq(s: string): void {
  if (!/^\d{1,18}$/.test(s))
    throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
}

/** Canonical forms: upper-case country codes, trimmed and de-duplicated lists. */
function normalise<T extends Partial<DefenderInput>>(input: T): T {
  const out: Record<string, unknown> = { ...input };
  if (typeof input.country === 'string') out.country = input.country.toUpperCase();
  // One nationality, as written before `nationalities`: it is the list of that one.
  if (input.nationality !== undefined && input.nationalities === undefined) {
    out.nationalities =
      typeof input.nationality === 'string' ? [input.nationality.toUpperCase()] : [];
  }
  delete out.nationality;
  if (Array.isArray(input.nationalities)) {
    out.nationalities = [...new Set(input.nationalities.map((n) => n.trim().toUpperCase()))];
  }
  if (typeof input.fullName === 'string') out.fullName = input.fullName.trim();
  for (const k of ['familyName', 'givenNames', 'hrdActivity', 'usualAddress'] as const) {
    const v = input[k];
    if (typeof v === 'string') out[k] = v.trim() === '' ? null : v.trim();
  }
  for (const k of ['otherNames', 'tags', 'hrdFocus'] as const) {
    const v = input[k];
    if (Array.isArray(v)) out[k] = [...new Set(v.map((x: string) => x.trim()).filter(Boolean))];
  }
  if (input.birthDate && input.birthYear === undefined) {
    out.birthYear = Number(input.birthDate.slice(0, 4));
  }
  return out as T;
}

/** How like a word of the name each word typed must be (pg_trgm word_similarity, 0-1). */
const WORD_SIMILARITY = 0.3;

/** Ranked candidates of a search at most (see `search`). */
const SEARCH_CANDIDATES = 1000;

/** A list row as read (LIST_ROW_SQL): the list representation's columns and the keyset. */
interface ListRow {
  id: string;
  seq: string;
  fullName: string;
  country: string;
  status: DefenderStatus;
  detainedSince: string | null;
  riskLevel: RiskLevel | null;
  access: AccessLevel;
  archivedAt: Date | null;
  version: number;
  updatedAt: Date;
}

const LIST_ROW_SQL = `d.id AS id, d.seq AS seq, d.full_name AS "fullName", d.country AS country,
  d.status AS status, d.detained_since::text AS "detainedSince", d.risk_level AS "riskLevel",
  d.access AS access, d.archived_at AS "archivedAt", d.version AS version,
  d.updated_at AS "updatedAt"`;

/**
 * Newest first, written so the planner takes the index that fits the filters whatever the
 * data's shape (issue 24): the leading equality filter (country, else status) is matched as
 * `= ANY(array)` and ordered on, so only an index starting with it (`defenders_live_*`) gives
 * the order, and a page reads about its own rows. With `status = 'detained' ORDER BY seq`,
 * the planner, assuming detained cases spread evenly, walked the `seq` index and threw away
 * thousands of newer non-detained rows (see docs/performance.md, "Plans").
 */
function newestFirst<T extends SelectQueryBuilder<Defender>>(
  qb: T,
  query: Pick<DefenderListQuery, 'country' | 'status'>,
): T {
  const lead = query.country ? 'd.country' : query.status ? 'd.status' : null;
  if (lead) qb.orderBy(lead, 'DESC').addOrderBy('d.seq', 'DESC');
  else qb.orderBy('d.seq', 'DESC');
  return qb;
}

const LIST_ROW_NAMES = [...LIST_ROW_SQL.matchAll(/ AS "?(\w+)"?/g)].map((m) => m[1]);

/** The name as typed, folded like the trigram index (`defenders_name_trgm_idx`). */
function nameQuery(q: string): string {
  return q.normalize('NFC').trim().replace(/\s+/g, ' ').slice(0, 200);
}

/**
 * The name is spelt closely: candidates from the trigram index (the whole name similar, `%`:
 * a fragment like "varez" is not a name), kept when every word typed is like a word of the
 * name (as the full-text search needs every word): "jose alvarez" does not find "María
 * Álvarez Núñez", "maria alvares" does.
 */
const NAME_SIMILAR_SQL = `(witness_unaccent(lower(d.full_name)) % witness_unaccent(lower(:name))
  AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(:name, ' ')) AS w
    WHERE word_similarity(witness_unaccent(lower(w)), witness_unaccent(lower(d.full_name))) < ${WORD_SIMILARITY}))`;

function toListItem(r: ListRow, today: string): DefenderListItem {
  const open = r.detainedSince !== null && isDeprivedOfLiberty(r.status);
  return {
    id: r.id,
    fullName: r.fullName,
    country: r.country,
    status: r.status,
    detainedSince: open ? r.detainedSince : null,
    daysDetained: open ? openEpisodeDays(r.detainedSince as string, today) : null,
    riskLevel: r.riskLevel,
    access: r.access,
    archivedAt: r.archivedAt ? new Date(r.archivedAt).toISOString() : null,
    version: r.version,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** The columns a list page reads: every selectable one but the story. */
function listColumns(repo: Repository<Defender>): string[] {
  return repo.metadata.columns
    .filter((c) => c.isSelect && c.propertyName !== 'story')
    .map((c) => `d.${c.propertyName}`);
}

/** The create path's canonical form and audited fields, for the bulk import to share. */
export { normalise as normaliseDefenderInput, auditable as auditableDefender };
