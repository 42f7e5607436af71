import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploads kept while the virus scanner is down (issue 25): a version may be `pending` (stored,
 * never served, scanned later by the worker) or `quarantined` (malware found then: its content
 * and its data key destroyed, hence a nullable data key). The existing states are kept.
 */
export class DocumentScanPending1795950100000 implements MigrationInterface {
  name = 'DocumentScanPending1795950100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "document_versions" DROP CONSTRAINT "document_versions_scan_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_scan_check" CHECK (scan IN ('clean', 'not_scanned', 'not_applicable', 'pending', 'quarantined'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_versions" ALTER COLUMN "data_key_enc" DROP NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Refused by PostgreSQL while a quarantined version exists (its data key is gone): the
    // old schema cannot describe it. Pending versions are left as they are (NOT VALID).
    await queryRunner.query(
      `ALTER TABLE "document_versions" DROP CONSTRAINT "document_versions_scan_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_scan_check" CHECK (scan IN ('clean', 'not_scanned', 'not_applicable')) NOT VALID`,
    );
    await queryRunner.query(
      `ALTER TABLE "document_versions" ALTER COLUMN "data_key_enc" SET NOT NULL`,
    );
  }
}
