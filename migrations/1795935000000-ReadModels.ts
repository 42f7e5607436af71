import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models: views through which a feature reads what another feature owns, so no feature
 * queries another's tables (docs/architecture.md, "Who owns which table").
 * - defender_consent_facts: the consent ledger as the case record reads it (its view shows
 *   the consent in force per purpose). Owned by defenders/; the ledger by consents/.
 */
export class ReadModels1795935000000 implements MigrationInterface {
  name = 'ReadModels1795935000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE VIEW "defender_consent_facts" AS
      SELECT defender_id, purpose, decision, decided_on, expires_on, seq FROM consents`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "defender_consent_facts"`);
  }
}
