import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A derived milestone's title as a message key and its parameters (issue 22), so each page
 * says it in its reader's language; `title` keeps the English words (API, emails, feeds).
 * Null for milestones people wrote themselves, and for derived ones until their next sync.
 */
export class MilestoneTitleMessage1795940800000 implements MigrationInterface {
  name = 'MilestoneTitleMessage1795940800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "milestones" ADD "title_message" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "milestones" DROP COLUMN "title_message"`);
  }
}
