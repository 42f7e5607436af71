import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  assertVersion,
  AuditService,
  Clock,
  ConflictError,
  decodeKeyCursor,
  diffForAudit,
  encodeKeyCursor,
  FieldCipher,
  ForbiddenError,
  hiddenAs,
  IncompleteError,
  NotFoundError,
  ValidationFailedError,
  type Env,
  type FieldError,
  type Page,
  EventBus,
} from '@witness/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { seesSensitive, AccessService } from '../access';
import { loadCurrentConsents } from '../consents';
import { DefendersService } from '../defenders';
import type { DomainEvents } from '../shared/events';
import { knownPartners, Partner } from '../solidarity';
import type { Actor } from '../shared/actor';
import { User } from '../users';
import { daysUntil, type ClockPeriods } from './escalation-clock';
import {
  acceptsProcedure,
  deadlines,
  instrumentFor,
  suggestMandates,
  type MandateFacts,
  type MandateSuggestion,
  TREATY_INSTRUMENTS,
  noReplyPossibleFrom,
  procedureOf,
  recordedBy,
  resolvePeriods,
  type ClockKey,
  type DerivedDeadline,
  type NamedDate,
  type ProcedurePeriods,
  type RecordedDates,
} from './procedures';
import { allocateEscalationReference } from './escalation-reference';
import {
  Escalation,
  EscalationDefender,
  EscalationPartner,
  EscalationTransition,
  type EscalationContent,
  type EscalationOutcome,
} from './escalation.entity';
import {
  allowedFor,
  awaitsReply,
  checkTransition,
  KIND_MECHANISMS,
  OPINION_NUMBER,
  type EscalationKind,
  type Mechanism,
} from './escalation-workflow';
import { cipherContext } from '../shared/encrypted-columns';

/** Who the source is to the person(s) concerned. */
export const SOURCE_RELATIONS = ['self', 'family', 'lawyer', 'organisation', 'other'] as const;
export type SourceRelation = (typeof SOURCE_RELATIONS)[number];

export interface SourceIdentity {
  name: string;
  organisation?: string | null;
  contact?: string | null;
  /** Who the source is to the person(s) concerned (the questionnaire's section VI). */
  relation?: SourceRelation | null;
}

export interface EscalationInput {
  defenderIds: string[];
  mechanism: Mechanism;
  kind: EscalationKind;
  ownerId?: string | null;
  unReference?: string | null;
  targetRapporteurs?: string[];
  hrcSession?: string | null;
  /** The session or review a submission is for (deadlines count back from it). */
  meetingOn?: string | null;
  notes?: string | null;
  content?: EscalationContent;
  sourceIdentity?: SourceIdentity | null;
  /** Partner organisations it supported to take part in the mechanism. */
  partnerIds?: string[];
}

export type EscalationPatch = Partial<
  Omit<EscalationInput, 'mechanism' | 'kind' | 'defenderIds'>
> & {
  defenderIds?: string[];
  extensionDays?: number;
  /** A date the UN gave, recorded or corrected after the step (the opinion's transmission). */
  opinionTransmittedOn?: string | null;
  /** When the opinion or communication was made public (lifts the embargo). */
  publishedOn?: string | null;
  /** The session or review a submission is for. */
  meetingOn?: string | null;
};

export interface TransitionInput {
  to: string;
  date?: string;
  note?: string | null;
  unReference?: string | null;
  extensionDays?: number;
  opinionNumber?: string | null;
  arbitrary?: boolean | null;
  categoriesFound?: string[];
  releaseRequested?: boolean | null;
  compensationRequested?: boolean | null;
}

