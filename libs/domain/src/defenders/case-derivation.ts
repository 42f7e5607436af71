import type { EntityManager } from 'typeorm';
import type { DetentionSummary } from '../shared/detention-status';

/**
 * Store the timeline's derivation (status, detained since, days of closed detention) cached
 * on the case record, when the timeline changed. Plain SQL, so the record's version (an
 * editing precondition) does not move when only the timeline did.
 */
export async function storeDetentionSummary(
  tx: EntityManager,
  defenderId: string,
  summary: Pick<DetentionSummary, 'status' | 'detainedSince' | 'closedDays'>,
  at: Date,
): Promise<void> {
  await tx.query(
    `UPDATE defenders
        SET status = $2, detained_since = $3, closed_detention_days = $4, last_event_at = $5
      WHERE id = $1`,
    [defenderId, summary.status, summary.detainedSince, summary.closedDays, at],
  );
}
