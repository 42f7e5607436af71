import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'hearing', 'trial', 'verdict', 'sentence_end', 'detention_anniversary', 'wgad_reply_due', 'wgad_follow_up_due', 'hrc_session', 'upr_review', 'wgad_session', 'regional_session', 'consent_review', 'profile_review', 'solidarity_action', 'custom'`;
const KINDS_AFTER = `'hearing', 'trial', 'verdict', 'sentence_end', 'detention_anniversary', 'wgad_reply_due', 'wgad_follow_up_due', 'source_comments_due', 'reply_due', 'publication_due', 'follow_up_due', 'submission_due', 'hrc_session', 'upr_review', 'wgad_session', 'regional_session', 'consent_review', 'profile_review', 'solidarity_action', 'custom'`;

/**
 * Each procedure on its own terms (issue 21):
 * - an opinion's adoption, transmission and publication are recorded apart (the WGAD's
 *   follow-up runs from the transmission; the opinion is embargoed until published), the
 *   source's comments request and deadline ("pending further information"), and the session or
 *   review a submission is for;
 * - milestones gain the kinds the other procedures' clocks derive.
 * Existing escalations keep their states. A WGAD opinion adopted but not yet in follow-up had
 * its follow-up counted from the adoption: that date and its reminder are withdrawn, and come
 * back, right, once the transmission date is recorded. Those already in follow-up keep theirs.
 * The Special Procedures' reply deadlines become the procedures' own milestone kind.
 */
export class ProceduresOnTheirOwnTerms1795940000000 implements MigrationInterface {
  name = 'ProceduresOnTheirOwnTerms1795940000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of [
      'comments_requested_on',
      'comments_due_on',
      'opinion_transmitted_on',
      'published_on',
      'meeting_on',
    ]) {
      await queryRunner.query(`ALTER TABLE "escalations" ADD "${column}" date`);
    }
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "milestones_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "milestones_kind_check" CHECK (kind IN (${KINDS_AFTER}))`,
    );
    await queryRunner.query(`
      UPDATE escalations SET follow_up_due_on = NULL
       WHERE kind = 'wgad_regular' AND state = 'opinion_adopted'`);
    await queryRunner.query(`
      UPDATE milestones m SET status = 'cancelled', updated_at = now(), version = m.version + 1
        FROM escalations e
       WHERE m.source = 'escalation' AND m.source_key = e.id || ':follow_up'
         AND m.status = 'open' AND e.kind = 'wgad_regular' AND e.state = 'opinion_adopted'`);
    await queryRunner.query(`
      UPDATE milestones m SET kind = 'reply_due', updated_at = now(), version = m.version + 1
        FROM escalations e
       WHERE m.source = 'escalation' AND m.source_key = e.id || ':reply'
         AND m.kind = 'wgad_reply_due'
         AND e.kind IN ('sp_urgent_appeal', 'sp_allegation_letter')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE milestones SET kind = 'wgad_reply_due'
       WHERE kind IN ('reply_due', 'source_comments_due')`);
    await queryRunner.query(`
      UPDATE milestones SET kind = 'wgad_follow_up_due' WHERE kind = 'follow_up_due'`);
    await queryRunner.query(`
      DELETE FROM milestones WHERE kind IN ('publication_due', 'submission_due')`);
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "milestones_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "milestones_kind_check" CHECK (kind IN (${KINDS_BEFORE}))`,
    );
    for (const column of [
      'meeting_on',
      'published_on',
      'opinion_transmitted_on',
      'comments_due_on',
      'comments_requested_on',
    ]) {
      await queryRunner.query(`ALTER TABLE "escalations" DROP COLUMN "${column}"`);
    }
  }
}
