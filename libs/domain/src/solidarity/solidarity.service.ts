import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  assertVersion,
  AuditService,
  decodeKeyCursor,
  diffForAudit,
  encodeKeyCursor,
  FieldCipher,
  hiddenAs,
  NotFoundError,
  ValidationFailedError,
  type Actor,
  type Page,
  EventBus,
} from '@witness/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import { decidesAccess, seesSensitive, AccessService } from '../access';
import { DefendersService } from '../defenders';
import type { DomainEvents } from '../shared/events';
import { prefixMatchSql, toPrefixTsquery } from '../shared/text-search';
import {
  Partner,
  SolidarityAction,
  SolidarityActionDefender,
  SolidarityActionPartner,
  type ActionStatus,
  type ActionType,
  type EcosocStatus,
  type PartnerKind,
  type Reach,
} from './solidarity.entity';
import { cipherContext } from '../shared/encrypted-columns';

export interface ContactPerson {
  name: string;
  email?: string | null;
  phone?: string | null;
}

export interface PartnerInput {
  name: string;
  country?: string | null;
  kind: PartnerKind;
  /** ECOSOC consultative status (default none). */
  ecosocStatus?: EcosocStatus;
  contactPerson?: ContactPerson | null;
  notes?: string | null;
}

export interface PartnerView {
  id: string;
  name: string;
  country: string | null;
  kind: PartnerKind;
  ecosocStatus: EcosocStatus;
  contactPerson?: ContactPerson | null;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActionInput {
  defenderIds?: string[];
  partnerIds?: string[];
  type: ActionType;
  title: string;
  description?: string | null;
  startsOn: string;
  endsOn?: string | null;
  reach?: Partial<Reach>;
  outcome?: string | null;
  links?: string[];
  status?: ActionStatus;
  /** Shown on the public profiles of its featured defenders. */
  isPublic?: boolean;
}

export interface ActionView extends Required<Omit<ActionInput, 'reach'>> {
  id: string;
  reach: Partial<Reach>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ActionQuery {
  defenderId?: string;
  partnerId?: string;
  type?: ActionType;
  status?: ActionStatus;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

const contactContext = (id: string) => cipherContext('partners', 'contactPersonEnc', id);

/**
 * Solidarity actions and the partner organisations that take part in them. An action that
 * concerns a restricted case exists only for those who may see every case it concerns.
 */
@Injectable()
export class SolidarityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly defenders: DefendersService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly events: EventBus<DomainEvents>,
  ) {}

  // ---- partners -------------------------------------------------------------------------

