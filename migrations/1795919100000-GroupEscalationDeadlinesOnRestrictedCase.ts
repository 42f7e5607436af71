import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Need-to-know (issue 19): the deadlines of a group escalation (government reply, follow-up)
 * hang on one of its cases; they hung on the first, so a caseworker of a standard co-defender
 * saw (and was reminded of) the deadlines of an escalation that also concerns a restricted case
 * they may not see. They now hang on a restricted case of the escalation when there is one
 * (MilestoneSync.anchorCase); this moves the existing ones. Reminders already planned for
 * someone who may not see that case are cancelled when they fall due (DispatchService).
 */
export class GroupEscalationDeadlinesOnRestrictedCase1795919100000 implements MigrationInterface {
  name = 'GroupEscalationDeadlinesOnRestrictedCase1795919100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            UPDATE milestones m
               SET defender_id = r.defender_id, version = m.version + 1, updated_at = now()
              FROM (SELECT DISTINCT ON (ed.escalation_id) ed.escalation_id, ed.defender_id
                      FROM escalation_defenders ed JOIN defenders d ON d.id = ed.defender_id
                     WHERE d.access = 'restricted'
                     ORDER BY ed.escalation_id, ed.defender_id) r
             WHERE m.source = 'escalation'
               AND split_part(m.source_key, ':', 1) = r.escalation_id::text
               AND m.defender_id IS DISTINCT FROM r.defender_id
        `);
  }

  public async down(): Promise<void> {
    // Nothing to undo: hanging on the restricted case is what the code now does, and the
    // first case of each escalation is not recorded anywhere to go back to.
  }
}
