import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  assertVersion,
  Clock,
  decodeCursor,
  encodeCursor,
  NotFoundError,
  Page,
  ValidationFailedError,
  type FieldError,
} from '@witness/platform';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { Actor } from '../shared/actor';
import { Defender } from './defender.entity';
import { toPrefixTsquery } from './defender-search';
import type {
  DefenderInput,
  DefenderListQuery,
  DefenderPatch,
  DefenderView,
} from './defender.types';
import { toDefenderView } from './defender.view';

type SeqCursor = { s: string };
type RankCursor = { r: number; s: string };

@Injectable()
export class DefendersService {
  constructor(
    @InjectRepository(Defender) private readonly repo: Repository<Defender>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(input: DefenderInput, _actor: Actor): Promise<DefenderView> {
    this.checkRules(input);
    const saved = await this.dataSource.transaction(async (tx) => {
      const entity = tx.create(Defender, normalise(input));
      return tx.save(entity);
    });
    return this.get(saved.id);
  }

  /** One case record; archived ones only when asked for. */
  async get(id: string, options: { archived?: boolean } = {}): Promise<DefenderView> {
    const d = await this.find(this.repo.manager, id, options);
    return toDefenderView(d, this.clock.today());
  }

  async update(
    id: string,
    patch: DefenderPatch,
    expectedVersion: number,
    _actor: Actor,
  ): Promise<DefenderView> {
    await this.dataSource.transaction(async (tx) => {
      const d = await this.find(tx, id, { lock: true });
      assertVersion('defender', expectedVersion, d.version);
      const changes = normalise(patch);
      this.checkRules({ ...d, ...changes } as DefenderInput);
      tx.merge(Defender, d, changes);
      await tx.save(d);
    });
    return this.get(id);
  }

  /** Archive (soft delete): hidden from lists and reads unless `archived` is asked for. */
  async archive(id: string, _actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const d = await this.find(tx, id, { lock: true });
      d.archivedAt = this.clock.now();
      await tx.save(d);
    });
  }

  async list(query: DefenderListQuery): Promise<Page<DefenderView>> {
    const limit = query.limit ?? 50;
    const qb = this.repo.createQueryBuilder('d');
    if (!query.archived) qb.andWhere('d.archived_at IS NULL');
    if (query.country) qb.andWhere('d.country = :country', { country: query.country });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.riskLevel) qb.andWhere('d.risk_level = :risk', { risk: query.riskLevel });
    if (query.hrdFocus)
      qb.andWhere('d.hrd_focus @> ARRAY[:focus]::text[]', { focus: query.hrdFocus });
    if (query.tag) qb.andWhere('d.tags @> ARRAY[:tag]::text[]', { tag: query.tag });

    if (query.q !== undefined) {
      const rank = `ts_rank(d.search_vector, to_tsquery('simple', witness_unaccent(:tsq)))`;
      qb.setParameter('tsq', toPrefixTsquery(query.q))
        .andWhere(`d.search_vector @@ to_tsquery('simple', witness_unaccent(:tsq))`)
        .addSelect(rank, 'rank')
        .orderBy(rank, 'DESC')
        .addOrderBy('d.seq', 'DESC');
      if (query.cursor) {
        const c = decodeCursor<RankCursor>(query.cursor, { r: 'number', s: 'string' });
        assertSeq(c.s);
        qb.andWhere(
          `(${rank} < CAST(:cr AS real) OR (${rank} = CAST(:cr AS real) AND d.seq < :cs))`,
          {
            cr: c.r,
            cs: c.s,
          },
        );
      }
      const { entities, raw } = await qb.limit(limit + 1).getRawAndEntities<{ rank: number }>();
      return this.page(entities, limit, (d, i) =>
        encodeCursor({ r: Number(raw[i].rank), s: d.seq }),
      );
    }

    qb.orderBy('d.seq', 'DESC');
    if (query.cursor) {
      const c = decodeCursor<SeqCursor>(query.cursor, { s: 'string' });
      assertSeq(c.s);
      qb.andWhere('d.seq < :cs', { cs: c.s });
    }
    const rows = await qb.limit(limit + 1).getMany();
    return this.page(rows, limit, (d) => encodeCursor({ s: d.seq }));
  }

  /** Load a defender inside a transaction, optionally locking it for update. */
  async find(
    manager: EntityManager,
    id: string,
    options: { archived?: boolean; lock?: boolean } = {},
  ): Promise<Defender> {
    const d = await manager.findOne(Defender, {
      where: { id },
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!d || (d.archivedAt && !options.archived)) throw new NotFoundError('Defender', id);
    return d;
  }

  private page(
    rows: Defender[],
    limit: number,
    cursorOf: (d: Defender, index: number) => string,
  ): Page<DefenderView> {
    const today = this.clock.today();
    const more = rows.length > limit;
    const data = rows.slice(0, limit);
    return {
      data: data.map((d) => toDefenderView(d, today, { withStory: false })),
      nextCursor: more && data.length ? cursorOf(data[data.length - 1], data.length - 1) : null,
    };
  }

  /** Rules that span fields (single-field rules live in the request DTOs). */
  private checkRules(input: Partial<DefenderInput>): void {
    const errors: FieldError[] = [];
    const today = this.clock.today();
    for (const required of ['fullName', 'country'] as const) {
      if (required in input && (input[required] === null || input[required] === '')) {
        errors.push({ field: required, message: 'must not be empty' });
      }
    }
    if (input.birthDate) {
      if (input.birthDate > today)
        errors.push({ field: 'birthDate', message: 'must not be in the future' });
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

function assertSeq(s: string): void {
  if (!/^\d{1,18}$/.test(s))
    throw ValidationFailedError.field('cursor', 'is not a cursor this list returned');
}

/** Canonical forms: upper-case country codes, trimmed and de-duplicated lists. */
function normalise<T extends Partial<DefenderInput>>(input: T): T {
  const out: Record<string, unknown> = { ...input };
  if (typeof input.country === 'string') out.country = input.country.toUpperCase();
  if (typeof input.nationality === 'string') out.nationality = input.nationality.toUpperCase();
  if (typeof input.fullName === 'string') out.fullName = input.fullName.trim();
  for (const k of ['otherNames', 'tags', 'hrdFocus'] as const) {
    const v = input[k];
    if (Array.isArray(v)) out[k] = [...new Set(v.map((x: string) => x.trim()).filter(Boolean))];
  }
  if (input.birthDate && input.birthYear === undefined) {
    out.birthYear = Number(input.birthDate.slice(0, 4));
  }
  return out as T;
}
