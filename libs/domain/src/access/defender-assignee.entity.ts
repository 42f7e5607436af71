import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** A caseworker assigned to a case: what opens a restricted case to them (need-to-know). */
@Entity('defender_assignees')
@Index('defender_assignees_user_idx', ['userId'])
export class DefenderAssignee {
  @PrimaryColumn({ type: 'uuid' })
  defenderId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  // The case, named by its entity (defenders/ imports this feature, not the reverse).
  @ManyToOne('Defender', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'defender_id' })
  defender?: object;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'uuid', nullable: true })
  assignedBy: string | null;

  @Column({ type: 'timestamptz' })
  assignedAt: Date;
}
