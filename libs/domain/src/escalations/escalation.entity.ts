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
import { Partner } from '../solidarity/solidarity.entity';
import { sqlIn } from '../shared/vocabulary';
import { User } from '../users/user.entity';
import {
  ESCALATION_KINDS,
  MECHANISMS,
  type EscalationKind,
  type Mechanism,
} from './escalation-workflow';

/** An identity document of one of the escalation's people (questionnaire section I, 6). */
export interface IdentityDocument {
  type: string | null;
  issuedBy: string | null;
  issuedOn: string | null;
  number: string | null;
}

/**
 * The questionnaire's own answers, typed on the escalation: what the case record cannot hold.
 * Everything else a dossier says (identity, arrest, detention, domestic steps) is drawn from
 * the record; see libs/domain/src/dossiers/questionnaire.
 */
export interface EscalationContent {
  /** A concise summary of the case (the mechanisms ask for one, with a word limit). */
  summary?: string | null;
  /** Circumstances of the arrest and detention (WGAD section IV). */
  circumstances?: string | null;
  categories?: { category: 'I' | 'II' | 'III' | 'IV' | 'V'; argument: string }[];
  /** Domestic remedies: exhausted or not, and their results or why they were not taken. */
  remedies?: { exhausted: boolean | null; explanation: string | null } | null;
  /** Urgent action: why continued detention endangers health or life. */
  urgency?: string | null;
  /** Special Procedures: the case before other UN or regional mechanisms. */
  previousSubmissions?: string | null;
  /** Special Procedures: may the person be named in the public report on communications? */
  namePublicly?: boolean | null;
  /** Identity documents, per person. */
  identityDocuments?: ({ defenderId: string } & IdentityDocument)[];
  /** What must stay confidential, and why (submission edition only). */
  confidentiality?: string | null;
  /** UPR: the cycle the submission's recommendations are for (4: the fourth cycle). */
  uprCycle?: number | null;
  /** UPR: a joint submission of a coalition (the larger word limit). */
  uprCoalition?: boolean | null;
  /** UPR: the recommendations to the State under review, in order. */
  recommendations?: string[];
  /** WGEID: steps taken to search for and locate the person, and their results. */
  locateSteps?: string | null;
  /** Regional requests: the irreparable harm the measures would prevent. */
  irreparableHarm?: string | null;
  /** ECtHR Rule 39: the application number, if an application is lodged. */
  applicationNumber?: string | null;
}

/** An answer drawn from the record that a coordinator replaced, with who did and when. */
export interface AnswerOverride {
  value: string | boolean;
  /** User id. */
  by: string | null;
  /** ISO date-time. */
  at: string;
}

export interface EscalationOutcome {
  arbitrary: boolean | null;
  categoriesFound: string[];
  releaseRequested: boolean | null;
  compensationRequested: boolean | null;
}

