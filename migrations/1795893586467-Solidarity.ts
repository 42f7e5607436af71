import { MigrationInterface, QueryRunner } from 'typeorm';

export class Solidarity1795893586467 implements MigrationInterface {
  name = 'Solidarity1795893586467';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "partners" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "country" character(2),
                "kind" character varying(10) NOT NULL,
                "contact_person_enc" text,
                "notes" text,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "partners_kind_check" CHECK (
                    kind IN ('member', 'partner', 'network', 'other')
                ),
                CONSTRAINT "PK_998645b20820e4ab99aeae03b41" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "partners_name_idx" ON "partners" ("name")
        `);
    await queryRunner.query(`
            CREATE TABLE "solidarity_actions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "type" character varying(30) NOT NULL,
                "title" character varying(300) NOT NULL,
                "description" text,
                "starts_on" date NOT NULL,
                "ends_on" date,
                "reach" jsonb NOT NULL DEFAULT '{}',
                "outcome" text,
                "links" text array NOT NULL DEFAULT '{}',
                "status" character varying(10) NOT NULL DEFAULT 'planned',
                "created_by" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "solidarity_actions_dates_check" CHECK (
                    ends_on IS NULL
                    OR ends_on >= starts_on
                ),
                CONSTRAINT "solidarity_actions_status_check" CHECK (status IN ('planned', 'done', 'cancelled')),
                CONSTRAINT "solidarity_actions_type_check" CHECK (
                    type IN (
                        'letter_writing',
                        'joint_statement',
                        'social_media',
                        'petition',
                        'solidarity_call',
                        'trial_monitoring',
                        'embassy_visit',
                        'side_event',
                        'public_event',
                        'media_outreach',
                        'other'
                    )
                ),
                CONSTRAINT "PK_65306ed5d1456a0c163058890c1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "solidarity_actions_starts_idx" ON "solidarity_actions" ("starts_on", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "solidarity_action_defenders" (
                "action_id" uuid NOT NULL,
                "defender_id" uuid NOT NULL,
                CONSTRAINT "PK_ec8db4a150fe1af481a098fdd7c" PRIMARY KEY ("action_id", "defender_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "solidarity_action_defenders_defender_idx" ON "solidarity_action_defenders" ("defender_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "solidarity_action_partners" (
                "action_id" uuid NOT NULL,
                "partner_id" uuid NOT NULL,
                CONSTRAINT "PK_c5295bf7ad6644a90a0bad0400e" PRIMARY KEY ("action_id", "partner_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "solidarity_action_partners_partner_idx" ON "solidarity_action_partners" ("partner_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "solidarity_action_defenders"
            ADD CONSTRAINT "FK_a3c2d30682e7c3e76613547e589" FOREIGN KEY ("action_id") REFERENCES "solidarity_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "solidarity_action_defenders"
            ADD CONSTRAINT "FK_fd24cf4709a5d02f170a6e0d574" FOREIGN KEY ("defender_id") REFERENCES "defenders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "solidarity_action_partners"
            ADD CONSTRAINT "FK_a3b7380e7d798fced9ddd46f0cc" FOREIGN KEY ("action_id") REFERENCES "solidarity_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "solidarity_action_partners"
            ADD CONSTRAINT "FK_35807940f1e50f731c2147b1b29" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "solidarity_action_partners" DROP CONSTRAINT "FK_35807940f1e50f731c2147b1b29"
        `);
    await queryRunner.query(`
            ALTER TABLE "solidarity_action_partners" DROP CONSTRAINT "FK_a3b7380e7d798fced9ddd46f0cc"
        `);
    await queryRunner.query(`
            ALTER TABLE "solidarity_action_defenders" DROP CONSTRAINT "FK_fd24cf4709a5d02f170a6e0d574"
        `);
    await queryRunner.query(`
            ALTER TABLE "solidarity_action_defenders" DROP CONSTRAINT "FK_a3c2d30682e7c3e76613547e589"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."solidarity_action_partners_partner_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "solidarity_action_partners"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."solidarity_action_defenders_defender_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "solidarity_action_defenders"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."solidarity_actions_starts_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "solidarity_actions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."partners_name_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "partners"
        `);
  }
}
