import { MigrationInterface, QueryRunner } from 'typeorm';

export class Escalations1795890826569 implements MigrationInterface {
  name = 'Escalations1795890826569';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "escalations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "mechanism" character varying(30) NOT NULL,
                "kind" character varying(30) NOT NULL,
                "state" character varying(40) NOT NULL DEFAULT 'draft',
                "owner_id" uuid,
                "un_reference" character varying(100),
                "opinion_number" character varying(20),
                "target_rapporteurs" text array NOT NULL DEFAULT '{}',
                "hrc_session" character varying(100),
                "notes" text,
                "content" jsonb NOT NULL DEFAULT '{}',
                "source_identity_enc" text,
                "submitted_on" date,
                "transmitted_on" date,
                "extension_days" integer NOT NULL DEFAULT '0',
                "reply_due_on" date,
                "government_replied_on" date,
                "opinion_adopted_on" date,
                "follow_up_due_on" date,
                "outcome" jsonb,
                "created_by" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "escalations_mechanism_check" CHECK (
                    mechanism IN (
                        'wgad',
                        'special_procedures',
                        'unhrc',
                        'upr',
                        'achpr',
                        'iachr',
                        'other'
                    )
                ),
                CONSTRAINT "escalations_kind_check" CHECK (
                    kind IN (
                        'wgad_regular',
                        'wgad_urgent_action',
                        'sp_urgent_appeal',
                        'sp_allegation_letter',
                        'hrc_statement',
                        'hrc_side_event',
                        'upr_submission',
                        'regional_communication'
                    )
                ),
                CONSTRAINT "PK_652a394609addaa4b0f2b3032a1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "escalations_reply_due_idx" ON "escalations" ("reply_due_on")
        `);
    await queryRunner.query(`
            CREATE INDEX "escalations_state_idx" ON "escalations" ("state", "updated_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "escalation_defenders" (
                "escalation_id" uuid NOT NULL,
                "defender_id" uuid NOT NULL,
                CONSTRAINT "PK_62a650023364f93f223bf40bf73" PRIMARY KEY ("escalation_id", "defender_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "escalation_defenders_defender_idx" ON "escalation_defenders" ("defender_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "escalation_transitions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "escalation_id" uuid NOT NULL,
                "from_state" character varying(40) NOT NULL,
                "to_state" character varying(40) NOT NULL,
                "occurred_on" date NOT NULL,
                "note" text,
                "actor_id" uuid,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2e6383c3867b6a8a883d1fb9280" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "escalation_transitions_escalation_idx" ON "escalation_transitions" ("escalation_id", "at")
        `);
    await queryRunner.query(`
            CREATE TABLE "dossiers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "escalation_id" uuid NOT NULL,
                "version_no" integer NOT NULL,
                "language" character varying(2) NOT NULL,
                "format" character varying(4) NOT NULL,
                "edition" character varying(10) NOT NULL,
                "state" character varying(10) NOT NULL DEFAULT 'queued',
                "failure_reason" character varying(500),
                "template_version" character varying(20),
                "record_fingerprint" character(64),
                "content_enc" text,
                "sha256" character(64),
                "size_bytes" integer,
                "requested_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "rendered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "dossiers_edition_check" CHECK (edition IN ('submission', 'public')),
                CONSTRAINT "dossiers_format_check" CHECK (format IN ('pdf', 'html')),
                CONSTRAINT "dossiers_language_check" CHECK (language IN ('en', 'fr', 'es')),
                CONSTRAINT "dossiers_state_check" CHECK (
                    state IN ('queued', 'rendering', 'ready', 'failed')
                ),
                CONSTRAINT "PK_d84a24a9d2c52ec01142de45e42" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "dossiers_version_key" ON "dossiers" ("escalation_id", "version_no")
        `);
    await queryRunner.query(`
            ALTER TABLE "escalations"
            ADD CONSTRAINT "FK_ddfccb8532b7b2774b091803cf7" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_defenders"
            ADD CONSTRAINT "FK_9fe92e77b51dc59477db027a712" FOREIGN KEY ("escalation_id") REFERENCES "escalations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_defenders"
            ADD CONSTRAINT "FK_14aa76c313ed54f83c1deb44984" FOREIGN KEY ("defender_id") REFERENCES "defenders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_transitions"
            ADD CONSTRAINT "FK_35cf925a340ef2646d7c95ef44e" FOREIGN KEY ("escalation_id") REFERENCES "escalations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers"
            ADD CONSTRAINT "FK_2ef0644cfc1e09dd9c37e500c69" FOREIGN KEY ("escalation_id") REFERENCES "escalations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossiers" DROP CONSTRAINT "FK_2ef0644cfc1e09dd9c37e500c69"
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_transitions" DROP CONSTRAINT "FK_35cf925a340ef2646d7c95ef44e"
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_defenders" DROP CONSTRAINT "FK_14aa76c313ed54f83c1deb44984"
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_defenders" DROP CONSTRAINT "FK_9fe92e77b51dc59477db027a712"
        `);
    await queryRunner.query(`
            ALTER TABLE "escalations" DROP CONSTRAINT "FK_ddfccb8532b7b2774b091803cf7"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dossiers_version_key"
        `);
    await queryRunner.query(`
            DROP TABLE "dossiers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."escalation_transitions_escalation_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "escalation_transitions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."escalation_defenders_defender_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "escalation_defenders"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."escalations_state_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."escalations_reply_due_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "escalations"
        `);
  }
}
