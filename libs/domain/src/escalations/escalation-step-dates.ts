import { IncompleteError } from '@witness/platform';
import type { EntityManager } from 'typeorm';
import { EscalationTransition } from './escalation.entity';
import { recordedBy } from './procedures';

/** An escalation's steps in the order they were taken (recorded). */
export function stepsOf(tx: EntityManager, escalationId: string): Promise<EscalationTransition[]> {
  return tx.find(EscalationTransition, {
    where: { escalationId },
    order: { at: 'ASC', id: 'ASC' },
  });
}

/**
 * The steps that record one of the procedure's dates (the submission, the transmission, the
 * reply, the opinion...): these keep their order. Our own steps before them (review,
 * approval) are dated when they are clicked, so a case entered late, reviewed today and
 * submitted months ago, is not refused for them.
 */
export function datedSteps(kind: string, steps: EscalationTransition[]): EscalationTransition[] {
  return steps.filter((t) => recordedBy(kind, t.toState) !== null);
}

/**
 * A step cannot have happened before the step it follows, nor after the one that follows it:
 * 422 naming the field and the neighbouring step's date. Only steps that record one of the
 * procedure's dates are compared (datedSteps). A step recorded late keeps its true (past) date
 * as long as it is not before the previous step's; a wrong earlier date is
 * corrected on that step (EscalationsService.correctStepDate), not worked around.
 */
export function checkStepOrder(
  field: string,
  date: string,
  previous: EscalationTransition | undefined,
  next?: EscalationTransition,
): void {
  if (previous && date < previous.occurredOn) {
    throw new IncompleteError(
      `The step is dated ${date}, before the previous step (${previous.fromState} → ${previous.toState}) dated ${previous.occurredOn}: a step cannot happen before the one it follows. Give its true date, or correct the previous step's date first.`,
      [{ field, previousStepOn: previous.occurredOn, previousStepId: previous.id }],
      { field, previousStepOn: previous.occurredOn },
    );
  }
  if (next && date > next.occurredOn) {
    throw new IncompleteError(
      `The step cannot be dated ${date}, after the step that follows it (${next.fromState} → ${next.toState}) dated ${next.occurredOn}. Correct that step's date first.`,
      [{ field, nextStepOn: next.occurredOn, nextStepId: next.id }],
      { field, nextStepOn: next.occurredOn },
    );
  }
}
