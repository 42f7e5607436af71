import { MigrationInterface, QueryRunner } from 'typeorm';

const VIEW_COLUMNS = 'source, source_key, due_at, title, status, assignee_ids';

/**
 * A derived milestone's title as a message key and its parameters (issue 22), so each page
 * says it in its reader's language; `title` keeps the English words (API, emails, feeds).
 * Null for milestones people wrote themselves, and for derived ones until their next sync.
 * The UN calendar's read model of its milestones also tells whether one has its message yet.
 */
export class MilestoneTitleMessage1795950200000 implements MigrationInterface {
  name = 'MilestoneTitleMessage1795950200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "milestones" ADD "title_message" jsonb`);
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "un_calendar_milestones" AS
       SELECT ${VIEW_COLUMNS}, title_message IS NOT NULL AS has_message FROM milestones
        WHERE source = 'un_calendar'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "un_calendar_milestones"`);
    await queryRunner.query(
      `CREATE VIEW "un_calendar_milestones" AS
       SELECT ${VIEW_COLUMNS} FROM milestones WHERE source = 'un_calendar'`,
    );
    await queryRunner.query(`ALTER TABLE "milestones" DROP COLUMN "title_message"`);
  }
}