export interface EscalationView {
  id: string;
  /** Our reference, WIT-YYYY-NNNN. */
  reference: string;
  defenderIds: string[];
  partnerIds: string[];
  mechanism: Mechanism;
  kind: EscalationKind;
  state: string;
  allowedTransitions: string[];
  ownerId: string | null;
  unReference: string | null;
  opinionNumber: string | null;
  targetRapporteurs: string[];
  hrcSession: string | null;
  notes: string | null;
  content: EscalationContent;
  sourceIdentity?: SourceIdentity | null;
  submittedOn: string | null;
  transmittedOn: string | null;
  extensionDays: number;
  replyDueOn: string | null;
  daysUntilReplyDue: number | null;
  governmentRepliedOn: string | null;
  commentsRequestedOn: string | null;
  commentsDueOn: string | null;
  opinionAdoptedOn: string | null;
  opinionTransmittedOn: string | null;
  publishedOn: string | null;
  meetingOn: string | null;
  followUpDueOn: string | null;
  /** Every deadline of the procedure: open ones are milestones. */
  deadlines: DerivedDeadline[];
  /** The first day "no reply" may be recorded (the day after the reply deadline), if guarded. */
  noReplyPossibleFrom: string | null;
  outcome: EscalationOutcome | null;
  /** Releases of its defenders on or after submission (single escalation only). */
  releasesAfter?: { defenderId: string; releasedOn: string; type: string }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EscalationQuery {
  mechanism?: Mechanism;
  kind?: EscalationKind;
  state?: string;
  defenderId?: string;
  /** Only the escalations this user owns (the person who drafts and follows it). */
  ownerId?: string;
  dueBefore?: string;
  limit?: number;
  cursor?: string;
}

/** The entity column each named date is kept in. */
const DATE_COLUMNS = {
  submittedOn: 'submittedOn',
  transmittedOn: 'transmittedOn',
  governmentRepliedOn: 'governmentRepliedOn',
  commentsRequestedOn: 'commentsRequestedOn',
  opinionAdoptedOn: 'opinionAdoptedOn',
  opinionTransmittedOn: 'opinionTransmittedOn',
  publishedOn: 'publishedOn',
  meetingOn: 'meetingOn',
} as const satisfies Partial<Record<NamedDate, keyof Escalation>>;

/** The derived deadlines kept in columns (for lists and the dueBefore filter). */
const DEADLINE_COLUMNS = {
  reply: 'replyDueOn',
  comments: 'commentsDueOn',
  follow_up: 'followUpDueOn',
} as const satisfies Partial<Record<ClockKey, keyof Escalation>>;

/** The states that record an opinion, decision or views, with its number and outcome. */
const OPINION_STATES = ['opinion_adopted', 'decision_adopted', 'views_adopted'];

/** The dates an escalation has recorded, as the procedure clocks read them. */
export function recordedDates(e: Escalation, today?: string): RecordedDates {
  return {
    submittedOn: e.submittedOn,
    transmittedOn: e.transmittedOn,
    governmentRepliedOn: e.governmentRepliedOn,
    commentsRequestedOn: e.commentsRequestedOn,
    opinionAdoptedOn: e.opinionAdoptedOn,
    opinionTransmittedOn: e.opinionTransmittedOn,
    publishedOn: e.publishedOn,
    meetingOn: e.meetingOn,
    createdOn: e.createdAt ? e.createdAt.toISOString().slice(0, 10) : (today ?? null),
    extensionDays: e.extensionDays,
  };
}

const sourceContext = (id: string) => cipherContext('escalations', 'sourceIdentityEnc', id);

/** The content's per-person answers name the escalation's own people, each once. */
function checkContentPeople(content: EscalationContent | undefined, defenderIds: string[]) {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  (content?.identityDocuments ?? []).forEach((d, i) => {
    if (!defenderIds.includes(d.defenderId)) {
      errors.push({
        field: `content.identityDocuments[${i}].defenderId`,
        message: 'must be one of the escalation’s defenders',
      });
    } else if (seen.has(d.defenderId)) {
      errors.push({
        field: `content.identityDocuments[${i}].defenderId`,
        message: 'has a document already: one per person',
      });
    }
    seen.add(d.defenderId);
  });
  if (errors.length) throw new ValidationFailedError(errors);
}

/**
 * Escalations to UN mechanisms. Access follows the defenders': an escalation exists for an
 * actor only if every defender it concerns does. The clock (reply and follow-up dates) is
 * derived from the recorded UN dates and configured periods, and drives milestones.
 */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly defenders: DefendersService,
    private readonly access: AccessService,
    private readonly events: EventBus<DomainEvents>,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** The WGAD's periods in the older shape (the same settings the procedure tables read). */
  get periods(): ClockPeriods {
    const p = this.procedurePeriods;
    return {
      replyDays: p.wgad_reply_days,
      maxExtensionDays: p.wgad_max_extension_days,
      followUpMonths: p.wgad_follow_up_months,
    };
  }

  /**
   * The procedures' periods: defaults, the WGAD_* settings, then PROCEDURE_PERIODS (a bad
   * name or value there stops the boot).
   */
  get procedurePeriods(): ProcedurePeriods {
    if (this.resolvedPeriods) return this.resolvedPeriods;
    const raw = this.config.get('PROCEDURE_PERIODS', { infer: true });
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new RangeError('PROCEDURE_PERIODS must be a JSON object of period names to numbers');
    this.resolvedPeriods = resolvePeriods({
      wgad_reply_days: this.config.get('WGAD_REPLY_DAYS', { infer: true }),
      wgad_max_extension_days: this.config.get('WGAD_MAX_EXTENSION_DAYS', { infer: true }),
      wgad_follow_up_months: this.config.get('WGAD_FOLLOW_UP_MONTHS', { infer: true }),
      ...(parsed as Record<string, unknown>),
    });
    return this.resolvedPeriods;
  }
  private resolvedPeriods: ProcedurePeriods | null = null;

  /** Re-derive the deadlines kept in columns from the recorded dates and the procedure table. */
  private derive(e: Escalation): void {
    const all = deadlines(
      e.kind,
      e.state,
      recordedDates(e, this.clock.today()),
      this.procedurePeriods,
    );
    const legacyFollowUp =
      e.state === 'follow_up' && !e.opinionTransmittedOn ? e.followUpDueOn : null;
    for (const [key, column] of Object.entries(DEADLINE_COLUMNS)) {
      const d = all.find((x) => x.key === key);
      e[column] = d?.dueOn ?? null;
    }
    // Escalations already in follow-up before the opinion's transmission date was recorded
    // keep the follow-up date they had until it is.
    if (legacyFollowUp && !e.followUpDueOn) e.followUpDueOn = legacyFollowUp;
  }

