import { MigrationInterface, QueryRunner } from 'typeorm';

export class PublicationAndPartners1795896054380 implements MigrationInterface {
  name = 'PublicationAndPartners1795896054380';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "escalation_partners" (
                "escalation_id" uuid NOT NULL,
                "partner_id" uuid NOT NULL,
                CONSTRAINT "PK_3039e52e2c1c3b05bcd1460c50e" PRIMARY KEY ("escalation_id", "partner_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "escalation_partners_partner_idx" ON "escalation_partners" ("partner_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "publications" (
                "defender_id" uuid NOT NULL,
                "slug" character varying(120) NOT NULL,
                "featured" boolean NOT NULL DEFAULT false,
                "display_name" character varying(200) NOT NULL,
                "public_summary" character varying(1000) NOT NULL,
                "public_story" text,
                "photo" jsonb,
                "public_charge_event_ids" uuid array NOT NULL DEFAULT '{}',
                "first_featured_at" TIMESTAMP WITH TIME ZONE,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "unpublished_at" TIMESTAMP WITH TIME ZONE,
                "unpublished_reason" character varying(30),
                "updated_by" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "publications_unpublished_reason_check" CHECK (
                    unpublished_reason IS NULL
                    OR unpublished_reason IN (
                        'coordinator',
                        'consent_revoked',
                        'photo_consent_revoked',
                        'archived',
                        'restricted'
                    )
                ),
                CONSTRAINT "publications_slug_check" CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
                CONSTRAINT "PK_9fe87dd9194ba55a19048a2778d" PRIMARY KEY ("defender_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "publications_featured_idx" ON "publications" ("featured", "published_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "publications_slug_key" ON "publications" ("slug")
        `);
    await queryRunner.query(`
            ALTER TABLE "solidarity_actions"
            ADD "is_public" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_partners"
            ADD CONSTRAINT "FK_3b491e2dfd715b6a0d79308d040" FOREIGN KEY ("escalation_id") REFERENCES "escalations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_partners"
            ADD CONSTRAINT "FK_c1fd78d6fc518ff176678cb08e5" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // TypeORM does not diff CHECK expressions: planned solidarity actions carry derived milestones.
    await queryRunner.query(`
            ALTER TABLE "milestones" DROP CONSTRAINT "milestones_kind_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones" ADD CONSTRAINT "milestones_kind_check" CHECK (
                kind IN ('hearing', 'trial', 'verdict', 'sentence_end', 'detention_anniversary', 'wgad_reply_due', 'wgad_follow_up_due', 'hrc_session', 'upr_review', 'consent_review', 'profile_review', 'solidarity_action', 'custom')
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones" DROP CONSTRAINT "milestones_source_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones" ADD CONSTRAINT "milestones_source_check" CHECK (
                source IS NULL OR source IN ('event', 'anniversary', 'profile_review', 'consent', 'escalation', 'solidarity')
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "publications"
            ADD CONSTRAINT "FK_9fe87dd9194ba55a19048a2778d" FOREIGN KEY ("defender_id") REFERENCES "defenders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DELETE FROM "milestones" WHERE source = 'solidarity' OR kind = 'solidarity_action'
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones" DROP CONSTRAINT "milestones_kind_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones" ADD CONSTRAINT "milestones_kind_check" CHECK (
                kind IN ('hearing', 'trial', 'verdict', 'sentence_end', 'detention_anniversary', 'wgad_reply_due', 'wgad_follow_up_due', 'hrc_session', 'upr_review', 'consent_review', 'profile_review', 'custom')
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones" DROP CONSTRAINT "milestones_source_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "milestones" ADD CONSTRAINT "milestones_source_check" CHECK (
                source IS NULL OR source IN ('event', 'anniversary', 'profile_review', 'consent', 'escalation')
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "publications" DROP CONSTRAINT "FK_9fe87dd9194ba55a19048a2778d"
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_partners" DROP CONSTRAINT "FK_c1fd78d6fc518ff176678cb08e5"
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_partners" DROP CONSTRAINT "FK_3b491e2dfd715b6a0d79308d040"
        `);
    await queryRunner.query(`
            ALTER TABLE "solidarity_actions" DROP COLUMN "is_public"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."publications_slug_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."publications_featured_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "publications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."escalation_partners_partner_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "escalation_partners"
        `);
  }
}
