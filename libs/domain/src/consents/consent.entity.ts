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
import {
  CONSENT_DECISIONS,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  type ConsentDecision,
  type ConsentGiver,
  type ConsentMethod,
  type ConsentPurpose,
} from '../shared/consent-rules';
import { sqlIn } from '../shared/vocabulary';

// The vocabulary lives in shared/ (the case record reads consents too); named here as well.
export { CONSENT_DECISIONS, CONSENT_GIVERS, CONSENT_METHODS, CONSENT_PURPOSES };
export type { ConsentDecision, ConsentGiver, ConsentMethod, ConsentPurpose };

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