  /** The procedure's deadlines as of now (the columns, with whether each is open). */
  private clockOf(e: Escalation): DerivedDeadline[] {
    const table = procedureOf(e.kind);
    return deadlines(
      e.kind,
      e.state,
      recordedDates(e, this.clock.today()),
      this.procedurePeriods,
    ).map((d) => {
      const column = DEADLINE_COLUMNS[d.key as keyof typeof DEADLINE_COLUMNS];
      const dueOn = column ? e[column] : d.dueOn;
      const rule = table.clocks.find((r) => r.key === d.key);
      return { ...d, dueOn, open: !!dueOn && !!rule?.openIn.includes(e.state) };
    });
  }

  async create(input: EscalationInput, actor: Actor): Promise<EscalationView> {
    if (!KIND_MECHANISMS[input.kind].includes(input.mechanism)) {
      throw ValidationFailedError.field(
        'mechanism',
        `must be one of ${KIND_MECHANISMS[input.kind].join(', ')} for ${input.kind}`,
      );
    }
    const id = await this.dataSource.transaction(async (tx) => {
      const defenderIds = [...new Set(input.defenderIds)];
      for (const d of defenderIds) await this.defenders.find(tx, d, { actor, reading: false });
      checkContentPeople(input.content, defenderIds);
      await this.checkOwner(tx, input.ownerId ?? actor.userId, defenderIds);
      const partnerIds = await knownPartners(tx, input.partnerIds ?? []);
      // The id is taken first so the source identity is encrypted bound to it in one insert.
      const id = randomUUID();
      const reference = await allocateEscalationReference(
        tx,
        Number(this.clock.today().slice(0, 4)),
      );
      const e = tx.create(Escalation, {
        id,
        reference,
        mechanism: input.mechanism,
        kind: input.kind,
        state: 'draft',
        ownerId: input.ownerId ?? actor.userId,
        unReference: input.unReference ?? null,
        targetRapporteurs: input.targetRapporteurs ?? [],
        hrcSession: input.hrcSession ?? null,
        meetingOn: input.meetingOn ?? null,
        notes: input.notes ?? null,
        content: input.content ?? {},
        sourceIdentityEnc: input.sourceIdentity
          ? this.cipher.encryptJson(input.sourceIdentity, sourceContext(id))
          : null,
        createdBy: actor.userId,
      });
      // Deadlines that run before submission (a session, a yearly call for inputs).
      this.derive(e);
      const saved = await tx.save(e);
      await tx.insert(
        EscalationDefender,
        defenderIds.map((defenderId) => ({ escalationId: saved.id, defenderId })),
      );
      await this.linkPartners(tx, saved.id, partnerIds);
      await this.syncClock(tx, saved, defenderIds);
      await this.audit.record(tx, actor, {
        action: 'escalation.create',
        entityType: 'escalation',
        entityId: saved.id,
        subjectId: defenderIds[0],
        changes: diffForAudit(null, {
          reference,
          mechanism: e.mechanism,
          kind: e.kind,
          defenderIds,
          partnerIds,
          sourceIdentity: input.sourceIdentity ?? null,
        }),
      });
      return saved.id;
    });
    return this.get(id, actor);
  }

  async get(id: string, actor: Actor): Promise<EscalationView> {
    const { e, defenderIds } = await this.load(this.dataSource.manager, id, actor, {
      sensitive: true,
    });
    const view = this.view(e, defenderIds, actor);
    view.partnerIds = (await this.partnerIds(this.dataSource.manager, [id])).get(id) ?? [];
    view.releasesAfter = await this.releasesAfter(e, defenderIds);
    return view;
  }

  /**
   * Releases that followed the escalation (on or after its submission): what the campaign
   * counts as releases attributable to it. Derived from the timelines, never typed.
   */
  async releasesAfter(
    e: Pick<Escalation, 'submittedOn'>,
    defenderIds: string[],
  ): Promise<{ defenderId: string; releasedOn: string; type: string }[]> {
    if (!e.submittedOn || defenderIds.length === 0) return [];
    const rows: { defender_id: string; occurred_on: string; type: string }[] =
      await this.dataSource.query(
        `SELECT defender_id, min(occurred_on)::text AS occurred_on,
                (array_agg(type ORDER BY occurred_on))[1] AS type
           FROM detention_events
          WHERE defender_id = ANY($1) AND type IN ('release', 'conditional_release')
            AND occurred_on >= $2 AND occurred_on <= $3
          GROUP BY defender_id`,
        [defenderIds, e.submittedOn, this.clock.today()],
      );
    return rows.map((r) => ({
      defenderId: r.defender_id,
      releasedOn: r.occurred_on,
      type: r.type,
    }));
  }

