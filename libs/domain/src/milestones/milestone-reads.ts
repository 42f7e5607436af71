import type { EntityManager } from 'typeorm';
import { Milestone } from './milestone.entity';

// Reads other features make of milestones, in the caller's transaction (no lock taken).

/** The milestone with this id, or null. */
export async function milestoneById(tx: EntityManager, id: string): Promise<Milestone | null> {
  return tx.findOneBy(Milestone, { id });
}

/** The ids of a case's milestones, whatever their status. */
export async function milestoneIdsOfCase(tx: EntityManager, defenderId: string): Promise<string[]> {
  const rows = await tx.find(Milestone, { select: { id: true }, where: { defenderId } });
  return rows.map((m) => m.id);
}
