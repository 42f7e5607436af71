import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partners' ECOSOC consultative status (general, special, roster, none): Human Rights Council
 * written and oral statements are for organisations in consultative status. Existing partners
 * have none recorded until someone records it.
 */
export class PartnersEcosocStatus1795940000003 implements MigrationInterface {
  name = 'PartnersEcosocStatus1795940000003';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "partners" ADD "ecosoc_status" character varying(10) NOT NULL DEFAULT 'none'`,
    );
    await queryRunner.query(
      `ALTER TABLE "partners" ADD CONSTRAINT "partners_ecosoc_status_check" CHECK (ecosoc_status IN ('general', 'special', 'roster', 'none'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "partners" DROP CONSTRAINT "partners_ecosoc_status_check"`,
    );
    await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "ecosoc_status"`);
  }
}
