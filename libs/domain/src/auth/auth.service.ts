import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AuditService,
  Clock,
  ConflictError,
  FieldCipher,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationFailedError,
  type Actor,
  type Env,
} from '@witness/platform';
import { DataSource, EntityManager } from 'typeorm';
import { User, type Role } from '../users';
import { PasswordVerifier } from './password-verifier';
import { LoginFailure, Session } from './session.entity';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpStep, totpUri } from './totp';
import { cipherContext } from '../shared/encrypted-columns';

export interface LoginInput {
  email: string;
  password: string;
  /** A 6-digit TOTP code, or a recovery code. */
  totp?: string;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  /** True when the account must enrol a second factor before doing anything else. */
  mfaEnrolmentRequired: boolean;
}

/** The signed-in user behind a request. */
export interface AuthenticatedActor extends Actor {
  userId: string;
  role: Role;
  sessionId: string;
  mfaPending: boolean;
  /** The web app's language the person chose (null: their browser's Accept-Language). */
  language?: string | null;
}

/**
 * The one answer to every failed sign-in: unknown email, wrong password, inactive account,
 * a right password without the second factor's code, a wrong or replayed code. Saying "now
 * the code" after a right password would let a password be guessed without the second factor.
 */
export const WRONG_SIGN_IN =
  'The email, password or code is not right. If your account has a second factor, enter its code with your password.';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const mfaContext = (userId: string) => cipherContext('users', 'mfaSecretEnc', userId);

