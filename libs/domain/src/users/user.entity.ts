import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { sqlIn } from '../shared/vocabulary';

export const ROLES = ['admin', 'coordinator', 'caseworker', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The languages of the web app a person may choose (each has a complete catalogue). */
export const USER_LANGUAGES = ['en', 'fr', 'es'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

export function isUserLanguage(value: unknown): value is UserLanguage {
  return typeof value === 'string' && (USER_LANGUAGES as readonly string[]).includes(value);
}

/** A person who signs in to Witness. Emails are stored lower-cased (unique regardless of case). */
@Entity('users')
@Check('users_role_check', `role IN (${sqlIn(ROLES)})`)
@Check('users_email_lower_check', `email = lower(email)`)
@Check('users_language_check', `language IN (${sqlIn(USER_LANGUAGES)})`)
@Index('users_email_key', ['email'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 12 })
  role: Role;

  /** IANA time zone for reminders and digests. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  /** The web app's language chosen by the person; null: their browser's Accept-Language. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  language: UserLanguage | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** argon2id hash (PHC string). */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  /** TOTP secret, encrypted (FieldCipher, context users.mfa_secret:<id>). */
  @Column({ type: 'text', nullable: true, select: false })
  mfaSecretEnc: string | null;

  @Column({ type: 'boolean', default: false })
  mfaEnabled: boolean;

  /** Last TOTP time step accepted: a code is never accepted twice. */
  @Column({ type: 'bigint', nullable: true, select: false })
  mfaLastStep: string | null;

  /** SHA-256 hashes of the unused recovery codes. */
  @Column({ type: 'text', array: true, default: () => "'{}'", select: false })
  recoveryCodeHashes: string[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
