import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a person chose for the web app (issue 22): en, fr or es; null until they
 * choose, when the browser's Accept-Language decides.
 */
export class UserLanguage1795940700000 implements MigrationInterface {
  name = 'UserLanguage1795940700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "language" character varying(2)`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_language_check" CHECK (language IN ('en', 'fr', 'es'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_language_check"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "language"`);
  }
}
