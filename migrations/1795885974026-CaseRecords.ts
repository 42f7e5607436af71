import { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseRecords1795885974026 implements MigrationInterface {
  name = 'CaseRecords1795885974026';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "defenders" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "full_name" character varying(200) NOT NULL,
                "other_names" text array NOT NULL DEFAULT '{}',
                "sex" character varying(20),
                "birth_date" date,
                "birth_year" smallint,
                "nationality" character(2),
                "country" character(2) NOT NULL,
                "profession" character varying(200),
                "organisation" character varying(200),
                "hrd_focus" text array NOT NULL DEFAULT '{}',
                "summary" character varying(1000),
                "story" text,
                "risk_level" character varying(10),
                "access" character varying(12) NOT NULL DEFAULT 'standard',
                "tags" text array NOT NULL DEFAULT '{}',
                "status" character varying(30) NOT NULL DEFAULT 'unknown',
                "detained_since" date,
                "closed_detention_days" integer NOT NULL DEFAULT '0',
                "last_event_at" TIMESTAMP WITH TIME ZONE,
                "archived_at" TIMESTAMP WITH TIME ZONE,
                "search_vector" tsvector,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "defenders_birth_year_check" CHECK (
                    birth_year IS NULL
                    OR birth_year BETWEEN 1900 AND 2100
                ),
                CONSTRAINT "defenders_country_check" CHECK (country ~ '^[A-Z]{2}$'),
                CONSTRAINT "defenders_focus_check" CHECK (
                    hrd_focus <@ ARRAY ['journalist', 'lawyer', 'environmental', 'land_rights', 'womens_rights', 'lgbtqi_rights', 'labour_rights', 'student', 'indigenous_rights', 'minority_rights', 'pro_democracy', 'other']::text []
                ),
                CONSTRAINT "defenders_status_check" CHECK (
                    status IN (
                        'detained',
                        'conditionally_released',
                        'released',
                        'disappeared',
                        'deceased',
                        'unknown'
                    )
                ),
                CONSTRAINT "defenders_access_check" CHECK (access IN ('standard', 'restricted')),
                CONSTRAINT "defenders_risk_check" CHECK (
                    risk_level IS NULL
                    OR risk_level IN ('low', 'medium', 'high', 'critical')
                ),
                CONSTRAINT "defenders_sex_check" CHECK (
                    sex IS NULL
                    OR sex IN (
                        'female',
                        'male',
                        'non_binary',
                        'other',
                        'undisclosed'
                    )
                ),
                CONSTRAINT "PK_bc5b2eec03b6bb3668f33651dc2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "defenders_status_idx" ON "defenders" ("status", "seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "defenders_country_idx" ON "defenders" ("country", "seq")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "defenders_list_idx" ON "defenders" ("seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "detention_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "defender_id" uuid NOT NULL,
                "type" character varying(30) NOT NULL,
                "occurred_on" date NOT NULL,
                "description" text,
                "place" character varying(300),
                "authority" character varying(300),
                "legal_basis" character varying(1000),
                "charges" text array NOT NULL DEFAULT '{}',
                "sentence" character varying(500),
                "source" character varying(1000),
                "verification" character varying(15) NOT NULL DEFAULT 'unverified',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "detention_events_verification_check" CHECK (
                    verification IN ('unverified', 'corroborated', 'confirmed')
                ),
                CONSTRAINT "detention_events_type_check" CHECK (
                    type IN (
                        'arrest',
                        'charge',
                        'hearing',
                        'trial',
                        'verdict',
                        'sentence',
                        'appeal',
                        'transfer',
                        'hunger_strike',
                        'health_concern',
                        'ill_treatment',
                        'visit_denied',
                        'release',
                        'conditional_release',
                        'rearrest',
                        'disappearance',
                        'death',
                        'other'
                    )
                ),
                CONSTRAINT "PK_4d08c060f8e2a1f9188f1c4f974" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "detention_events_defender_idx" ON "detention_events" ("defender_id", "occurred_on", "seq")
        `);
    await queryRunner.query(`
            ALTER TABLE "detention_events"
            ADD CONSTRAINT "FK_eb77b52d401c1677a1148cafd45" FOREIGN KEY ("defender_id") REFERENCES "defenders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "detention_events" DROP CONSTRAINT "FK_eb77b52d401c1677a1148cafd45"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."detention_events_defender_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "detention_events"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."defenders_list_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."defenders_country_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."defenders_status_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "defenders"
        `);
  }
}
