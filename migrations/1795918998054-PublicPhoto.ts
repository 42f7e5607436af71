import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public profile's photo from the case's documents: the chosen `photo` document (the
 * feed serves a resized copy without metadata while it is live and not confidential) and its
 * text alternative. A profile has one photo: from its documents or by address (the check).
 */
export class PublicPhoto1795918998054 implements MigrationInterface {
  name = 'PublicPhoto1795918998054';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "publications"
            ADD "photo_document_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "publications"
            ADD "photo_alt" character varying(300)
        `);
    await queryRunner.query(`
            ALTER TABLE "publications"
            ADD CONSTRAINT "publications_one_photo_check" CHECK (
                    photo IS NULL
                    OR photo_document_id IS NULL
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "publications"
            ADD CONSTRAINT "FK_188870de0ab7cd4329778320286" FOREIGN KEY ("photo_document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "publications" DROP CONSTRAINT "FK_188870de0ab7cd4329778320286"
        `);
    await queryRunner.query(`
            ALTER TABLE "publications" DROP CONSTRAINT "publications_one_photo_check"
        `);
    await queryRunner.query(`
            ALTER TABLE "publications" DROP COLUMN "photo_alt"
        `);
    await queryRunner.query(`
            ALTER TABLE "publications" DROP COLUMN "photo_document_id"
        `);
  }
}
