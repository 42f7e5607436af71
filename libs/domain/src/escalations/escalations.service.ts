import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  assertVersion,
  AuditService,
  Clock,
  ConflictError,
  diffForAudit,
  FieldCipher,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
  type Page,
  EventBus,
} from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import { DefendersService } from '../defenders';
import type { DomainEvents } from '../shared/events';
import { knownPartners } from '../solidarity';
import type { Actor } from '../shared/actor';
import type { ClockPeriods } from './escalation-clock';
import { DATE_COLUMNS, EscalationDeadlines } from './escalation-deadlines';
import { checkContentPeople, EscalationGates } from './escalation-gates';
import { EscalationQueries, linkPartners, partnerIdsOf, sourceContext } from './escalation-queries';
import type {
  EscalationInput,
  EscalationPatch,
  EscalationQuery,
  EscalationView,
  TransitionInput,
} from './escalation.types';
import { recordedBy, type MandateSuggestion, type ProcedurePeriods } from './procedures';
import { allocateEscalationReference } from './escalation-reference';
import { checkStepOrder, datedSteps, stepsOf } from './escalation-step-dates';
import {
  Escalation,
  EscalationDefender,
  EscalationPartner,
  EscalationTransition,
} from './escalation.entity';
import {
  awaitsReply,
  checkTransition,
  KIND_MECHANISMS,
  OPINION_NUMBER,
} from './escalation-workflow';

/** The states that record an opinion, decision or views, with its number and outcome. */
const OPINION_STATES = ['opinion_adopted', 'decision_adopted', 'views_adopted'];

