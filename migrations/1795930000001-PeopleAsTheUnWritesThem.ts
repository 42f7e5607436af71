import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People as the UN questionnaires write them (issue 20): family and given names apart (the
 * full name stays the display name; existing records keep both empty rather than a guessed
 * split, and their dossiers say "Not known" for them), every nationality (the single
 * `nationality` becomes the first and only entry of `nationalities`), the human rights work
 * behind the arrest, and the address of usual residence, encrypted in the application.
 */
export class PeopleAsTheUnWritesThem1795930000001 implements MigrationInterface {
  name = 'PeopleAsTheUnWritesThem1795930000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "defenders" ADD "family_name" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "defenders" ADD "given_names" character varying(200)`);
    await queryRunner.query(
      `ALTER TABLE "defenders" ADD "nationalities" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `UPDATE "defenders" SET nationalities = ARRAY[upper(nationality)] WHERE nationality IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "defenders" DROP COLUMN "nationality"`);
    await queryRunner.query(
      `ALTER TABLE "defenders" ADD CONSTRAINT "defenders_nationalities_check" CHECK (array_to_string(nationalities, ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$')`,
    );
    await queryRunner.query(`ALTER TABLE "defenders" ADD "hrd_activity" character varying(2000)`);
    await queryRunner.query(`ALTER TABLE "defenders" ADD "usual_address_enc" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Going back keeps the first nationality and loses the rest, the split names and the
    // address.
    await queryRunner.query(`ALTER TABLE "defenders" DROP COLUMN "usual_address_enc"`);
    await queryRunner.query(`ALTER TABLE "defenders" DROP COLUMN "hrd_activity"`);
    await queryRunner.query(
      `ALTER TABLE "defenders" DROP CONSTRAINT "defenders_nationalities_check"`,
    );
    await queryRunner.query(`ALTER TABLE "defenders" ADD "nationality" character(2)`);
    await queryRunner.query(`UPDATE "defenders" SET nationality = nationalities[1]`);
    await queryRunner.query(`ALTER TABLE "defenders" DROP COLUMN "nationalities"`);
    await queryRunner.query(`ALTER TABLE "defenders" DROP COLUMN "given_names"`);
    await queryRunner.query(`ALTER TABLE "defenders" DROP COLUMN "family_name"`);
  }
}
