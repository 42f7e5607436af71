import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents and photos of cases (issue 10): `documents` (what describes a file: title, kind,
 * language, date, confidential, the encrypted source identity, soft deletion) and
 * `document_versions` (each uploaded file: sanitised name, type sniffed from the content,
 * sizes and SHA-256s, the random blob key of its encrypted content and thumbnail, and its data
 * key wrapped with the FieldCipher keyring).
 */
export class Documents1795917859434 implements MigrationInterface {
  name = 'Documents1795917859434';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "documents" (
                "id" uuid NOT NULL,
                "defender_id" uuid NOT NULL,
                "event_id" uuid,
                "escalation_id" uuid,
                "title" character varying(300) NOT NULL,
                "kind" character varying(30) NOT NULL,
                "language" character varying(35),
                "document_date" date,
                "confidential" boolean NOT NULL DEFAULT false,
                "source_identity_enc" text,
                "current_version_no" integer NOT NULL DEFAULT '1',
                "created_by" uuid,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "deleted_by" uuid,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "documents_kind_check" CHECK (
                    kind IN (
                        'warrant',
                        'charge_sheet',
                        'court_decision',
                        'medical',
                        'correspondence',
                        'photo',
                        'evidence',
                        'other'
                    )
                ),
                CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "documents_escalation_idx" ON "documents" ("escalation_id")
            WHERE escalation_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "documents_event_idx" ON "documents" ("event_id")
            WHERE event_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "documents_defender_idx" ON "documents" ("defender_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "document_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "document_id" uuid NOT NULL,
                "version_no" integer NOT NULL,
                "file_name" character varying(255) NOT NULL,
                "file_type" character varying(10) NOT NULL,
                "content_type" character varying(100) NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character(64) NOT NULL,
                "stored_sha256" character(64) NOT NULL,
                "blob_key" character varying(200) NOT NULL,
                "thumbnail_key" character varying(200),
                "data_key_enc" text NOT NULL,
                "width" integer,
                "height" integer,
                "scan" character varying(20) NOT NULL,
                "metadata_removed" boolean NOT NULL DEFAULT false,
                "uploaded_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "document_versions_type_check" CHECK (
                    file_type IN (
                        'pdf',
                        'jpeg',
                        'png',
                        'webp',
                        'docx',
                        'odt',
                        'txt'
                    )
                ),
                CONSTRAINT "document_versions_scan_check" CHECK (
                    scan IN ('clean', 'not_scanned', 'not_applicable')
                ),
                CONSTRAINT "PK_baf26dab035c6d6fc433f9dc6a2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "document_versions_sha256_idx" ON "document_versions" ("sha256")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "document_versions_document_no" ON "document_versions" ("document_id", "version_no")
        `);
    await queryRunner.query(`
            ALTER TABLE "documents"
            ADD CONSTRAINT "FK_8283c59ff15045b2a8185751a95" FOREIGN KEY ("defender_id") REFERENCES "defenders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "documents"
            ADD CONSTRAINT "FK_86e6381b8e972713593570b7091" FOREIGN KEY ("event_id") REFERENCES "detention_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "documents"
            ADD CONSTRAINT "FK_8ec3b1c61cbdcecf30e79a3badb" FOREIGN KEY ("escalation_id") REFERENCES "escalations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "document_versions"
            ADD CONSTRAINT "FK_ac75577bca976d6d581b0f459b6" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "document_versions" DROP CONSTRAINT "FK_ac75577bca976d6d581b0f459b6"
        `);
    await queryRunner.query(`
            ALTER TABLE "documents" DROP CONSTRAINT "FK_8ec3b1c61cbdcecf30e79a3badb"
        `);
    await queryRunner.query(`
            ALTER TABLE "documents" DROP CONSTRAINT "FK_86e6381b8e972713593570b7091"
        `);
    await queryRunner.query(`
            ALTER TABLE "documents" DROP CONSTRAINT "FK_8283c59ff15045b2a8185751a95"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."document_versions_document_no"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."document_versions_sha256_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "document_versions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."documents_defender_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."documents_event_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."documents_escalation_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "documents"
        `);
  }
}