/**
 * Escalations to UN mechanisms. Access follows the defenders': an escalation exists for an
 * actor only if every defender it concerns does. The clock (reply and follow-up dates) is
 * derived from the recorded UN dates and configured periods, and drives milestones.
 *
 * This class records the changes (create, update, steps); reading is EscalationQueries', the
 * preconditions EscalationGates', the clock EscalationDeadlines'. Their methods that other
 * features use are offered here too.
 */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly defenders: DefendersService,
    private readonly events: EventBus<DomainEvents>,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly deadlines: EscalationDeadlines,
    private readonly queries: EscalationQueries,
    private readonly gates: EscalationGates,
  ) {}

  /** The WGAD's periods in the older shape (the same settings the procedure tables read). */
  get periods(): ClockPeriods {
    return this.deadlines.periods;
  }

  /** The procedures' periods (defaults, the WGAD_* settings, then PROCEDURE_PERIODS). */
  get procedurePeriods(): ProcedurePeriods {
    return this.deadlines.procedurePeriods;
  }

  get(id: string, actor: Actor): Promise<EscalationView> {
    return this.queries.get(id, actor);
  }

  releasesAfter(e: Pick<Escalation, 'submittedOn'>, defenderIds: string[]) {
    return this.queries.releasesAfter(e, defenderIds);
  }

  mandates(id: string, actor: Actor): Promise<MandateSuggestion[]> {
    return this.queries.mandates(id, actor);
  }

  transitions(id: string, actor: Actor) {
    return this.queries.transitions(id, actor);
  }

  list(query: EscalationQuery, actor: Actor): Promise<Page<EscalationView>> {
    return this.queries.list(query, actor);
  }

  countByState(actor: Actor): Promise<Record<string, number>> {
    return this.queries.countByState(actor);
  }

  forDefender(defenderId: string, actor: Actor): Promise<Page<EscalationView>> {
    return this.queries.forDefender(defenderId, actor);
  }

  load(
    tx: EntityManager,
    id: string,
    actor: Actor,
    options?: { lock?: boolean; sensitive?: boolean },
  ) {
    return this.queries.load(tx, id, actor, options);
  }

  view(e: Escalation, defenderIds: string[], actor: Actor, withSensitive = true): EscalationView {
    return this.queries.view(e, defenderIds, actor, withSensitive);
  }

  consentGate(tx: EntityManager, defenderIds: string[]): Promise<void> {
    return this.gates.consentGate(tx, defenderIds);
  }

  publicDocumentGate(tx: EntityManager, e: Escalation, defenderIds: string[], actor: Actor) {
    return this.gates.publicDocumentGate(tx, e, defenderIds, actor);
  }

  acceptanceGate(tx: EntityManager, e: Escalation, defenderIds: string[], actor: Actor) {
    return this.gates.acceptanceGate(tx, e, defenderIds, actor);
  }

  ecosocGate(tx: EntityManager, e: Escalation): Promise<void> {
    return this.gates.ecosocGate(tx, e);
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
      await this.gates.checkOwner(tx, input.ownerId ?? actor.userId, defenderIds);
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
      this.deadlines.derive(e);
      const saved = await tx.save(e);
      await tx.insert(
        EscalationDefender,
        defenderIds.map((defenderId) => ({ escalationId: saved.id, defenderId })),
      );
      await linkPartners(tx, saved.id, partnerIds);
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

  async update(
    id: string,
    patch: EscalationPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<EscalationView> {
    await this.dataSource.transaction(async (tx) => {
      const { e, defenderIds } = await this.queries.load(tx, id, actor, { lock: true });
      assertVersion('escalation', expectedVersion, e.version);
      if (patch.ownerId !== undefined)
        await this.gates.checkOwner(tx, patch.ownerId, patch.defenderIds ?? defenderIds);
      else if (patch.defenderIds !== undefined)
        await this.gates.checkOwner(tx, e.ownerId, patch.defenderIds, 'defenderIds');
      const before = { ...e } as Record<string, unknown>;
      // The partners are read (for the audit diff) and rewritten only when the patch names them.
      let partnersChanged: Record<string, unknown> = {};
      if (patch.partnerIds !== undefined) {
        const partnersBefore = (await partnerIdsOf(tx, [id])).get(id) ?? [];
        const partnerIds = await knownPartners(tx, patch.partnerIds);
        await tx.delete(EscalationPartner, { escalationId: id });
        await linkPartners(tx, id, partnerIds);
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
        e.extensionDays = this.deadlines.checkExtension(e, patch.extensionDays);
      }
      this.deadlines.patchDates(e, patch);
      this.deadlines.derive(e);
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
      const { e, defenderIds } = await this.queries.load(tx, id, actor, { lock: true });
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
      const { e, defenderIds } = await this.queries.load(tx, id, actor, { lock: true });
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
        await this.gates.consentGate(tx, defenderIds);
        await this.gates.publicDocumentGate(tx, e, defenderIds, actor);
        await this.gates.acceptanceGate(tx, e, defenderIds, actor);
        await this.gates.ecosocGate(tx, e);
      }
      if (input.to === 'no_reply') this.deadlines.noReplyGate(e, date);
      if (input.to === 'opinion_transmitted' && e.opinionAdoptedOn && date < e.opinionAdoptedOn)
        throw ValidationFailedError.field(
          'date',
          `must be on or after the opinion's adoption (${e.opinionAdoptedOn})`,
        );
      checkStepOrder('date', date, datedSteps(e.kind, await stepsOf(tx, id)).at(-1));
      const from = e.state;
      e.state = input.to;
      if (input.unReference !== undefined) e.unReference = input.unReference;
      const named = recordedBy(e.kind, input.to);
      if (named && named in DATE_COLUMNS)
        e[DATE_COLUMNS[named as keyof typeof DATE_COLUMNS]] = date;
      if (awaitsReply(e.kind, input.to) && input.extensionDays !== undefined)
        e.extensionDays = this.deadlines.checkExtension(e, input.extensionDays);
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
      this.deadlines.derive(e);
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
   * Correct the date a step happened (a coordinator's or admin's): it stays between the dates
   * of the steps before and after it, is never in the future, and the clock is derived again
   * from the corrected date (the deadlines and their milestones follow). Needs the version.
   */
  async correctStepDate(
    id: string,
    transitionId: string,
    occurredOn: string,
    expectedVersion: number,
    actor: Actor,
  ): Promise<EscalationView> {
    if (actor.role !== 'coordinator' && actor.role !== 'admin')
      throw new ForbiddenError("Only coordinators and admins correct a step's date.");
    await this.dataSource.transaction(async (tx) => {
      const { e, defenderIds } = await this.queries.load(tx, id, actor, { lock: true });
      const steps = await stepsOf(tx, id);
      const at = steps.findIndex((t) => t.id === transitionId);
      if (at < 0) throw new NotFoundError('Step', transitionId);
      assertVersion('escalation', expectedVersion, e.version);
      if (occurredOn > this.clock.today())
        throw ValidationFailedError.field('occurredOn', 'must not be in the future');
      const step = steps[at];
      const before = datedSteps(e.kind, steps.slice(0, at)).at(-1);
      const after = datedSteps(e.kind, steps.slice(at + 1))[0];
      checkStepOrder('occurredOn', occurredOn, before, after);
      const was = step.occurredOn;
      if (was === occurredOn) return;
      step.occurredOn = occurredOn;
      await tx.save(step);
      // The date the step records (e.g. the transmission), unless a later step recorded it again.
      const named = recordedBy(e.kind, step.toState);
      const latest = steps.filter((t) => recordedBy(e.kind, t.toState) === named).at(-1);
      if (named && named in DATE_COLUMNS && latest?.id === step.id)
        e[DATE_COLUMNS[named as keyof typeof DATE_COLUMNS]] = occurredOn;
      this.deadlines.derive(e);
      // The step's row alone changed: the escalation's version (and ETag) moves all the same.
      e.updatedAt = new Date();
      await tx.save(e);
      await this.syncClock(tx, e, defenderIds);
      await this.audit.record(tx, actor, {
        action: 'escalation.step_date_correct',
        entityType: 'escalation',
        entityId: id,
        subjectId: defenderIds[0],
        changes: {
          step: { from: null, to: `${step.fromState}->${step.toState}` },
          transitionId: { from: null, to: step.id },
          occurredOn: { from: was, to: occurredOn },
        },
      });
    });
    return this.get(id, actor);
  }

  /** Its clock's milestones follow (see MilestoneListeners.escalationTransitioned). */
  private async syncClock(tx: EntityManager, e: Escalation, defenderIds: string[]): Promise<void> {
    await this.events.publish(tx, 'EscalationTransitioned', {
      escalationId: e.id,
      defenderIds,
      ownerId: e.ownerId,
      deadlines: this.deadlines.clockOf(e),
    });
  }
}