/**
 * Sign-in, sessions and the second factor. Tokens are 256 random bits, given once and
 * stored only as a SHA-256 hash. Failed attempts are counted per account in PostgreSQL,
 * so the throttle holds across replicas.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<Env, true>,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly passwords: PasswordVerifier,
  ) {}

  private get requireMfa(): boolean {
    return this.config.get('AUTH_REQUIRE_MFA', { infer: true });
  }

  mfaRequiredFor(role: Role): boolean {
    return this.requireMfa && (role === 'admin' || role === 'coordinator');
  }

  async login(input: LoginInput, ctx: { ip?: string; requestId?: string }): Promise<LoginResult> {
    const email = input.email.trim().toLowerCase();
    const now = this.clock.now();
    await this.checkThrottle(email, now);

    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.mfaSecretEnc', 'u.mfaLastStep', 'u.recoveryCodeHashes'])
      .where('u.email = :email', { email })
      .getOne();

    // Every attempt does the same work up to its one answer: one argon2 verification (of a
    // dummy hash for an unknown email), the second factor only after a right password, and
    // one recorded failure, which counts towards the account's lock-out whatever went wrong.
    const passwordOk = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    let usedStep: number | null = null;
    let usedRecovery: string | null = null;
    let failure: string | null = null;
    if (!user || !passwordOk || !user.active) {
      failure = 'password';
    } else if (user.mfaEnabled) {
      const code = input.totp?.trim() ?? '';
      if (!code) {
        failure = 'second_factor_missing';
      } else {
        const secret = this.cipher.decrypt(user.mfaSecretEnc as string, mfaContext(user.id));
        usedStep = totpStep(secret, code, now);
        if (
          usedStep !== null &&
          user.mfaLastStep !== null &&
          usedStep <= Number(user.mfaLastStep)
        ) {
          usedStep = null; // replayed code
        }
        if (usedStep === null) {
          const h = hashRecoveryCode(code);
          if (user.recoveryCodeHashes.includes(h)) usedRecovery = h;
        }
        if (usedStep === null && usedRecovery === null) failure = 'second_factor';
      }
    }
    if (failure !== null || !user) {
      await this.fail(email, ctx, user?.id ?? null, failure ?? 'password');
      throw new UnauthenticatedError(WRONG_SIGN_IN);
    }

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      now.getTime() + this.config.get('AUTH_SESSION_MAX_HOURS', { infer: true }) * 3600_000,
    );
    const mfaPending = !user.mfaEnabled && this.mfaRequiredFor(user.role);
    await this.dataSource.transaction(async (tx) => {
      if (usedStep !== null) {
        // Single use: only advance, and only if nobody used this step meanwhile.
        const res = await tx.query(
          `UPDATE users SET mfa_last_step = $2 WHERE id = $1 AND (mfa_last_step IS NULL OR mfa_last_step < $2)`,
          [user.id, usedStep],
        );
        if (rowCount(res) === 0) throw new UnauthenticatedError(WRONG_SIGN_IN);
      }
      if (usedRecovery !== null) {
        // Single use: only the request that actually removes the code may sign in.
        const res = await tx.query(
          `UPDATE users SET recovery_code_hashes = array_remove(recovery_code_hashes, $2)
            WHERE id = $1 AND $2 = ANY(recovery_code_hashes)`,
          [user.id, usedRecovery],
        );
        if (rowCount(res) === 0) throw new UnauthenticatedError(WRONG_SIGN_IN);
      }
      await tx.insert(Session, {
        userId: user.id,
        tokenHash: hashToken(token),
        lastSeenAt: now,
        expiresAt,
        mfaPending,
        ip: ctx.ip ?? null,
      });
      await this.audit.record(tx, this.actorOf(user, ctx), {
        action: usedRecovery ? 'auth.login_recovery_code' : 'auth.login',
        entityType: 'user',
        entityId: user.id,
      });
    });
    return { token, expiresAt: expiresAt.toISOString(), mfaEnrolmentRequired: mfaPending };
  }

  /** The actor for a bearer token, or an UnauthenticatedError. Extends the idle window. */
  async authenticate(
    token: string,
    ctx: { ip?: string; requestId?: string },
  ): Promise<AuthenticatedActor> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token))
      throw new UnauthenticatedError('Your session is not valid. Sign in again.');
    const now = this.clock.now();
    const idleMs = this.config.get('AUTH_IDLE_TIMEOUT_MINUTES', { infer: true }) * 60_000;
    const rows: {
      id: string;
      user_id: string;
      last_seen_at: Date;
      expires_at: Date;
      revoked_at: Date | null;
      mfa_pending: boolean;
      role: Role;
      active: boolean;
      language: string | null;
    }[] = await this.dataSource.query(
      `SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, s.revoked_at, s.mfa_pending, u.role, u.active, u.language
           FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [hashToken(token)],
    );
    const s = rows[0];
    if (
      !s ||
      s.revoked_at ||
      !s.active ||
      s.expires_at.getTime() <= now.getTime() ||
      s.last_seen_at.getTime() + idleMs <= now.getTime()
    ) {
      throw new UnauthenticatedError('Your session has ended. Sign in again.');
    }
    // Write at most once a minute per session, not on every request.
    if (now.getTime() - s.last_seen_at.getTime() > 60_000) {
      await this.dataSource.query(`UPDATE sessions SET last_seen_at = $2 WHERE id = $1`, [
        s.id,
        now,
      ]);
    }
    return {
      userId: s.user_id,
      role: s.role,
      sessionId: s.id,
      mfaPending: s.mfa_pending,
      language: s.language,
      requestId: ctx.requestId,
      ip: ctx.ip,
    };
  }

  async logout(actor: AuthenticatedActor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.update(Session, { id: actor.sessionId }, { revokedAt: this.clock.now() });
      await this.audit.record(tx, actor, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
  }

  /** Start enrolling a TOTP authenticator: a new secret, not active until confirmed. */
  async enrolMfa(actor: AuthenticatedActor): Promise<{ secret: string; otpauthUri: string }> {
    return this.dataSource.transaction(async (tx) => {
      const user = await this.lockUser(tx, actor.userId);
      if (user.mfaEnabled) {
        throw new ConflictError(
          'A second factor is already active. An admin can reset it if the device is lost.',
        );
      }
      const secret = newTotpSecret();
      await tx.update(
        User,
        { id: user.id },
        { mfaSecretEnc: this.cipher.encrypt(secret, mfaContext(user.id)) },
      );
      await this.audit.record(tx, actor, {
        action: 'auth.mfa_enrolment_started',
        entityType: 'user',
        entityId: user.id,
      });
      return { secret, otpauthUri: totpUri(secret, user.email) };
    });
  }

  /**
   * The secret of an enrolment started but not yet confirmed (null when there is none, or the
   * factor is already active), so a mistyped first code does not cost the person the secret
   * already scanned into their app. Only the person themselves asks for it.
   */
  async pendingMfaEnrolment(
    actor: AuthenticatedActor,
  ): Promise<{ secret: string; otpauthUri: string } | null> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.mfaSecretEnc')
      .where('u.id = :id', { id: actor.userId })
      .getOne();
    if (!user || user.mfaEnabled || !user.mfaSecretEnc) return null;
    const secret = this.cipher.decrypt(user.mfaSecretEnc, mfaContext(user.id));
    return { secret, otpauthUri: totpUri(secret, user.email) };
  }

  /** Confirm enrolment with a first code: the factor becomes active; recovery codes are shown once. */
  async confirmMfa(actor: AuthenticatedActor, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.dataSource.transaction(async (tx) => {
      const user = await this.lockUser(tx, actor.userId);
      if (user.mfaEnabled) throw new ConflictError('The second factor is already active.');
      if (!user.mfaSecretEnc)
        throw new ConflictError('Start enrolment first (POST /api/v1/auth/mfa/enrol).');
      const secret = this.cipher.decrypt(user.mfaSecretEnc, mfaContext(user.id));
      const step = totpStep(secret, code, this.clock.now());
      if (step === null)
        throw ValidationFailedError.field(
          'totp',
          'is not the current code from your authenticator app',
        );
      const { codes, hashes } = newRecoveryCodes();
      await tx.update(
        User,
        { id: user.id },
        { mfaEnabled: true, mfaLastStep: String(step), recoveryCodeHashes: hashes },
      );
      await tx.update(Session, { id: actor.sessionId }, { mfaPending: false });
      await this.audit.record(tx, actor, {
        action: 'auth.mfa_enabled',
        entityType: 'user',
        entityId: user.id,
      });
      return { recoveryCodes: codes };
    });
  }

  private async lockUser(tx: EntityManager, id: string): Promise<User> {
    const user = await tx
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect(['u.mfaSecretEnc', 'u.mfaLastStep'])
      .where('u.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!user) throw new UnauthenticatedError();
    return user;
  }

  /** 429 once an account has had too many failures in the window, whatever the password. */
  private async checkThrottle(email: string, now: Date): Promise<void> {
    const windowMs = this.config.get('AUTH_LOCKOUT_WINDOW_MINUTES', { infer: true }) * 60_000;
    const limit = this.config.get('AUTH_LOCKOUT_ATTEMPTS', { infer: true });
    const since = new Date(now.getTime() - windowMs);
    const rows: { n: string; oldest: Date | null }[] = await this.dataSource.query(
      `SELECT count(*) AS n, min(at) AS oldest FROM
         (SELECT at FROM login_failures WHERE email = $1 AND at > $2 ORDER BY at DESC LIMIT $3) f`,
      [email, since, limit],
    );
    if (Number(rows[0].n) >= limit && rows[0].oldest) {
      const retryAfter = Math.max(
        1,
        Math.ceil((rows[0].oldest.getTime() + windowMs - now.getTime()) / 1000),
      );
      throw new TooManyRequestsError(
        'Too many failed sign-ins for this account. Wait and try again.',
        retryAfter,
      );
    }
  }

  private async fail(
    email: string,
    ctx: { ip?: string; requestId?: string },
    userId: string | null,
    reason: string,
  ) {
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(LoginFailure, { email, ip: ctx.ip ?? null, at: this.clock.now() });
      await this.audit.record(
        tx,
        // The attempt is not the account owner's act: no actor, the account as the entity.
        { userId: null, role: 'system', requestId: ctx.requestId, ip: ctx.ip },
        { action: 'auth.login_failed', entityType: 'user', entityId: userId, changes: { reason } },
      );
    });
  }

  private actorOf(user: User, ctx: { ip?: string; requestId?: string }): Actor {
    return { userId: user.id, role: user.role, ip: ctx.ip, requestId: ctx.requestId };
  }
}

function rowCount(res: unknown): number {
  // TypeORM returns [rows, count] for UPDATE through query() on PostgreSQL.
  return Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0;
}
