import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the indicators report (EXPLAIN on 100,000 defenders): new profiles are found by
 * creation time instead of a scan of every case record, and releases in a period, and the
 * events after a period's end, by date (covering, so the heap is not read).
 */
export class ReportIndexes1795896100000 implements MigrationInterface {
  name = 'ReportIndexes1795896100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "defenders_created_idx" ON "defenders" ("created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "detention_events_occurred_idx" ON "detention_events" ("occurred_on", "type", "defender_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."detention_events_occurred_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."defenders_created_idx"
        `);
  }
}
