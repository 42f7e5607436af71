import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dossier annexes (issue 10): `escalation_annexes`, the documents an escalation chooses to go
 * with it, in order, each pinned to the version chosen; and `dossier_annexes`, the set copied
 * onto a dossier when it is requested, with the number each carries in the rendered dossier
 * (`annex_no`, null when it was no longer there to list), so a bundle matches its dossier.
 */
export class DossierAnnexes1795918865378 implements MigrationInterface {
  name = 'DossierAnnexes1795918865378';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "escalation_annexes" (
                "escalation_id" uuid NOT NULL,
                "document_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "document_version_id" uuid NOT NULL,
                "chosen_by" uuid,
                "chosen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "escalation_annexes_position_check" CHECK (position >= 1),
                CONSTRAINT "PK_3b2927a3b3267b11c370a7b3ac9" PRIMARY KEY ("escalation_id", "document_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "escalation_annexes_document_idx" ON "escalation_annexes" ("document_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "escalation_annexes_position_key" ON "escalation_annexes" ("escalation_id", "position")
        `);
    await queryRunner.query(`
            CREATE TABLE "dossier_annexes" (
                "dossier_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "document_id" uuid NOT NULL,
                "document_version_id" uuid NOT NULL,
                "annex_no" integer,
                CONSTRAINT "dossier_annexes_annex_no_check" CHECK (
                    annex_no IS NULL
                    OR annex_no >= 1
                ),
                CONSTRAINT "dossier_annexes_position_check" CHECK (position >= 1),
                CONSTRAINT "PK_7160b3adaab3951a66b7db4e45f" PRIMARY KEY ("dossier_id", "position")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "dossier_annexes_document_idx" ON "dossier_annexes" ("document_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_annexes"
            ADD CONSTRAINT "FK_e5419dea898b3134fd4f784140a" FOREIGN KEY ("escalation_id") REFERENCES "escalations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_annexes"
            ADD CONSTRAINT "FK_0a3d449191da2548c06531beefc" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_annexes"
            ADD CONSTRAINT "FK_6401dc7962b25245f1c21db1170" FOREIGN KEY ("document_version_id") REFERENCES "document_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dossier_annexes"
            ADD CONSTRAINT "FK_8a1ec244ecb79b17cc9e1448510" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dossier_annexes"
            ADD CONSTRAINT "FK_a1feac324cbf3fe1bfefb5e685c" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dossier_annexes"
            ADD CONSTRAINT "FK_b214152abfcde9921b2c05bbfde" FOREIGN KEY ("document_version_id") REFERENCES "document_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossier_annexes" DROP CONSTRAINT "FK_b214152abfcde9921b2c05bbfde"
        `);
    await queryRunner.query(`
            ALTER TABLE "dossier_annexes" DROP CONSTRAINT "FK_a1feac324cbf3fe1bfefb5e685c"
        `);
    await queryRunner.query(`
            ALTER TABLE "dossier_annexes" DROP CONSTRAINT "FK_8a1ec244ecb79b17cc9e1448510"
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_annexes" DROP CONSTRAINT "FK_6401dc7962b25245f1c21db1170"
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_annexes" DROP CONSTRAINT "FK_0a3d449191da2548c06531beefc"
        `);
    await queryRunner.query(`
            ALTER TABLE "escalation_annexes" DROP CONSTRAINT "FK_e5419dea898b3134fd4f784140a"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dossier_annexes_document_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "dossier_annexes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."escalation_annexes_position_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."escalation_annexes_document_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "escalation_annexes"
        `);
  }
}
