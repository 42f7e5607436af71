import { Injectable } from '@nestjs/common';
import {
  Clock,
  decodeKeyCursor,
  encodeKeyCursor,
  FieldCipher,
  hiddenAs,
  NotFoundError,
  type Page,
} from '@witness/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { seesSensitive, AccessService } from '../access';
import { DefendersService } from '../defenders';
import { firstReleasesBetween, timelineEventFacts } from '../detention';
import type { Actor } from '../shared/actor';
import { cipherContext } from '../shared/encrypted-columns';
import { daysUntil } from './escalation-clock';
import { EscalationDeadlines, recordedDates } from './escalation-deadlines';
import {
  Escalation,
  EscalationDefender,
  EscalationPartner,
  EscalationTransition,
} from './escalation.entity';
import type { EscalationQuery, EscalationView, SourceIdentity } from './escalation.types';
import { allowedFor, awaitsReply } from './escalation-workflow';
import {
  noReplyPossibleFrom,
  procedureOf,
  suggestMandates,
  type MandateFacts,
  type MandateSuggestion,
} from './procedures';

export const sourceContext = (id: string) => cipherContext('escalations', 'sourceIdentityEnc', id);

/** Partner ids per escalation, in one query. */
export async function partnerIdsOf(
  tx: EntityManager,
  ids: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!ids.length) return out;
  const rows = await tx.find(EscalationPartner, {
    where: { escalationId: In(ids) },
    order: { partnerId: 'ASC' },
  });
  for (const r of rows) out.set(r.escalationId, [...(out.get(r.escalationId) ?? []), r.partnerId]);
  return out;
}

export async function linkPartners(tx: EntityManager, escalationId: string, partnerIds: string[]) {
  if (partnerIds.length)
    await tx.insert(
      EscalationPartner,
      partnerIds.map((partnerId) => ({ escalationId, partnerId })),
    );
}

/**
 * Reading escalations: one (with its defenders, 404 when any is hidden), lists, counts, the
 * history of its steps, and what is derived from the record (releases, mandates).
 */
@Injectable()
export class EscalationQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly defenders: DefendersService,
    private readonly access: AccessService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly deadlines: EscalationDeadlines,
  ) {}

  async get(id: string, actor: Actor): Promise<EscalationView> {
    const { e, defenderIds } = await this.load(this.dataSource.manager, id, actor, {
      sensitive: true,
    });
    const view = this.view(e, defenderIds, actor);
    view.partnerIds = (await partnerIdsOf(this.dataSource.manager, [id])).get(id) ?? [];
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
    return firstReleasesBetween(
      this.dataSource.manager,
      defenderIds,
      e.submittedOn,
      this.clock.today(),
    );
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
    const rows = await timelineEventFacts(this.dataSource.manager, defenderIds);
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
    const partners = await partnerIdsOf(
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
      deadlines: this.deadlines.clockOf(e),
      noReplyPossibleFrom: procedureOf(e.kind).states[e.state]?.includes('no_reply')
        ? noReplyPossibleFrom(
            e.kind,
            recordedDates(e, this.clock.today()),
            this.deadlines.procedurePeriods,
          )
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
}
