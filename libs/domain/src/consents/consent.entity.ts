import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Defender } from '../defenders/defender.entity';
import { sqlIn } from '../shared/vocabulary';

export const CONSENT_PURPOSES = [
  'public_profile',
  'photo',
  'un_submission',
  'name_family_members',
  /**
   * Being named in a public UN document: a WGAD opinion, the Special Procedures'
   * communications report, the Secretary-General's reprisals report. Checked before a
   * submission to a mechanism that publishes names.
   */
  'public_un_document',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_DECISIONS = ['given', 'refused', 'revoked'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];
export const CONSENT_GIVERS = ['defender', 'family_member', 'lawyer', 'organisation', 'other'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];
export const CONSENT_METHODS = ['written', 'oral', 'via_representative'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/**
 * One entry of the consent ledger. Entries are never edited or deleted: revoking is a new
 * entry. The current consent per purpose is derived (`currentConsents`).
 */
@Entity('consents')
@Check('consents_purpose_check', `purpose IN (${sqlIn(CONSENT_PURPOSES)})`)
@Check('consents_decision_check', `decision IN (${sqlIn(CONSENT_DECISIONS)})`)
@Check('consents_given_by_check', `given_by IN (${sqlIn(CONSENT_GIVERS)})`)
@Check('consents_method_check', `method IN (${sqlIn(CONSENT_METHODS)})`)
@Index('consents_defender_idx', ['defenderId', 'purpose', 'seq'])
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', update: false })
  seq: string;

  @Column({ type: 'uuid' })
  defenderId: string;

  @ManyToOne(() => Defender, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'defender_id' })
  defender?: Defender;

  @Column({ type: 'varchar', length: 30 })
  purpose: ConsentPurpose;

  @Column({ type: 'varchar', length: 10 })
  decision: ConsentDecision;

  @Column({ type: 'varchar', length: 20 })
  givenBy: ConsentGiver;

  @Column({ type: 'varchar', length: 20 })
  method: ConsentMethod;

  /** When the person decided (may be before it was recorded). */
  @Column({ type: 'date' })
  decidedOn: string;

  @Column({ type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
