import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Document, DocumentVersion } from '../documents/document.entity';
import { Escalation } from '../escalations/escalation.entity';
import { Dossier } from './dossier.entity';

/**
 * A document chosen to go with an escalation, in order (position 1, 2, 3...), pinned to the
 * version that was chosen: the UN gets what was reviewed, not whatever was uploaded since.
 * The set is replaced as a whole (`PUT /escalations/:id/annexes`).
 */
@Entity('escalation_annexes')
@Check('escalation_annexes_position_check', 'position >= 1')
@Index('escalation_annexes_position_key', ['escalationId', 'position'], { unique: true })
@Index('escalation_annexes_document_idx', ['documentId'])
export class EscalationAnnex {
  @PrimaryColumn({ type: 'uuid' })
  escalationId: string;

  @ManyToOne(() => Escalation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'escalation_id' })
  escalation?: Escalation;

  @PrimaryColumn({ type: 'uuid' })
  documentId: string;

  @ManyToOne(() => Document, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  document?: Document;

  @Column({ type: 'integer' })
  position: number;

  /** The version pinned when the document was chosen (or refreshed). */
  @Column({ type: 'uuid' })
  documentVersionId: string;

  @ManyToOne(() => DocumentVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_version_id' })
  documentVersion?: DocumentVersion;

  @Column({ type: 'uuid', nullable: true })
  chosenBy: string | null;

  @Column({ type: 'timestamptz' })
  chosenAt: Date;
}

/**
 * The annexes of one dossier, copied from its escalation's choice when the dossier was
 * requested (a public edition never records a confidential document). `annexNo` is set when
 * the dossier is rendered: the number it carries in the dossier's list ("Annex 2"), or null
 * when the document was no longer there to list (deleted, or confidential for a public
 * edition). The bundle holds exactly the numbered ones.
 */
@Entity('dossier_annexes')
@Check('dossier_annexes_position_check', 'position >= 1')
@Check('dossier_annexes_annex_no_check', 'annex_no IS NULL OR annex_no >= 1')
@Index('dossier_annexes_document_idx', ['documentId'])
export class DossierAnnex {
  @PrimaryColumn({ type: 'uuid' })
  dossierId: string;

  @ManyToOne(() => Dossier, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: Dossier;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'uuid' })
  documentId: string;

  @ManyToOne(() => Document, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  document?: Document;

  @Column({ type: 'uuid' })
  documentVersionId: string;

  @ManyToOne(() => DocumentVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_version_id' })
  documentVersion?: DocumentVersion;

  @Column({ type: 'integer', nullable: true })
  annexNo: number | null;
}
