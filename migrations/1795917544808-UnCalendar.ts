import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The UN calendar (issue 11): sessions and reviews with their deadlines, kept by (kind,
 * country) so a deadline's id, and the milestones derived from it, survive a change of date.
 * Milestones gain the kinds `wgad_session` and `regional_session` and the source
 * `un_calendar` (TypeORM does not see changed CHECK expressions: written by hand).
 */
export class UnCalendar1795917544808 implements MigrationInterface {
  name = 'UnCalendar1795917544808';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "un_calendar_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(30) NOT NULL,
                "number" integer,
                "body" character varying(20) NOT NULL DEFAULT '',
                "title" character varying(300) NOT NULL,
                "starts_on" date NOT NULL,
                "ends_on" date NOT NULL,
                "location" character varying(200),
                "countries" character(2) array NOT NULL DEFAULT '{}',
                "notes" text,
                "source_url" character varying(500),
                "sample" boolean NOT NULL DEFAULT false,
                "created_by" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "un_calendar_entries_dates_check" CHECK (ends_on >= starts_on),
                CONSTRAINT "un_calendar_entries_body_check" CHECK (
                    body = ''
                    OR body IN ('achpr', 'iachr', 'other')
                ),
                CONSTRAINT "un_calendar_entries_kind_check" CHECK (
                    kind IN (
                        'hrc_session',
                        'wgad_session',
                        'upr_session',
                        'regional_session'
                    )
                ),
                CONSTRAINT "PK_8fc9383741fdfab12b078adeb1d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "un_calendar_entries_dates_idx" ON "un_calendar_entries" ("ends_on", "starts_on")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "un_calendar_entries_number_key" ON "un_calendar_entries" ("kind", "body", "number")
            WHERE number IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "un_calendar_deadlines" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "entry_id" uuid NOT NULL,
                "kind" character varying(40) NOT NULL,
                "due_on" date NOT NULL,
                "country" character varying(2) NOT NULL DEFAULT '',
                "label" character varying(200),
                CONSTRAINT "un_calendar_deadlines_kind_check" CHECK (
                    kind IN (
                        'written_statement',
                        'side_event_request',
                        'oral_statement_registration',
                        'case_cutoff',
                        'stakeholder_submission',
                        'submission',
                        'other'
                    )
                ),
                CONSTRAINT "PK_b452d111502575bc5bb98c9a5b7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "un_calendar_deadlines_due_idx" ON "un_calendar_deadlines" ("due_on")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "un_calendar_deadlines_entry_key" ON "un_calendar_deadlines" ("entry_id", "kind", "country")
        `);
    await queryRunner.query(`
            ALTER TABLE "un_calendar_deadlines"
            ADD CONSTRAINT "FK_8c0a8cdf05f8978cbc5bfd7c809" FOREIGN KEY ("entry_id") REFERENCES "un_calendar_entries"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "milestones_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "milestones_kind_check" CHECK (kind IN ('hearing', 'trial', 'verdict', 'sentence_end', 'detention_anniversary', 'wgad_reply_due', 'wgad_follow_up_due', 'hrc_session', 'upr_review', 'wgad_session', 'regional_session', 'consent_review', 'profile_review', 'solidarity_action', 'custom'))`,
    );
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "milestones_source_check"`);
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "milestones_source_check" CHECK (source IS NULL OR source IN ('event', 'anniversary', 'profile_review', 'consent', 'escalation', 'solidarity', 'un_calendar'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE milestones SET status = 'cancelled' WHERE source = 'un_calendar' AND status = 'open'`,
    );
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "milestones_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "milestones_kind_check" CHECK (kind IN ('hearing', 'trial', 'verdict', 'sentence_end', 'detention_anniversary', 'wgad_reply_due', 'wgad_follow_up_due', 'hrc_session', 'upr_review', 'consent_review', 'profile_review', 'solidarity_action', 'custom'))`,
    );
    await queryRunner.query(`ALTER TABLE "milestones" DROP CONSTRAINT "milestones_source_check"`);
    await queryRunner.query(
      `ALTER TABLE "milestones" ADD CONSTRAINT "milestones_source_check" CHECK (source IS NULL OR source IN ('event', 'anniversary', 'profile_review', 'consent', 'escalation', 'solidarity'))`,
    );
    await queryRunner.query(`
            ALTER TABLE "un_calendar_deadlines" DROP CONSTRAINT "FK_8c0a8cdf05f8978cbc5bfd7c809"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."un_calendar_deadlines_entry_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."un_calendar_deadlines_due_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "un_calendar_deadlines"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."un_calendar_entries_number_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."un_calendar_entries_dates_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "un_calendar_entries"
        `);
  }
}
