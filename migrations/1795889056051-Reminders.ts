import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reminders1795889056051 implements MigrationInterface {
  name = 'Reminders1795889056051';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "outbox" (
                "id" BIGSERIAL NOT NULL,
                "queue" character varying(40) NOT NULL,
                "name" character varying(60) NOT NULL,
                "job_id" character varying(200) NOT NULL,
                "payload" jsonb NOT NULL,
                "available_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "enqueued_at" TIMESTAMP WITH TIME ZONE,
                "enqueue_count" integer NOT NULL DEFAULT '0',
                "done_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "outbox_job_id_key" ON "outbox" ("job_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "outbox_pending_idx" ON "outbox" ("available_at")
            WHERE done_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "milestones" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "defender_id" uuid,
                "kind" character varying(30) NOT NULL,
                "title" character varying(300) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "all_day" boolean NOT NULL DEFAULT false,
                "remind_before" text array NOT NULL DEFAULT '{}',
                "assignee_ids" uuid array NOT NULL DEFAULT '{}',
                "notes" text,
                "status" character varying(10) NOT NULL DEFAULT 'open',
                "source" character varying(20),
                "source_key" character varying(100),
                "created_by" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "milestones_source_check" CHECK (
                    source IS NULL
                    OR source IN (
                        'event',
                        'anniversary',
                        'profile_review',
                        'consent',
                        'escalation'
                    )
                ),
                CONSTRAINT "milestones_status_check" CHECK (status IN ('open', 'done', 'cancelled')),
                CONSTRAINT "milestones_kind_check" CHECK (
                    kind IN (
                        'hearing',
                        'trial',
                        'verdict',
                        'sentence_end',
                        'detention_anniversary',
                        'wgad_reply_due',
                        'wgad_follow_up_due',
                        'hrc_session',
                        'upr_review',
                        'consent_review',
                        'profile_review',
                        'custom'
                    )
                ),
                CONSTRAINT "PK_0bdbfe399c777a6a8520ff902d9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "milestones_due_idx" ON "milestones" ("status", "due_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "milestones_defender_idx" ON "milestones" ("defender_id", "due_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "milestones_source_key" ON "milestones" ("source", "source_key")
            WHERE source IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "milestone_id" uuid NOT NULL,
                "offset" character varying(20) NOT NULL,
                "recipient_id" uuid NOT NULL,
                "channel" character varying(10) NOT NULL,
                "send_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "state" character varying(10) NOT NULL DEFAULT 'pending',
                "late" boolean NOT NULL DEFAULT false,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" character varying(500),
                "queued_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "deliveries_state_check" CHECK (
                    state IN (
                        'pending',
                        'queued',
                        'sent',
                        'failed',
                        'cancelled'
                    )
                ),
                CONSTRAINT "deliveries_channel_check" CHECK (channel IN ('in_app', 'email', 'webhook')),
                CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "deliveries_recipient_idx" ON "deliveries" ("recipient_id", "state")
        `);
    await queryRunner.query(`
            CREATE INDEX "deliveries_due_idx" ON "deliveries" ("state", "send_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "deliveries_identity_key" ON "deliveries" (
                "milestone_id",
                "offset",
                "recipient_id",
                "channel"
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "notification_preferences" (
                "user_id" uuid NOT NULL,
                "channels" text array NOT NULL DEFAULT '{in_app,email}',
                "webhook_url" character varying(500),
                "webhook_secret_enc" text,
                "digest_hour" smallint,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "notification_preferences_digest_check" CHECK (
                    digest_hour IS NULL
                    OR digest_hour BETWEEN 0 AND 23
                ),
                CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "delivery_id" uuid,
                "milestone_id" uuid,
                "defender_id" uuid,
                "title" character varying(300) NOT NULL,
                "body" character varying(2000) NOT NULL,
                "link" character varying(300),
                "late" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "notifications_delivery_key" ON "notifications" ("delivery_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "notifications_user_idx" ON "notifications" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones"
            ADD CONSTRAINT "FK_b7f52e74187c85b6b6b46051ce0" FOREIGN KEY ("defender_id") REFERENCES "defenders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "FK_213906b104ad894912ddb24e19e" FOREIGN KEY ("milestone_id") REFERENCES "milestones"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries"
            ADD CONSTRAINT "FK_2499c339279740e77a256d15646" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_preferences"
            ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "FK_2499c339279740e77a256d15646"
        `);
    await queryRunner.query(`
            ALTER TABLE "deliveries" DROP CONSTRAINT "FK_213906b104ad894912ddb24e19e"
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones" DROP CONSTRAINT "FK_b7f52e74187c85b6b6b46051ce0"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notifications_user_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notifications_delivery_key"
        `);
    await queryRunner.query(`
            DROP TABLE "notifications"
        `);
    await queryRunner.query(`
            DROP TABLE "notification_preferences"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."deliveries_identity_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."deliveries_due_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."deliveries_recipient_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "deliveries"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."milestones_source_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."milestones_defender_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."milestones_due_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "milestones"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outbox_pending_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outbox_job_id_key"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox"
        `);
  }
}
