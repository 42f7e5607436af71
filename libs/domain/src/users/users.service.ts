import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  AuditService,
  EventBus,
  ConflictError,
  diffForAudit,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
} from '@witness/platform';
import * as argon2 from 'argon2';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import type { DomainEvents } from '../shared/events';
import type { Actor } from '../shared/actor';
import { prefixMatchSql, toPrefixTsquery } from '../shared/text-search';
import { passwordProblem } from './password-policy';
import { isUserLanguage, ROLES, User, type Role, type UserLanguage } from './user.entity';

/** argon2id at (at least) the OWASP minimum: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  timeZone?: string;
  password: string;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  timeZone?: string;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  /** The web app's language the person chose, or null (their browser decides). */
  language: UserLanguage | null;
  active: boolean;
  mfaEnabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.length <= 64;
  } catch {
    return false;
  }
}

/** The user with this id if active, else null, read in the caller's transaction. */
export async function activeUser(tx: EntityManager, id: string): Promise<User | null> {
  return tx.findOneBy(User, { id, active: true });
}

/** The active users among these ids, read in the caller's transaction. */
export async function activeUsers(tx: EntityManager, ids: readonly string[]): Promise<User[]> {
  return tx.find(User, { where: { id: In([...ids]), active: true } });
}

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    timeZone: u.timeZone,
    language: u.language ?? null,
    active: u.active,
    mfaEnabled: u.mfaEnabled,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

