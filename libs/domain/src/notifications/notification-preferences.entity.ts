import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../users/user.entity';

/** How a person wants reminders. No row means the defaults (in-app and email). */
@Entity('notification_preferences')
@Check(
  'notification_preferences_digest_check',
  `digest_hour IS NULL OR digest_hour BETWEEN 0 AND 23`,
)
export class NotificationPreferences {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** Channels on: any of in_app, email, webhook. */
  @Column({ type: 'text', array: true, default: () => "'{in_app,email}'" })
  channels: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  webhookUrl: string | null;

  /** HMAC secret for webhook signatures, encrypted (FieldCipher). */
  @Column({ type: 'text', nullable: true, select: false })
  webhookSecretEnc: string | null;

  /** Local hour (user's time zone) of the daily email digest; null = one email per reminder. */
  @Column({ type: 'smallint', nullable: true })
  digestHour: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