/** A case taken to a UN (or regional) mechanism, carried through its procedure. */
@Entity('escalations')
@Check('escalations_kind_check', `kind IN (${sqlIn(ESCALATION_KINDS)})`)
@Check('escalations_mechanism_check', `mechanism IN (${sqlIn(MECHANISMS)})`)
@Index('escalations_state_idx', ['state', 'updatedAt'])
@Index('escalations_reply_due_idx', ['replyDueOn'])
export class Escalation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 30 })
  mechanism: Mechanism;

  @Column({ type: 'varchar', length: 30 })
  kind: EscalationKind;

  @Column({ type: 'varchar', length: 40, default: 'draft' })
  state: string;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  /**
   * Our human reference, WIT-YYYY-NNNN: per year of creation, gap-free (allocated in the
   * creating transaction from a locked counter row), never changed.
   */
  @Index('escalations_reference_key', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  unReference: string | null;

  /** WGAD opinion number, `No. N/YYYY`. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  opinionNumber: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  targetRapporteurs: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  hrcSession: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  content: EscalationContent;

  /**
   * Answers drawn from the record that a coordinator overrode: `field` (the escalation's) or
   * `field@defenderId` (a person's) to the value typed, who typed it and when.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  answerOverrides: Record<string, AnswerOverride>;

  /** The source's identity (name, organisation, contact): encrypted JSON (FieldCipher). */
  @Column({ type: 'text', nullable: true, select: false })
  sourceIdentityEnc: string | null;

  @Column({ type: 'date', nullable: true })
  submittedOn: string | null;

  @Column({ type: 'date', nullable: true })
  transmittedOn: string | null;

  @Column({ type: 'integer', default: 0 })
  extensionDays: number;

  /** Derived from the procedure's reply rule: transmittedOn + its period + extension (never typed). */
  @Column({ type: 'date', nullable: true })
  replyDueOn: string | null;

  @Column({ type: 'date', nullable: true })
  governmentRepliedOn: string | null;

  /**
   * When the source was asked for its comments on the government's reply (the WGAD's
   * "pending further information"; the WGEID's six-month rule runs from it).
   */
  @Column({ type: 'date', nullable: true })
  commentsRequestedOn: string | null;

  /** Derived: the source's (author's) comments deadline, from the procedure's table. */
  @Column({ type: 'date', nullable: true })
  commentsDueOn: string | null;

  /** When the opinion (views, decision, measures) was adopted. */
  @Column({ type: 'date', nullable: true })
  opinionAdoptedOn: string | null;

  /** When the opinion was transmitted to the government (then to the source): follow-up runs from it. */
  @Column({ type: 'date', nullable: true })
  opinionTransmittedOn: string | null;

  /**
   * When the opinion or communication was made public (OHCHR's site, the communications
   * report, the SG's report). Until then it is embargoed: nothing public may cite it.
   */
  @Column({ type: 'date', nullable: true })
  publishedOn: string | null;

  /** The session or review a submission is for (UPR review, HRC session): deadlines count back from it. */
  @Column({ type: 'date', nullable: true })
  meetingOn: string | null;

  /** Derived from the procedure's follow-up rule (the WGAD's: the opinion's transmission + six months). */
  @Column({ type: 'date', nullable: true })
  followUpDueOn: string | null;

  @Column({ type: 'jsonb', nullable: true })
  outcome: EscalationOutcome | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The defenders an escalation concerns (one, or a group arrested together). */
@Entity('escalation_defenders')
@Index('escalation_defenders_defender_idx', ['defenderId'])
export class EscalationDefender {
  @PrimaryColumn({ type: 'uuid' })
  escalationId: string;

  @PrimaryColumn({ type: 'uuid' })
  defenderId: string;

  @ManyToOne(() => Escalation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'escalation_id' })
  escalation?: Escalation;

  @ManyToOne(() => Defender, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'defender_id' })
  defender?: Defender;
}

/**
 * Partner organisations the escalation supported to take part in a UN or regional mechanism
 * (the "partners supported" indicator counts them).
 */
@Entity('escalation_partners')
@Index('escalation_partners_partner_idx', ['partnerId'])
export class EscalationPartner {
  @PrimaryColumn({ type: 'uuid' })
  escalationId: string;

  @PrimaryColumn({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => Escalation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'escalation_id' })
  escalation?: Escalation;

  @ManyToOne(() => Partner, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id' })
  partner?: Partner;
}

/** The last WIT reference number given in a year: locked while a new escalation takes the next. */
@Entity('escalation_reference_counters')
export class EscalationReferenceCounter {
  @PrimaryColumn({ type: 'smallint' })
  year: number;

  @Column({ type: 'integer' })
  lastNumber: number;
}

/** The history of an escalation's steps (dates as the UN gave them). */
@Entity('escalation_transitions')
@Index('escalation_transitions_escalation_idx', ['escalationId', 'at'])
export class EscalationTransition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  escalationId: string;

  @ManyToOne(() => Escalation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'escalation_id' })
  escalation?: Escalation;

  @Column({ type: 'varchar', length: 40 })
  fromState: string;

  @Column({ type: 'varchar', length: 40 })
  toState: string;

  /** When it happened (e.g. the date the UN transmitted the communication). */
  @Column({ type: 'date' })
  occurredOn: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
