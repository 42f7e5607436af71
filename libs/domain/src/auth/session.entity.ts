import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A signed-in session. Only the SHA-256 of the bearer token is stored: a database leak does
 * not leak usable tokens.
 */
@Entity('sessions')
@Index('sessions_user_idx', ['userId'])
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('sessions_token_hash_key', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  /** Absolute end of the session, whatever the activity. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Signed in with a password only, MFA still to be enrolled: only MFA routes are open. */
  @Column({ type: 'boolean', default: false })
  mfaPending: boolean;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}

/** A failed sign-in, kept to throttle guessing per account across replicas. */
@Entity('login_failures')
@Index('login_failures_email_idx', ['email', 'at'])
export class LoginFailure {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
