import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A user's private calendar feed (iCalendar URL). The URL holds a random secret; only its
 * SHA-256 is stored, so a database leak does not leak working URLs. One row per user:
 * rotating replaces the hash, revoking clears it (the row stays, so the page can say when).
 */
@Entity('calendar_feeds')
@Check(
  'calendar_feeds_revoked_check',
  '(secret_hash IS NULL AND revoked_at IS NOT NULL) OR (secret_hash IS NOT NULL AND revoked_at IS NULL)',
)
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('calendar_feeds_user_key', { unique: true })
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** SHA-256 (hex) of the secret in the URL; null once revoked. */
  @Index('calendar_feeds_secret_hash_key', { unique: true })
  @Column({ type: 'char', length: 64, nullable: true })
  secretHash: string | null;

  /**
   * Show the names of defenders of standard cases. Off by default: the feed is fetched and
   * stored by third-party calendar services. Never for restricted cases, whatever this says.
   */
  @Column({ type: 'boolean', default: false })
  includeNames: boolean;

  /** When the current feed was created (set again when one is created after a revocation). */
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  /** When its URL was last replaced by a new one; null if never. */
  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  /** Last fetch of the current URL, to within LAST_USED_PRECISION (not written on every poll). */
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
