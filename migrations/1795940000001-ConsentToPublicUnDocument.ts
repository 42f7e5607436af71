import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consent purpose for being named in a public UN document (a WGAD opinion, the Special
 * Procedures' communications report, the Secretary-General's reprisals report), checked
 * before a submission to a mechanism that publishes names.
 */
export class ConsentToPublicUnDocument1795940000001 implements MigrationInterface {
  name = 'ConsentToPublicUnDocument1795940000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "consents_purpose_check"`);
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "consents_purpose_check" CHECK (purpose IN ('public_profile', 'photo', 'un_submission', 'name_family_members', 'public_un_document'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM consents WHERE purpose = 'public_un_document'`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "consents_purpose_check"`);
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "consents_purpose_check" CHECK (purpose IN ('public_profile', 'photo', 'un_submission', 'name_family_members'))`,
    );
  }
}