  async update(
    id: string,
    patch: EscalationPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<EscalationView> {
    await this.dataSource.transaction(async (tx) => {
      const { e, defenderIds } = await this.load(tx, id, actor, { lock: true });
      assertVersion('escalation', expectedVersion, e.version);
      if (patch.ownerId !== undefined)
        await this.checkOwner(tx, patch.ownerId, patch.defenderIds ?? defenderIds);
      else if (patch.defenderIds !== undefined)
        await this.checkOwner(tx, e.ownerId, patch.defenderIds, 'defenderIds');
      const before = { ...e } as Record<string, unknown>;
      // The partners are read (for the audit diff) and rewritten only when the patch names them.
      let partnersChanged: Record<string, unknown> = {};
      if (patch.partnerIds !== undefined) {
        const partnersBefore = (await this.partnerIds(tx, [id])).get(id) ?? [];
        const partnerIds = await knownPartners(tx, patch.partnerIds);
        await tx.delete(EscalationPartner, { escalationId: id });
        await this.linkPartners(tx, id, partnerIds);
        partnersChanged = diffForAudit({ partnerIds: partnersBefore }, { partnerIds });
      }
      if (patch.defenderIds !== undefined) {
        if (e.state !== 'draft')
          throw new ConflictError(
            'The defenders of an escalation can change only while it is a draft.',
          );
        const ids = [...new Set(patch.defenderIds)];
        for (const d of ids) await this.defenders.find(tx, d, { actor, reading: false });
        // A person taken off the escalation takes their identity document along.
        if (patch.content === undefined && e.content?.identityDocuments?.length) {
          e.content = {
            ...e.content,
            identityDocuments: e.content.identityDocuments.filter((d) =>
              ids.includes(d.defenderId),
            ),
          };
        }
        await tx.delete(EscalationDefender, { escalationId: id });
        await tx.insert(
          EscalationDefender,
          ids.map((defenderId) => ({ escalationId: id, defenderId })),
        );
      }
      for (const k of [
        'ownerId',
        'unReference',
        'targetRapporteurs',
        'hrcSession',
        'notes',
        'content',
      ] as const) {
        if (patch[k] !== undefined) (e as unknown as Record<string, unknown>)[k] = patch[k];
      }
      if (patch.extensionDays !== undefined) {
        e.extensionDays = this.checkExtension(e, patch.extensionDays);
      }
      this.patchDates(e, patch);
      this.derive(e);
      if (patch.sourceIdentity !== undefined) {
        e.sourceIdentityEnc = patch.sourceIdentity
          ? this.cipher.encryptJson(patch.sourceIdentity, sourceContext(id))
          : null;
      }
      checkContentPeople(e.content, patch.defenderIds ?? defenderIds);
      // A change of links alone must still bump the version (and the ETag).
      if (patch.partnerIds !== undefined || patch.defenderIds !== undefined)
        e.updatedAt = new Date();
      await tx.save(e);
      await this.syncClock(tx, e, patch.defenderIds ?? defenderIds);
      await this.audit.record(tx, actor, {
        action: 'escalation.update',
        entityType: 'escalation',
        entityId: id,
        subjectId: defenderIds[0],
        changes: {
          ...diffForAudit(before, { ...e } as Record<string, unknown>, [
            'version',
            'updatedAt',
            'createdAt',
            'sourceIdentityEnc',
          ]),
          ...partnersChanged,
          ...(patch.sourceIdentity !== undefined
            ? { sourceIdentity: { from: '[redacted]', to: '[redacted]' } }
            : {}),
        },
      });
    });
    return this.get(id, actor);
  }

  /**
   * Override an answer drawn from the record (`override`), or return it to the record (null).
   * The caller (the questionnaire) has checked the field and the value; this keeps who and
   * when, needs the version the override was made against, and is audited with the value
   * before and after.
   */
  async setAnswerOverride(
    id: string,
    answer: { key: string; field: string; defenderId: string | null },
    value: string | boolean | null,
    expectedVersion: number,
    actor: Actor,
  ): Promise<EscalationView> {
    await this.dataSource.transaction(async (tx) => {
      const { e, defenderIds } = await this.load(tx, id, actor, { lock: true });
      assertVersion('escalation', expectedVersion, e.version);
      if (answer.defenderId && !defenderIds.includes(answer.defenderId)) {
        throw ValidationFailedError.field('defenderId', 'is not one of the escalation’s defenders');
      }
      const overrides = { ...(e.answerOverrides ?? {}) };
      const before = overrides[answer.key]?.value ?? null;
      if (value === null) {
        if (!(answer.key in overrides)) {
          throw new ConflictError('This answer is already the one drawn from the record.');
        }
        delete overrides[answer.key];
      } else {
        overrides[answer.key] = { value, by: actor.userId, at: this.clock.now().toISOString() };
      }
      e.answerOverrides = overrides;
      e.updatedAt = new Date();
      await tx.save(e);
      await this.audit.record(tx, actor, {
        action: value === null ? 'escalation.answer_return' : 'escalation.answer_override',
        entityType: 'escalation',
        entityId: id,
        subjectId: answer.defenderId ?? defenderIds[0],
        changes: {
          answer: { from: null, to: answer.field },
          ...(answer.defenderId ? { defenderId: { from: null, to: answer.defenderId } } : {}),
          value: { from: before, to: value },
        },
      });
    });
    return this.get(id, actor);
  }

  /** Take a step of the workflow; 409 names the allowed ones when it is not legal. */
  async transition(id: string, input: TransitionInput, actor: Actor): Promise<EscalationView> {
    await this.dataSource.transaction(async (tx) => {
      const { e, defenderIds } = await this.load(tx, id, actor, { lock: true });
      const check = checkTransition(e.kind, e.state, input.to, actor.role);
      if (!check.ok && check.reason === 'illegal') {
        throw new ConflictError(
          `An escalation in state ${e.state} cannot move to ${input.to}. Allowed: ${check.allowed.join(', ') || 'none (it is closed)'}.`,
          { from: e.state, to: input.to, allowed: check.allowed },
        );
      }
      if (!check.ok) {
        throw new ForbiddenError(
          `Your role cannot move an escalation from ${e.state} to ${input.to}; coordinators and admins decide.`,
        );
      }
      const date = input.date ?? this.clock.today();
      if (date > this.clock.today())
        throw ValidationFailedError.field('date', 'must not be in the future');
      if (input.to === 'submitted') {
        await this.consentGate(tx, defenderIds);
        await this.publicDocumentGate(tx, e, defenderIds, actor);
        await this.acceptanceGate(tx, e, defenderIds, actor);
        await this.ecosocGate(tx, e);
      }
      if (input.to === 'no_reply') this.noReplyGate(e, date);
      if (input.to === 'opinion_transmitted' && e.opinionAdoptedOn && date < e.opinionAdoptedOn)
        throw ValidationFailedError.field(
          'date',
          `must be on or after the opinion's adoption (${e.opinionAdoptedOn})`,
        );
      const from = e.state;
      e.state = input.to;
      if (input.unReference !== undefined) e.unReference = input.unReference;
      const named = recordedBy(e.kind, input.to);
      if (named && named in DATE_COLUMNS)
        e[DATE_COLUMNS[named as keyof typeof DATE_COLUMNS]] = date;
      if (awaitsReply(e.kind, input.to) && input.extensionDays !== undefined)
        e.extensionDays = this.checkExtension(e, input.extensionDays);
      if (OPINION_STATES.includes(input.to)) {
        if (input.opinionNumber && !OPINION_NUMBER.test(input.opinionNumber)) {
          throw ValidationFailedError.field(
            'opinionNumber',
            'must be written No. N/YYYY, e.g. No. 12/2024',
          );
        }
        e.opinionNumber = input.opinionNumber ?? e.opinionNumber;
        e.outcome = {
          arbitrary: input.arbitrary ?? null,
          categoriesFound: input.categoriesFound ?? [],
          releaseRequested: input.releaseRequested ?? null,
          compensationRequested: input.compensationRequested ?? null,
        };
      }
      this.derive(e);
      await tx.save(e);
      await tx.insert(EscalationTransition, {
        escalationId: id,
        fromState: from,
        toState: input.to,
        occurredOn: date,
        note: input.note ?? null,
        actorId: actor.userId,
      });
      await this.syncClock(tx, e, defenderIds);
      await this.audit.record(tx, actor, {
        action: 'escalation.transition',
        entityType: 'escalation',
        entityId: id,
        subjectId: defenderIds[0],
        changes: { state: { from, to: input.to }, date: { from: null, to: date } },
      });
    });
    return this.get(id, actor);
  }

  /**
   * The thematic mandates that fit the case (the HRC mandate map), suggested from its
   * defenders' focus, tags and status and their timelines' events and charges.
   */
  async mandates(id: string, actor: Actor): Promise<MandateSuggestion[]> {
    const { defenderIds } = await this.load(this.dataSource.manager, id, actor);
    const facts = { focus: [], tags: [], statuses: [], events: [], charges: [] } as {
      [k in keyof MandateFacts]: string[];
    };
    for (const d of defenderIds) {
      const person = await this.defenders.find(this.dataSource.manager, d, {
        actor,
        archived: true,
      });
      facts.focus.push(...person.hrdFocus);
      facts.tags.push(...person.tags);
      facts.statuses.push(person.status);
    }
    const rows: { type: string; charges: string[] | null }[] = await this.dataSource.query(
      `SELECT DISTINCT type, charges FROM detention_events WHERE defender_id = ANY($1)`,
      [defenderIds],
    );
    for (const r of rows) {
      facts.events.push(r.type);
      facts.charges.push(...(r.charges ?? []));
    }
    return suggestMandates(facts);
  }

  async transitions(id: string, actor: Actor) {
    await this.load(this.dataSource.manager, id, actor);
    const rows = await this.dataSource.manager.find(EscalationTransition, {
      where: { escalationId: id },
      order: { at: 'ASC' },
    });
    return rows.map((t) => ({
      id: t.id,
      from: t.fromState,
      to: t.toState,
      date: t.occurredOn,
      note: t.note,
      actorId: t.actorId,
      at: t.at.toISOString(),
    }));
  }

  async list(query: EscalationQuery, actor: Actor): Promise<Page<EscalationView>> {
    const limit = query.limit ?? 50;
    const qb = this.dataSource.getRepository(Escalation).createQueryBuilder('e');
    this.access.restrictLinked(qb, actor, {
      table: 'escalation_defenders',
      column: 'escalation_id',
      ownerAlias: 'e',
    });
    if (query.mechanism) qb.andWhere('e.mechanism = :mechanism', { mechanism: query.mechanism });
    if (query.kind) qb.andWhere('e.kind = :kind', { kind: query.kind });
    if (query.state) qb.andWhere('e.state = :state', { state: query.state });
    if (query.ownerId) qb.andWhere('e.owner_id = :owner', { owner: query.ownerId });
    if (query.defenderId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM escalation_defenders x WHERE x.escalation_id = e.id AND x.defender_id = :did)',
        {
          did: query.defenderId,
        },
      );
    }
    if (query.dueBefore) {
      qb.andWhere(
        '(e.reply_due_on <= :due OR e.comments_due_on <= :due OR e.follow_up_due_on <= :due)',
        {
          due: query.dueBefore,
        },
      );
    }
    if (query.cursor) {
      const c = decodeKeyCursor(query.cursor);
      qb.andWhere('(e.created_at, e.id) < (:ck, :ci)', { ck: new Date(c.key), ci: c.id });
    }
    const rows = await qb
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const data = rows.slice(0, limit);
    const links = data.length
      ? await this.dataSource.manager.find(EscalationDefender, {
          where: { escalationId: In(data.map((e) => e.id)) },
        })
      : [];
    const partners = await this.partnerIds(
      this.dataSource.manager,
      data.map((e) => e.id),
    );
    const last = data[data.length - 1];
    return {
      data: data.map((e) => ({
        ...this.view(
          e,
          links.filter((l) => l.escalationId === e.id).map((l) => l.defenderId),
          actor,
          false,
        ),
        partnerIds: partners.get(e.id) ?? [],
      })),
      nextCursor:
        rows.length > limit && last ? encodeKeyCursor(last.createdAt.toISOString(), last.id) : null,
    };
  }

  /** How many escalations the actor may see are in each state (states with none are absent). */
  async countByState(actor: Actor): Promise<Record<string, number>> {
    const qb = this.dataSource.getRepository(Escalation).createQueryBuilder('e');
    this.access.restrictLinked(qb, actor, {
      table: 'escalation_defenders',
      column: 'escalation_id',
      ownerAlias: 'e',
    });
    const rows = await qb
      .select('e.state', 'state')
      .addSelect('COUNT(*)::int', 'n')
      .groupBy('e.state')
      .getRawMany<{ state: string; n: number }>();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  async forDefender(defenderId: string, actor: Actor): Promise<Page<EscalationView>> {
    await this.defenders.find(this.dataSource.manager, defenderId, { actor });
    return this.list({ defenderId, limit: 200 }, actor);
  }

  /**
   * Load an escalation the actor may see (404 otherwise: any defender they cannot see hides
   * it), with its defenders.
   */
  async load(
    tx: EntityManager,
    id: string,
    actor: Actor,
    options: { lock?: boolean; sensitive?: boolean } = {},
  ): Promise<{ e: Escalation; defenderIds: string[] }> {
    const qb = tx.createQueryBuilder(Escalation, 'e').where('e.id = :id', { id });
    if (options.sensitive) qb.addSelect('e.sourceIdentityEnc');
    if (options.lock) qb.setLock('pessimistic_write');
    const e = await qb.getOne();
    if (!e) throw new NotFoundError('Escalation', id);
    const links = await tx.find(EscalationDefender, { where: { escalationId: id } });
    for (const l of links) {
      await hiddenAs('Escalation', id, () =>
        this.defenders.find(tx, l.defenderId, { actor, archived: true, reading: !options.lock }),
      );
    }
    return { e, defenderIds: links.map((l) => l.defenderId) };
  }

  /** Submission needs every defender's current consent to a UN submission. */
  async consentGate(tx: EntityManager, defenderIds: string[]): Promise<void> {
    const missing: FieldError[] = [];
    for (const d of defenderIds) {
      const c = await loadCurrentConsents(tx, d, this.clock.today());
      if (!c.un_submission.granted) {
        missing.push({
          field: 'consents.un_submission',
          message: `defender ${d}: consent to a UN submission is ${c.un_submission.state === 'none' ? 'not recorded' : c.un_submission.state}`,
        });
      }
    }
    if (missing.length) {
      throw new ConflictError(
        'A UN submission needs the consent of every defender it concerns (un_submission, given and not expired). Record it first.',
        { missingConsents: missing },
      );
    }
  }

  /**
   * A mechanism that publishes names (a WGAD opinion, the Special Procedures' communications
   * report unless the source asks that names be withheld, the SG's reprisals report) needs
   * each person's consent to be named in a public UN document: 422 naming whoever lacks it.
   */
  async publicDocumentGate(
    tx: EntityManager,
    e: Escalation,
    defenderIds: string[],
    actor: Actor,
  ): Promise<void> {
    const publishes = procedureOf(e.kind).publishes;
    if (publishes === 'none') return;
    if (publishes === 'names_unless_withheld' && e.content?.namePublicly === false) return;
    const missing: { defenderId: string; name: string; consent: string; state: string }[] = [];
    for (const d of defenderIds) {
      const c = await loadCurrentConsents(tx, d, this.clock.today());
      if (c.public_un_document.granted) continue;
      const person = await this.defenders.find(tx, d, { actor, reading: false });
      missing.push({
        defenderId: d,
        name: person.fullName,
        consent: 'public_un_document',
        state: c.public_un_document.state === 'none' ? 'not recorded' : c.public_un_document.state,
      });
    }
    if (missing.length) {
      const names = missing.map((m) => `${m.name} (${m.state})`).join(', ');
      throw new IncompleteError(
        `The ${procedureOf(e.kind).title} publishes the names of the people concerned: consent to be named in a public UN document (public_un_document) is missing for ${names}.${publishes === 'names_unless_withheld' ? ' Record it, or ask that the names be withheld (content.namePublicly = false).' : ' Record it first.'}`,
        missing,
      );
    }
  }

  /**
   * A treaty body acts only against a State that accepted its procedure (an optional protocol,
   * a declaration, or for a CED urgent action being party to the Convention): 422 naming the
   * State and the instrument when the table says it did not. A State the table does not list
   * is not refused (docs/procedures.md: check the treaty body database).
   */
  async acceptanceGate(
    tx: EntityManager,
    e: Escalation,
    defenderIds: string[],
    actor: Actor,
  ): Promise<void> {
    const instrument = instrumentFor(e.kind, e.mechanism);
    if (!instrument) return;
    const refused: { defenderId: string; country: string; instrument: string }[] = [];
    for (const d of defenderIds) {
      const person = await this.defenders.find(tx, d, { actor, reading: false });
      if (acceptsProcedure(instrument, person.country) === false)
        refused.push({
          defenderId: d,
          country: person.country,
          instrument: TREATY_INSTRUMENTS[instrument],
        });
    }
    if (refused.length) {
      const states = [...new Set(refused.map((r) => r.country))].join(', ');
      throw new IncompleteError(
        `${states} has not accepted the ${TREATY_INSTRUMENTS[instrument]}: the ${procedureOf(e.kind).title} cannot be brought against it. Consider the Special Procedures or the WGAD, which need no acceptance.`,
        refused,
      );
    }
  }

  /**
   * A Human Rights Council statement is made by an organisation in ECOSOC consultative status
   * (general, special or roster): one of the partners the escalation supports must have it,
   * or 422 says so.
   */
  async ecosocGate(tx: EntityManager, e: Escalation): Promise<void> {
    if (e.kind !== 'hrc_statement') return;
    const ids = (await this.partnerIds(tx, [e.id])).get(e.id) ?? [];
    const partners = ids.length ? await tx.find(Partner, { where: { id: In(ids) } }) : [];
    if (partners.some((p) => p.ecosocStatus !== 'none')) return;
    throw new IncompleteError(
      'A Human Rights Council written or oral statement is made by an organisation in ECOSOC consultative status: link a partner with general, special or roster status (partnerIds), or record its status.',
      [
        {
          field: 'partnerIds',
          partners: partners.map((p) => ({ id: p.id, name: p.name, ecosocStatus: p.ecosocStatus })),
        },
      ],
    );
  }

  view(e: Escalation, defenderIds: string[], actor: Actor, withSensitive = true): EscalationView {
    const view: EscalationView = {
      id: e.id,
      reference: e.reference,
      defenderIds,
      partnerIds: [],
      mechanism: e.mechanism,
      kind: e.kind,
      state: e.state,
      allowedTransitions: allowedFor(e.kind, e.state, actor.role),
      ownerId: e.ownerId,
      unReference: e.unReference,
      opinionNumber: e.opinionNumber,
      targetRapporteurs: e.targetRapporteurs,
      hrcSession: e.hrcSession,
      notes: e.notes,
      content: e.content,
      submittedOn: e.submittedOn,
      transmittedOn: e.transmittedOn,
      extensionDays: e.extensionDays,
      replyDueOn: e.replyDueOn,
      daysUntilReplyDue: awaitsReply(e.kind, e.state)
        ? daysUntil(e.replyDueOn, this.clock.today())
        : null,
      governmentRepliedOn: e.governmentRepliedOn,
      commentsRequestedOn: e.commentsRequestedOn,
      commentsDueOn: e.commentsDueOn,
      opinionAdoptedOn: e.opinionAdoptedOn,
      opinionTransmittedOn: e.opinionTransmittedOn,
      publishedOn: e.publishedOn,
      meetingOn: e.meetingOn,
      followUpDueOn: e.followUpDueOn,
      deadlines: this.clockOf(e),
      noReplyPossibleFrom: procedureOf(e.kind).states[e.state]?.includes('no_reply')
        ? noReplyPossibleFrom(e.kind, recordedDates(e, this.clock.today()), this.procedurePeriods)
        : null,
      outcome: e.outcome,
      version: e.version,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
    };
    if (withSensitive && seesSensitive(actor)) {
      view.sourceIdentity = e.sourceIdentityEnc
        ? this.cipher.decryptJson<SourceIdentity>(e.sourceIdentityEnc, sourceContext(e.id))
        : null;
    }
    return view;
  }

  /** Its clock's milestones follow (see MilestoneListeners.escalationTransitioned). */
  private async syncClock(tx: EntityManager, e: Escalation, defenderIds: string[]): Promise<void> {
    await this.events.publish(tx, 'EscalationTransitioned', {
      escalationId: e.id,
      defenderIds,
      ownerId: e.ownerId,
      deadlines: this.clockOf(e),
    });
  }

  /**
   * An extension of the reply period: only where the procedure grants one, up to its cap.
   */
  private checkExtension(e: Escalation, days: number): number {
    const rule = procedureOf(e.kind).clocks.find((r) => r.key === 'reply');
    const max = rule?.extension ? this.procedurePeriods[rule.extension] : 0;
    if (days > max) {
      throw ValidationFailedError.field(
        'extensionDays',
        max === 0
          ? `the ${procedureOf(e.kind).title} has no extension of the reply period`
          : `must be at most ${max} days`,
      );
    }
    return days;
  }

  /**
   * "No reply" is a fact only once the reply deadline (with any extension) has passed: before,
   * 409 with the first day it can be recorded.
   */
  private noReplyGate(e: Escalation, date: string): void {
    const from = noReplyPossibleFrom(
      e.kind,
      recordedDates(e, this.clock.today()),
      this.procedurePeriods,
    );
    if (from && date < from) {
      throw new ConflictError(
        `The government's reply is due until ${e.replyDueOn ?? 'its deadline'}${e.extensionDays ? ` (with an extension of ${e.extensionDays} days)` : ''}: "no reply" can be recorded from ${from}.`,
        { possibleFrom: from, replyDueOn: e.replyDueOn },
      );
    }
  }

  /**
   * Dates the UN gives after a step (the opinion's transmission when it was not recorded with
   * the step, its publication) and the meeting a submission is for. Never in the future; an
   * opinion's dates never before its adoption.
   */
  private patchDates(e: Escalation, patch: EscalationPatch): void {
    const today = this.clock.today();
    for (const field of ['opinionTransmittedOn', 'publishedOn', 'meetingOn'] as const) {
      const value = patch[field];
      if (value === undefined) continue;
      if (value !== null && field !== 'meetingOn') {
        if (value > today) throw ValidationFailedError.field(field, 'must not be in the future');
        if (!e.opinionAdoptedOn && field === 'opinionTransmittedOn')
          throw ValidationFailedError.field(field, 'can be recorded once the opinion is adopted');
        if (e.opinionAdoptedOn && value < e.opinionAdoptedOn)
          throw ValidationFailedError.field(
            field,
            `must be on or after the opinion's adoption (${e.opinionAdoptedOn})`,
          );
      }
      e[field] = value;
    }
  }

  /** Partner ids per escalation, in one query. */
  private async partnerIds(tx: EntityManager, ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!ids.length) return out;
    const rows = await tx.find(EscalationPartner, {
      where: { escalationId: In(ids) },
      order: { partnerId: 'ASC' },
    });
    for (const r of rows)
      out.set(r.escalationId, [...(out.get(r.escalationId) ?? []), r.partnerId]);
    return out;
  }

  private async linkPartners(tx: EntityManager, escalationId: string, partnerIds: string[]) {
    if (partnerIds.length)
      await tx.insert(
        EscalationPartner,
        partnerIds.map((partnerId) => ({ escalationId, partnerId })),
      );
  }

  /**
   * The owner is reminded of the escalation's deadlines and works on it: an active
   * caseworker, coordinator or admin who may see every case it concerns (need-to-know).
   */
  private async checkOwner(
    tx: EntityManager,
    ownerId: string | null | undefined,
    defenderIds: readonly string[],
    field: 'ownerId' | 'defenderIds' = 'ownerId',
  ): Promise<void> {
    if (!ownerId) return;
    const u = await tx.findOneBy(User, { id: ownerId, active: true });
    if (!u || u.role === 'viewer')
      throw ValidationFailedError.field(
        'ownerId',
        'must be an active caseworker, coordinator or admin',
      );
    if (!(await this.access.userSeesAll(tx, u, defenderIds)))
      throw ValidationFailedError.field(
        field,
        field === 'ownerId'
          ? 'must be someone who may see every case of the escalation (assign them to its restricted cases first)'
          : "must be cases the escalation's owner may see (assign them to its restricted cases first, or change the owner)",
      );
  }
}
