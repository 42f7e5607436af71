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
import { DEFENDER_STATUSES, type DefenderStatus } from '../shared/detention-status';
import {
  ACCESS_LEVELS,
  HRD_FOCUSES,
  RISK_LEVELS,
  SEXES,
  sqlIn,
  type AccessLevel,
  type HrdFocus,
  type RiskLevel,
  type Sex,
} from '../shared/vocabulary';

/**
 * A human rights defender's case record. `status`, `detainedSince`, `closedDetentionDays`
 * and `lastEventAt` are a cache of what the detention timeline derives
 * (`deriveDetention`); only the timeline service writes them.
 */
@Entity('defenders')
@Check('defenders_sex_check', `sex IS NULL OR sex IN (${sqlIn(SEXES)})`)
@Check('defenders_risk_check', `risk_level IS NULL OR risk_level IN (${sqlIn(RISK_LEVELS)})`)
@Check('defenders_access_check', `access IN (${sqlIn(ACCESS_LEVELS)})`)
@Check('defenders_status_check', `status IN (${sqlIn(DEFENDER_STATUSES)})`)
@Check('defenders_focus_check', `hrd_focus <@ ARRAY[${sqlIn(HRD_FOCUSES)}]::text[]`)
@Check('defenders_country_check', `country ~ '^[A-Z]{2}$'`)
@Check('defenders_birth_year_check', `birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100`)
@Check(
  'defenders_nationalities_check',
  `array_to_string(nationalities, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$'`,
)
@Index('defenders_list_idx', ['seq'], { unique: true })
// The list's filters on live cases, partial (see the ListAndSearchIndexes migration).
@Index('defenders_live_idx', { synchronize: false })
@Index('defenders_live_status_idx', { synchronize: false })
@Index('defenders_live_country_idx', { synchronize: false })
@Index('defenders_live_country_status_idx', { synchronize: false })
// Names by trigram similarity (a misspelt name still finds the case).
@Index('defenders_name_trgm_idx', { synchronize: false })
// New profiles in a period (indicators report).
@Index('defenders_created_idx', ['createdAt'])
// Recently changed cases (the web app's home page).
@Index('defenders_updated_idx', ['updatedAt', 'seq'])
export class Defender {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order; the keyset for stable pagination. Never exposed. */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', update: false })
  seq: string;

  /** The display name, as the case uses it. */
  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  /** Family name(s), as the UN questionnaires ask them apart; null when not known. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  familyName: string | null;

  /** Given name(s); null when not known. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  givenNames: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  otherNames: string[];

  @Column({ type: 'varchar', length: 20, nullable: true })
  sex: Sex | null;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'smallint', nullable: true })
  birthYear: number | null;

  /** Every nationality, ISO 3166-1 alpha-2 codes, the first one the principal. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  nationalities: string[];

  /** Where the defender is detained (ISO 3166-1 alpha-2). */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  profession: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  organisation: string | null;

  /** The human rights work believed to be the reason for the arrest, in words. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  hrdActivity: string | null;

  @Index('defenders_focus_idx', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  hrdFocus: HrdFocus[];

  @Column({ type: 'varchar', length: 1000, nullable: true })
  summary: string | null;

  @Column({ type: 'text', nullable: true })
  story: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  riskLevel: RiskLevel | null;

  @Column({ type: 'varchar', length: 12, default: 'standard' })
  access: AccessLevel;

  @Index('defenders_tags_idx', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'varchar', length: 30, default: 'unknown' })
  status: DefenderStatus;

  @Column({ type: 'date', nullable: true })
  detainedSince: string | null;

  /** Days in closed detention episodes; the open one is added at read time. */
  @Column({ type: 'integer', default: 0 })
  closedDetentionDays: number;

  /** When the timeline last changed (an event added or corrected). */
  @Column({ type: 'timestamptz', nullable: true })
  lastEventAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  /** Contacts of family, lawyers, colleagues: encrypted JSON (FieldCipher). */
  @Column({ type: 'text', nullable: true, select: false })
  contactsEnc: string | null;

  /** Confidential notes: encrypted (FieldCipher). */
  @Column({ type: 'text', nullable: true, select: false })
  confidentialNotesEnc: string | null;

  /**
   * Address of usual residence: encrypted (FieldCipher). Only the submission edition of a UN
   * dossier carries it; never in lists, logs, exports or public output.
   */
  @Column({ type: 'text', nullable: true, select: false })
  usualAddressEnc: string | null;

  /** Maintained by a trigger (see the search migration); never selected by default. */
  @Index('defenders_search_idx', { synchronize: false })
  @Column({ type: 'tsvector', select: false, nullable: true, insert: false, update: false })
  searchVector: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
