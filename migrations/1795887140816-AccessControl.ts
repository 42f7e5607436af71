import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessControl1795887140816 implements MigrationInterface {
  name = 'AccessControl1795887140816';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(254) NOT NULL,
                "name" character varying(200) NOT NULL,
                "role" character varying(12) NOT NULL,
                "time_zone" character varying(64) NOT NULL DEFAULT 'UTC',
                "active" boolean NOT NULL DEFAULT true,
                "password_hash" character varying(255) NOT NULL,
                "mfa_secret_enc" text,
                "mfa_enabled" boolean NOT NULL DEFAULT false,
                "mfa_last_step" bigint,
                "recovery_code_hashes" text array NOT NULL DEFAULT '{}',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "users_email_lower_check" CHECK (email = lower(email)),
                CONSTRAINT "users_role_check" CHECK (
                    role IN ('admin', 'coordinator', 'caseworker', 'viewer')
                ),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")
        `);
    await queryRunner.query(`
            CREATE TABLE "defender_assignees" (
                "defender_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "assigned_by" uuid,
                "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_c0845fbf81a16b0976e9e1410f1" PRIMARY KEY ("defender_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "defender_assignees_user_idx" ON "defender_assignees" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "mfa_pending" boolean NOT NULL DEFAULT false,
                "ip" character varying(64),
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "sessions_user_idx" ON "sessions" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "login_failures" (
                "id" BIGSERIAL NOT NULL,
                "email" character varying(254) NOT NULL,
                "ip" character varying(64),
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "login_failures_email_idx" ON "login_failures" ("email", "at")
        `);
    await queryRunner.query(`
            CREATE TABLE "consents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "defender_id" uuid NOT NULL,
                "purpose" character varying(30) NOT NULL,
                "decision" character varying(10) NOT NULL,
                "given_by" character varying(20) NOT NULL,
                "method" character varying(20) NOT NULL,
                "decided_on" date NOT NULL,
                "expires_on" date,
                "notes" character varying(1000),
                "recorded_by" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "consents_method_check" CHECK (
                    method IN ('written', 'oral', 'via_representative')
                ),
                CONSTRAINT "consents_given_by_check" CHECK (
                    given_by IN ('defender', 'family_member', 'lawyer', 'other')
                ),
                CONSTRAINT "consents_decision_check" CHECK (decision IN ('given', 'refused', 'revoked')),
                CONSTRAINT "consents_purpose_check" CHECK (
                    purpose IN (
                        'public_profile',
                        'photo',
                        'un_submission',
                        'name_family_members'
                    )
                ),
                CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "consents_defender_idx" ON "consents" ("defender_id", "purpose", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" BIGSERIAL NOT NULL,
                "chain_seq" bigint,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_id" uuid,
                "actor_role" character varying(20) NOT NULL,
                "action" character varying(60) NOT NULL,
                "entity_type" character varying(40) NOT NULL,
                "entity_id" character varying(64),
                "subject_id" uuid,
                "changes" jsonb,
                "request_id" character varying(64),
                "ip" character varying(64),
                "prev_hash" character(64),
                "hash" character(64),
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "audit_events_chain_key" ON "audit_events" ("chain_seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_at_idx" ON "audit_events" ("at")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_actor_idx" ON "audit_events" ("actor_id", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_subject_idx" ON "audit_events" ("subject_id", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_entity_idx" ON "audit_events" ("entity_type", "entity_id", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "defenders"
            ADD "contacts_enc" text
        `);
    await queryRunner.query(`
            ALTER TABLE "defenders"
            ADD "confidential_notes_enc" text
        `);
    await queryRunner.query(`
            ALTER TABLE "detention_events"
            ADD "source_identity_enc" text
        `);
    await queryRunner.query(`
            ALTER TABLE "defender_assignees"
            ADD CONSTRAINT "FK_9eeae3a4e5d3c322e9ca051b331" FOREIGN KEY ("defender_id") REFERENCES "defenders"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "defender_assignees"
            ADD CONSTRAINT "FK_2401b6364b9c17f7497ff782f0a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "consents"
            ADD CONSTRAINT "FK_0989169602a4ea1cad5508f21f7" FOREIGN KEY ("defender_id") REFERENCES "defenders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "consents" DROP CONSTRAINT "FK_0989169602a4ea1cad5508f21f7"
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"
        `);
    await queryRunner.query(`
            ALTER TABLE "defender_assignees" DROP CONSTRAINT "FK_2401b6364b9c17f7497ff782f0a"
        `);
    await queryRunner.query(`
            ALTER TABLE "defender_assignees" DROP CONSTRAINT "FK_9eeae3a4e5d3c322e9ca051b331"
        `);
    await queryRunner.query(`
            ALTER TABLE "detention_events" DROP COLUMN "source_identity_enc"
        `);
    await queryRunner.query(`
            ALTER TABLE "defenders" DROP COLUMN "confidential_notes_enc"
        `);
    await queryRunner.query(`
            ALTER TABLE "defenders" DROP COLUMN "contacts_enc"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_entity_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_subject_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_actor_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_at_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_chain_key"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."consents_defender_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "consents"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."login_failures_email_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "login_failures"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_user_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_token_hash_key"
        `);
    await queryRunner.query(`
            DROP TABLE "sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."defender_assignees_user_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "defender_assignees"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."users_email_key"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
  }
}
