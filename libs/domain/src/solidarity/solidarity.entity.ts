import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Defender } from '../defenders/defender.entity';
import { sqlIn } from '../shared/vocabulary';

export const PARTNER_KINDS = ['member', 'partner', 'network', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const ACTION_TYPES = [
  'letter_writing',
  'joint_statement',
  'social_media',
  'petition',
  'solidarity_call',
  'trial_monitoring',
  'embassy_visit',
  'side_event',
  'public_event',
  'media_outreach',
  'other',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface Reach {
  signatures: number | null;
  participants: number | null;
  organisations: number | null;
  impressions: number | null;
}

/**
 * ECOSOC consultative status (ECOSOC resolution 1996/31): who may submit written statements and
 * take the floor at the Human Rights Council.
 */
export const ECOSOC_STATUSES = ['general', 'special', 'roster', 'none'] as const;
export type EcosocStatus = (typeof ECOSOC_STATUSES)[number];

/** A member or partner organisation of the alliance. */
@Entity('partners')
@Check('partners_kind_check', `kind IN (${sqlIn(PARTNER_KINDS)})`)
@Check('partners_ecosoc_status_check', `ecosoc_status IN (${sqlIn(ECOSOC_STATUSES)})`)
@Index('partners_name_idx', ['name'])
export class Partner {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'varchar', length: 10 })
  kind: PartnerKind;

  /** ECOSOC consultative status: HRC written and oral statements need one. */
  @Column({ type: 'varchar', length: 10, default: 'none' })
  ecosocStatus: EcosocStatus;

  /** The contact person: sensitive, encrypted JSON (FieldCipher). */
  @Column({ type: 'text', nullable: true, select: false })
  contactPersonEnc: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A solidarity action: letters, statements, social-media days, trial monitoring... */
@Entity('solidarity_actions')
@Check('solidarity_actions_type_check', `type IN (${sqlIn(ACTION_TYPES)})`)
@Check('solidarity_actions_status_check', `status IN (${sqlIn(ACTION_STATUSES)})`)
@Check('solidarity_actions_dates_check', `ends_on IS NULL OR ends_on >= starts_on`)
@Index('solidarity_actions_starts_idx', ['startsOn', 'id'])
export class SolidarityAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 30 })
  type: ActionType;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  reach: Partial<Reach>;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  links: string[];

  @Column({ type: 'varchar', length: 10, default: 'planned' })
  status: ActionStatus;

  /** Shown on the public profiles of its featured defenders (title, type, dates, links). */
  @Column({ type: 'boolean', default: false })
  isPublic: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('solidarity_action_defenders')
@Index('solidarity_action_defenders_defender_idx', ['defenderId'])
export class SolidarityActionDefender {
  @PrimaryColumn({ type: 'uuid' })
  actionId: string;

  @PrimaryColumn({ type: 'uuid' })
  defenderId: string;

  @ManyToOne(() => SolidarityAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: SolidarityAction;

  @ManyToOne(() => Defender, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'defender_id' })
  defender?: Defender;
}

@Entity('solidarity_action_partners')
@Index('solidarity_action_partners_partner_idx', ['partnerId'])
export class SolidarityActionPartner {
  @PrimaryColumn({ type: 'uuid' })
  actionId: string;

  @PrimaryColumn({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => SolidarityAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: SolidarityAction;

  @ManyToOne(() => Partner, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id' })
  partner?: Partner;
}