  async createPartner(input: PartnerInput, actor: Actor): Promise<PartnerView> {
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      const p = await tx.save(
        tx.create(Partner, {
          id,
          name: input.name.trim(),
          country: input.country?.toUpperCase() ?? null,
          kind: input.kind,
          ecosocStatus: input.ecosocStatus ?? 'none',
          notes: input.notes ?? null,
          contactPersonEnc: input.contactPerson
            ? this.cipher.encryptJson(input.contactPerson, contactContext(id))
            : null,
        }),
      );
      await this.audit.record(tx, actor, {
        action: 'partner.create',
        entityType: 'partner',
        entityId: p.id,
        changes: diffForAudit(null, {
          name: p.name,
          kind: p.kind,
          ecosocStatus: p.ecosocStatus,
          contactPerson: input.contactPerson ?? null,
        }),
      });
    });
    return this.partner(id, actor);
  }

  async partner(id: string, actor: Actor): Promise<PartnerView> {
    const p = await this.dataSource
      .getRepository(Partner)
      .createQueryBuilder('p')
      .addSelect('p.contactPersonEnc')
      .where('p.id = :id', { id })
      .getOne();
    if (!p) throw new NotFoundError('Partner', id);
    return this.partnerView(p, actor, true);
  }

  async partners(actor: Actor): Promise<PartnerView[]> {
    const rows = await this.dataSource.manager.find(Partner, { order: { name: 'ASC' } });
    return rows.map((p) => this.partnerView(p, actor, false));
  }

  /**
   * Partners for a choice, by name: every word typed is the prefix of a word of the name,
   * accents and case folded; an empty query lists them by name. One more than `limit` is
   * read, so the caller can tell that more exist.
   */
  async searchPartners(q: string, actor: Actor, limit: number): Promise<PartnerView[]> {
    const qb = this.dataSource.getRepository(Partner).createQueryBuilder('p');
    if (q.trim() !== '') qb.where(prefixMatchSql('p.name'), { tsq: toPrefixTsquery(q) });
    const rows = await qb
      .orderBy('lower(p.name)', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return rows.map((p) => this.partnerView(p, actor, false));
  }

  /** Partners by id (those that exist), without contact persons: for pages that name a few. */
  async partnersById(ids: readonly string[], actor: Actor): Promise<PartnerView[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await this.dataSource.manager.find(Partner, {
      where: { id: In(unique) },
      order: { name: 'ASC' },
    });
    return rows.map((p) => this.partnerView(p, actor, false));
  }

  async updatePartner(
    id: string,
    patch: Partial<PartnerInput>,
    version: number,
    actor: Actor,
  ): Promise<PartnerView> {
    await this.dataSource.transaction(async (tx) => {
      const p = await tx.findOne(Partner, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw new NotFoundError('Partner', id);
      assertVersion('partner', version, p.version);
      const before = {
        name: p.name,
        country: p.country,
        kind: p.kind,
        ecosocStatus: p.ecosocStatus,
        notes: p.notes,
      };
      if (patch.name !== undefined) p.name = patch.name.trim();
      if (patch.country !== undefined) p.country = patch.country?.toUpperCase() ?? null;
      if (patch.kind !== undefined) p.kind = patch.kind;
      if (patch.ecosocStatus !== undefined) p.ecosocStatus = patch.ecosocStatus;
      if (patch.notes !== undefined) p.notes = patch.notes;
      if (patch.contactPerson !== undefined) {
        p.contactPersonEnc = patch.contactPerson
          ? this.cipher.encryptJson(patch.contactPerson, contactContext(id))
          : null;
      }
      await tx.save(p);
      await this.audit.record(tx, actor, {
        action: 'partner.update',
        entityType: 'partner',
        entityId: id,
        changes: {
          ...diffForAudit(before, {
            name: p.name,
            country: p.country,
            kind: p.kind,
            ecosocStatus: p.ecosocStatus,
            notes: p.notes,
          }),
          ...(patch.contactPerson !== undefined
            ? { contactPerson: { from: '[redacted]', to: '[redacted]' } }
            : {}),
        },
      });
    });
    return this.partner(id, actor);
  }

  private partnerView(p: Partner, actor: Actor, single: boolean): PartnerView {
    const v: PartnerView = {
      id: p.id,
      name: p.name,
      country: p.country,
      kind: p.kind,
      ecosocStatus: p.ecosocStatus,
      notes: p.notes,
      version: p.version,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
    if (single && seesSensitive(actor)) {
      v.contactPerson = p.contactPersonEnc
        ? this.cipher.decryptJson<ContactPerson>(p.contactPersonEnc, contactContext(p.id))
        : null;
    }
    return v;
  }

  // ---- actions --------------------------------------------------------------------------

  async createAction(input: ActionInput, actor: Actor): Promise<ActionView> {
    this.checkDates(input.startsOn, input.endsOn ?? null);
    // Private is the default and anyone's to choose; public is a publication decision.
    if (input.isPublic)
      await this.access.refuseDecisions(
        actor,
        { isPublic: input.isPublic },
        { entityType: 'solidarity_action' },
      );
    const id = await this.dataSource.transaction(async (tx) => {
      const defenderIds = [...new Set(input.defenderIds ?? [])];
      for (const d of defenderIds) await this.defenders.find(tx, d, { actor, reading: false });
      const partnerIds = await this.checkPartners(tx, input.partnerIds ?? []);
      const a = await tx.save(
        tx.create(SolidarityAction, {
          type: input.type,
          title: input.title.trim(),
          description: input.description ?? null,
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
          reach: input.reach ?? {},
          outcome: input.outcome ?? null,
          links: input.links ?? [],
          status: input.status ?? 'planned',
          isPublic: input.isPublic ?? false,
          createdBy: actor.userId,
        }),
      );
      await this.link(tx, a.id, defenderIds, partnerIds);
      await this.syncMilestone(tx, a, defenderIds);
      await this.audit.record(tx, actor, {
        action: 'solidarity_action.create',
        entityType: 'solidarity_action',
        entityId: a.id,
        subjectId: defenderIds[0] ?? null,
        changes: diffForAudit(null, {
          type: a.type,
          title: a.title,
          startsOn: a.startsOn,
          defenderIds,
          partnerIds,
        }),
      });
      return a.id;
    });
    return this.action(id, actor);
  }

  async action(id: string, actor: Actor): Promise<ActionView> {
    const { a, defenderIds, partnerIds } = await this.loadAction(
      this.dataSource.manager,
      id,
      actor,
    );
    return toActionView(a, defenderIds, partnerIds);
  }

  async updateAction(
    id: string,
    patch: Partial<ActionInput>,
    version: number,
    actor: Actor,
  ): Promise<ActionView> {
    if (patch.isPublic !== undefined && !decidesAccess(actor)) {
      // Publishing or withdrawing is a decider's call: refused whole, and audited, once the
      // action is known to be one the actor may see (404 otherwise).
      const { defenderIds } = await this.loadAction(this.dataSource.manager, id, actor);
      await this.access.refuseDecisions(
        actor,
        { isPublic: patch.isPublic },
        { entityType: 'solidarity_action', entityId: id, subjectId: defenderIds[0] ?? null },
      );
    }
    await this.dataSource.transaction(async (tx) => {
      const { a, defenderIds, partnerIds } = await this.loadAction(tx, id, actor, true);
      assertVersion('solidarity action', version, a.version);
      const before = toActionView(a, defenderIds, partnerIds) as unknown as Record<string, unknown>;
      for (const k of [
        'type',
        'title',
        'description',
        'startsOn',
        'endsOn',
        'reach',
        'outcome',
        'links',
        'status',
        'isPublic',
      ] as const) {
        if (patch[k] !== undefined) (a as unknown as Record<string, unknown>)[k] = patch[k];
      }
      this.checkDates(a.startsOn, a.endsOn);
      const newDefenders = patch.defenderIds ? [...new Set(patch.defenderIds)] : defenderIds;
      if (patch.defenderIds)
        for (const d of newDefenders) await this.defenders.find(tx, d, { actor, reading: false });
      const newPartners = patch.partnerIds
        ? await this.checkPartners(tx, patch.partnerIds)
        : partnerIds;
      // A change of links alone must still bump the version (and the ETag).
      if (patch.defenderIds || patch.partnerIds) a.updatedAt = new Date();
      await tx.save(a);
      if (patch.defenderIds || patch.partnerIds) {
        await tx.delete(SolidarityActionDefender, { actionId: id });
        await tx.delete(SolidarityActionPartner, { actionId: id });
        await this.link(tx, id, newDefenders, newPartners);
      }
      await this.syncMilestone(tx, a, newDefenders);
      await this.audit.record(tx, actor, {
        action: 'solidarity_action.update',
        entityType: 'solidarity_action',
        entityId: id,
        subjectId: newDefenders[0] ?? null,
        changes: diffForAudit(
          before,
          toActionView(a, newDefenders, newPartners) as unknown as Record<string, unknown>,
          ['version', 'updatedAt', 'createdAt'],
        ),
      });
    });
    return this.action(id, actor);
  }

  async actions(query: ActionQuery, actor: Actor): Promise<Page<ActionView>> {
    const limit = query.limit ?? 50;
    const qb = this.dataSource.getRepository(SolidarityAction).createQueryBuilder('a');
    this.access.restrictLinked(qb, actor, {
      table: 'solidarity_action_defenders',
      column: 'action_id',
      ownerAlias: 'a',
    });
    if (query.defenderId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM solidarity_action_defenders x WHERE x.action_id = a.id AND x.defender_id = :did)',
        {
          did: query.defenderId,
        },
      );
    }
    if (query.partnerId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM solidarity_action_partners y WHERE y.action_id = a.id AND y.partner_id = :pid)',
        {
          pid: query.partnerId,
        },
      );
    }
    if (query.type) qb.andWhere('a.type = :type', { type: query.type });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.from) qb.andWhere('coalesce(a.ends_on, a.starts_on) >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.starts_on <= :to', { to: query.to });
    if (query.cursor) {
      const c = decodeKeyCursor(query.cursor);
      qb.andWhere('(a.starts_on, a.id) < (:ck, :ci)', { ck: c.key, ci: c.id });
    }
    const rows = await qb
      .orderBy('a.starts_on', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const data = rows.slice(0, limit);
    const ids = data.map((a) => a.id);
    const ds = ids.length
      ? await this.dataSource.manager.find(SolidarityActionDefender, {
          where: { actionId: In(ids) },
        })
      : [];
    const ps = ids.length
      ? await this.dataSource.manager.find(SolidarityActionPartner, {
          where: { actionId: In(ids) },
        })
      : [];
    const last = data[data.length - 1];
    return {
      data: data.map((a) =>
        toActionView(
          a,
          ds.filter((d) => d.actionId === a.id).map((d) => d.defenderId),
          ps.filter((p) => p.actionId === a.id).map((p) => p.partnerId),
        ),
      ),
      nextCursor: rows.length > limit && last ? encodeKeyCursor(last.startsOn, last.id) : null,
    };
  }

  private async loadAction(tx: EntityManager, id: string, actor: Actor, lock = false) {
    const a = await tx.findOne(SolidarityAction, {
      where: { id },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!a) throw new NotFoundError('Solidarity action', id);
    const ds = await tx.find(SolidarityActionDefender, { where: { actionId: id } });
    for (const d of ds) {
      await hiddenAs('Solidarity action', id, () =>
        this.defenders.find(tx, d.defenderId, { actor, archived: true, reading: !lock }),
      );
    }
    const ps = await tx.find(SolidarityActionPartner, { where: { actionId: id } });
    return { a, defenderIds: ds.map((d) => d.defenderId), partnerIds: ps.map((p) => p.partnerId) };
  }

  private async link(
    tx: EntityManager,
    actionId: string,
    defenderIds: string[],
    partnerIds: string[],
  ) {
    if (defenderIds.length)
      await tx.insert(
        SolidarityActionDefender,
        defenderIds.map((defenderId) => ({ actionId, defenderId })),
      );
    if (partnerIds.length)
      await tx.insert(
        SolidarityActionPartner,
        partnerIds.map((partnerId) => ({ actionId, partnerId })),
      );
  }

  private checkPartners(tx: EntityManager, ids: string[]): Promise<string[]> {
    return knownPartners(tx, ids);
  }

  /** The milestone of a planned action follows it (MilestoneListeners.solidarityActionChanged). */
  private async syncMilestone(
    tx: EntityManager,
    a: SolidarityAction,
    defenderIds: string[],
  ): Promise<void> {
    await this.events.publish(tx, 'SolidarityActionChanged', {
      actionId: a.id,
      title: a.title,
      startsOn: a.startsOn,
      status: a.status,
      defenderIds,
      organiserId: a.createdBy,
    });
  }

  private checkDates(startsOn: string, endsOn: string | null): void {
    if (endsOn && endsOn < startsOn)
      throw ValidationFailedError.field('endsOn', 'must not be before startsOn');
  }
}

/**
 * The distinct partner ids, or a 422 naming each unknown entry by its position as sent
 * (`partnerIds[i]`). Actions and escalations both name partners this way.
 */
export async function knownPartners(tx: EntityManager, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const found = new Set((await tx.find(Partner, { where: { id: In(unique) } })).map((p) => p.id));
  const errors = ids
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !found.has(id))
    .map(({ i }) => ({ field: `partnerIds[${i}]`, message: 'is not a known partner' }));
  if (errors.length) throw new ValidationFailedError(errors);
  return unique;
}

/** The partners with these ids (unknown ids are left out), read in the caller's transaction. */
export async function partnersByIds(tx: EntityManager, ids: readonly string[]): Promise<Partner[]> {
  return ids.length ? tx.find(Partner, { where: { id: In([...ids]) } }) : [];
}

function toActionView(
  a: SolidarityAction,
  defenderIds: string[],
  partnerIds: string[],
): ActionView {
  return {
    id: a.id,
    defenderIds,
    partnerIds,
    type: a.type,
    title: a.title,
    description: a.description,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    reach: a.reach ?? {},
    outcome: a.outcome,
    links: a.links,
    status: a.status,
    isPublic: a.isPublic,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