/** Accounts. Only admins manage them (and the CLI, acting as the system). */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly repo: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventBus<DomainEvents>,
  ) {}

  async create(input: NewUser, actor: Actor): Promise<UserView> {
    this.mustAdmin(actor);
    const email = input.email.trim().toLowerCase();
    const tz = input.timeZone ?? 'UTC';
    const errors = [];
    if (!isTimeZone(tz))
      errors.push({ field: 'timeZone', message: 'must be an IANA time zone, e.g. Africa/Nairobi' });
    if (!ROLES.includes(input.role))
      errors.push({ field: 'role', message: `must be one of ${ROLES.join(', ')}` });
    const pw = passwordProblem(input.password, [email, input.name]);
    if (pw) errors.push({ field: 'password', message: pw });
    if (errors.length) throw new ValidationFailedError(errors);
    const passwordHash = await argon2.hash(input.password, ARGON2_OPTIONS);
    const id = await this.dataSource.transaction(async (tx) => {
      const exists = await tx.findOneBy(User, { email });
      if (exists) throw new ConflictError('A user with this email already exists.');
      const saved = await tx.save(
        tx.create(User, {
          email,
          name: input.name.trim(),
          role: input.role,
          timeZone: tz,
          passwordHash,
        }),
      );
      await this.audit.record(tx, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: saved.id,
        changes: diffForAudit(null, { email, name: saved.name, role: saved.role, timeZone: tz }),
      });
      return saved.id;
    });
    return this.get(id);
  }

  async list(): Promise<UserView[]> {
    const users = await this.repo.find({ order: { email: 'ASC' } });
    return users.map(toUserView);
  }

  /** Display names of these accounts, in one query (for pages that name owners and authors). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.repo.find({
      select: { id: true, name: true },
      where: { id: In(unique) },
    });
    return new Map(users.map((u) => [u.id, u.name]));
  }

  /** These accounts (the ones that exist), in one query: for pages that show a few people. */
  async byIds(ids: readonly string[]): Promise<UserView[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return (await this.repo.find({ where: { id: In(unique) } })).map(toUserView);
  }

  /**
   * Accounts for a choice (an owner, an assignee, an actor filter), by name: every word typed
   * is the prefix of a word of the name (or of the email, for those shown emails), accents
   * and case folded; an empty query lists them all (up to `limit`). Deactivated accounts
   * only when asked for. One more than `limit` is read, so the caller can tell that more exist.
   */
  async search(
    q: string,
    options: { roles?: readonly Role[]; inactive?: boolean; emails?: boolean; limit: number },
  ): Promise<UserView[]> {
    const qb = this.repo.createQueryBuilder('u');
    if (q.trim() !== '') {
      // An address is searched word by word ("amina.h@x.org": amina, h, x, org).
      const text = options.emails
        ? `u.name || ' ' || regexp_replace(u.email, '[^[:alnum:]]+', ' ', 'g')`
        : 'u.name';
      qb.andWhere(prefixMatchSql(text), { tsq: toPrefixTsquery(q) });
    }
    if (options.roles?.length) qb.andWhere('u.role IN (:...roles)', { roles: options.roles });
    if (!options.inactive) qb.andWhere('u.active');
    const rows = await qb
      .orderBy('lower(u.name)', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(options.limit + 1)
      .getMany();
    return rows.map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    const u = await this.repo.findOneBy({ id });
    if (!u) throw new NotFoundError('User', id);
    return toUserView(u);
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.repo.findOneBy({ email: email.trim().toLowerCase() });
  }

  async update(id: string, changes: UserChanges, actor: Actor): Promise<UserView> {
    this.mustAdmin(actor);
    if (changes.timeZone !== undefined && !isTimeZone(changes.timeZone)) {
      throw ValidationFailedError.field(
        'timeZone',
        'must be an IANA time zone, e.g. Africa/Nairobi',
      );
    }
    await this.dataSource.transaction(async (tx) => {
      const u = await this.lock(tx, id);
      const before = { name: u.name, role: u.role, timeZone: u.timeZone };
      if (changes.role && changes.role !== u.role && u.id === actor.userId) {
        throw new ForbiddenError('You cannot change your own role.');
      }
      Object.assign(u, changes);
      await tx.save(u);
      await this.audit.record(tx, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        changes: diffForAudit(before, { name: u.name, role: u.role, timeZone: u.timeZone }),
      });
      // A role change takes effect at once: existing sessions carried the old role.
      if (changes.role && before.role !== u.role) await this.revokeSignIn(tx, id, false);
    });
    return this.get(id);
  }

  /**
   * A person's own choice of the web app's language (en, fr or es); null returns to the
   * browser's Accept-Language. Only the person themself sets it.
   */
  async setLanguage(id: string, language: UserLanguage | null, actor: Actor): Promise<UserView> {
    if (actor.userId !== id) throw new ForbiddenError('Only the person chooses their language.');
    if (language !== null && !isUserLanguage(language)) {
      throw ValidationFailedError.field('language', 'must be one of en, fr, es');
    }
    await this.dataSource.transaction(async (tx) => {
      const u = await this.lock(tx, id);
      const before = { language: u.language ?? null };
      if (before.language === language) return;
      u.language = language;
      await tx.save(u);
      await this.audit.record(tx, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        changes: diffForAudit(before, { language }),
      });
    });
    return this.get(id);
  }

  /** Deactivate: the account can no longer sign in and every session of it ends now. */
  async deactivate(id: string, actor: Actor): Promise<UserView> {
    this.mustAdmin(actor);
    if (id === actor.userId) throw new ForbiddenError('You cannot deactivate yourself.');
    await this.dataSource.transaction(async (tx) => {
      const u = await this.lock(tx, id);
      if (u.active) {
        u.active = false;
        await tx.save(u);
      }
      // Its sessions end, and its calendar feed URL with them (see UserSignInRevoked).
      const ended = await this.revokeSignIn(tx, id, true);
      await this.audit.record(tx, actor, {
        action: 'user.deactivate',
        entityType: 'user',
        entityId: id,
        changes: {
          active: { from: true, to: false },
          sessionsRevoked: ended.sessionsRevoked,
          calendarFeedRevoked: ended.calendarFeedsRevoked > 0,
        },
      });
    });
    return this.get(id);
  }

  /**
   * Reactivate: the account may sign in again (with its password, and its second factor if
   * it has one). No session comes back; the person signs in afresh.
   */
  async reactivate(id: string, actor: Actor): Promise<UserView> {
    this.mustAdmin(actor);
    await this.dataSource.transaction(async (tx) => {
      const u = await this.lock(tx, id);
      if (u.active) return;
      u.active = true;
      await tx.save(u);
      await this.audit.record(tx, actor, {
        action: 'user.reactivate',
        entityType: 'user',
        entityId: id,
        changes: { active: { from: false, to: true } },
      });
    });
    return this.get(id);
  }

  /** Remove the second factor (lost phone); the user enrols again at next sign-in. */
  async resetMfa(id: string, actor: Actor): Promise<UserView> {
    this.mustAdmin(actor);
    await this.dataSource.transaction(async (tx) => {
      await this.lock(tx, id);
      await tx.update(
        User,
        { id },
        {
          mfaEnabled: false,
          mfaSecretEnc: null,
          mfaLastStep: null,
          recoveryCodeHashes: [],
        },
      );
      await this.revokeSignIn(tx, id, false);
      await this.audit.record(tx, actor, {
        action: 'user.mfa_reset',
        entityType: 'user',
        entityId: id,
      });
    });
    return this.get(id);
  }

  private async lock(tx: EntityManager, id: string): Promise<User> {
    const u = await tx.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!u) throw new NotFoundError('User', id);
    return u;
  }

  /** End the user's sessions (and, deactivated, calendar feed): what the listeners ended. */
  private async revokeSignIn(
    tx: EntityManager,
    userId: string,
    deactivated: boolean,
  ): Promise<DomainEvents['UserSignInRevoked']['tally']> {
    const tally = { sessionsRevoked: 0, calendarFeedsRevoked: 0 };
    await this.events.publish(tx, 'UserSignInRevoked', { userId, deactivated, tally });
    return tally;
  }

  private mustAdmin(actor: Actor): void {
    if (actor.role !== 'admin' && actor.role !== 'system') {
      throw new ForbiddenError('Only admins manage users.');
    }
  }
}
