import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Private calendar feeds: one row per user, holding only the SHA-256 of the secret in the
 * feed's URL (cleared when revoked; the check keeps "revoked" and "has a secret" exclusive).
 */
export class CalendarFeeds1795917569962 implements MigrationInterface {
  name = 'CalendarFeeds1795917569962';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "calendar_feeds" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "secret_hash" character(64),
                "include_names" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "rotated_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "calendar_feeds_revoked_check" CHECK (
                    (
                        secret_hash IS NULL
                        AND revoked_at IS NOT NULL
                    )
                    OR (
                        secret_hash IS NOT NULL
                        AND revoked_at IS NULL
                    )
                ),
                CONSTRAINT "PK_045067d8bb57f971f3c5426ea71" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "calendar_feeds_user_key" ON "calendar_feeds" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "calendar_feeds_secret_hash_key" ON "calendar_feeds" ("secret_hash")
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_feeds"
            ADD CONSTRAINT "FK_3212ce9ff23847e66347a6730d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_3212ce9ff23847e66347a6730d3"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."calendar_feeds_secret_hash_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."calendar_feeds_user_key"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_feeds"
        `);
  }
}
