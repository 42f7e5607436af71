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
import { knownPartners } from '../solidarity';
import type { Actor } from '../shared/actor';
import { User } from '../users';
import { daysUntil, followUpDueOn, replyDueOn, type ClockPeriods } from './escalation-clock';
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
  AWAITING_REPLY,
  checkTransition,
  KIND_MECHANISMS,
  OPINION_NUMBER,
  type EscalationKind,
  type Mechanism,
} from './escalation-workflow';

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
  opinionAdoptedOn: string | null;
  followUpDueOn: string | null;
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
  dueBefore?: string;
  limit?: number;
  cursor?: string;
}

const sourceContext = (id: string) => FieldCipher.context('escalations', 'source_identity', id);

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

  get periods(): ClockPeriods {
    return {
      replyDays: this.config.get('WGAD_REPLY_DAYS', { infer: true }),
      maxExtensionDays: this.config.get('WGAD_MAX_EXTENSION_DAYS', { infer: true }),
      followUpMonths: this.config.get('WGAD_FOLLOW_UP_MONTHS', { infer: true }),
    };
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
        notes: input.notes ?? null,
        content: input.content ?? {},
        sourceIdentityEnc: input.sourceIdentity
          ? this.cipher.encryptJson(input.sourceIdentity, sourceContext(id))
          : null,
        createdBy: actor.userId,
      });
      const saved = await tx.save(e);
      await tx.insert(
        EscalationDefender,
        defenderIds.map((defenderId) => ({ escalationId: saved.id, defenderId })),
      );
      await this.linkPartners(tx, saved.id, partnerIds);
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
        if (patch.extensionDays > this.periods.maxExtensionDays) {
          throw ValidationFailedError.field(
            'extensionDays',
            `must be at most ${this.periods.maxExtensionDays} days`,
          );
        }
        e.extensionDays = patch.extensionDays;
        e.replyDueOn = replyDueOn(e.transmittedOn, e.extensionDays, this.periods);
      }
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
          { allowed: check.allowed },
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
      if (input.to === 'submitted') await this.consentGate(tx, defenderIds);
      const from = e.state;
      e.state = input.to;
      if (input.unReference !== undefined) e.unReference = input.unReference;
      if (input.to === 'submitted') e.submittedOn = date;
      if (AWAITING_REPLY.includes(input.to)) {
        e.transmittedOn = date;
        if (input.extensionDays !== undefined)
          e.extensionDays = Math.min(input.extensionDays, this.periods.maxExtensionDays);
        e.replyDueOn = replyDueOn(date, e.extensionDays, this.periods);
      }
      if (input.to === 'government_replied') e.governmentRepliedOn = date;
      if (input.to === 'opinion_adopted' || input.to === 'decision_adopted') {
        if (input.opinionNumber && !OPINION_NUMBER.test(input.opinionNumber)) {
          throw ValidationFailedError.field(
            'opinionNumber',
            'must be written No. N/YYYY, e.g. No. 12/2024',
          );
        }
        e.opinionAdoptedOn = date;
        e.opinionNumber = input.opinionNumber ?? e.opinionNumber;
        e.followUpDueOn = followUpDueOn(date, this.periods);
        e.outcome = {
          arbitrary: input.arbitrary ?? null,
          categoriesFound: input.categoriesFound ?? [],
          releaseRequested: input.releaseRequested ?? null,
          compensationRequested: input.compensationRequested ?? null,
        };
      }
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
    if (query.defenderId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM escalation_defenders x WHERE x.escalation_id = e.id AND x.defender_id = :did)',
        {
          did: query.defenderId,
        },
      );
    }
    if (query.dueBefore) {
      qb.andWhere('(e.reply_due_on <= :due OR e.follow_up_due_on <= :due)', {
        due: query.dueBefore,
      });
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
      daysUntilReplyDue: AWAITING_REPLY.includes(e.state)
        ? daysUntil(e.replyDueOn, this.clock.today())
        : null,
      governmentRepliedOn: e.governmentRepliedOn,
      opinionAdoptedOn: e.opinionAdoptedOn,
      followUpDueOn: e.followUpDueOn,
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
      replyDueOn: e.replyDueOn,
      followUpDueOn: e.followUpDueOn,
      awaitingReply: AWAITING_REPLY.includes(e.state),
      followingUp:
        e.state === 'opinion_adopted' || e.state === 'follow_up' || e.state === 'decision_adopted',
    });
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
