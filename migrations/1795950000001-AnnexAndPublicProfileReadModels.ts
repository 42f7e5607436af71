import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * More read models (see migrations/1795950000000-FeatureReadModels.ts): the dossiers' annexes
 * and the public profiles read other features' data through these views, owned by the
 * reading feature (libs/domain/src/shared/table-ownership.ts). Views hold no `*_enc` column.
 */
const VIEWS: { name: string; sql: string }[] = [
  // dossiers/: a document version as an annex lists it (its document, whether its case is
  // archived), and the cases of an escalation, to flag an annex whose case left it.
  {
    name: 'annex_versions',
    sql: `
      SELECT v.id AS version_id, v.document_id, d.defender_id, d.title, d.kind, d.language,
             d.document_date, d.confidential, d.deleted_at, d.current_version_no,
             def.archived_at AS case_archived_at, v.version_no, v.scan, v.file_name, v.file_type,
             v.content_type, v.size_bytes, v.created_at
        FROM document_versions v
        JOIN documents d ON d.id = v.document_id
        JOIN defenders def ON def.id = d.defender_id`,
  },
  {
    name: 'annex_escalation_cases',
    sql: `SELECT escalation_id, defender_id FROM escalation_defenders`,
  },
  // publication/: what a public profile shows of its case, its chosen photo (the document's
  // current version), its timeline's charges and its public solidarity actions. The profile
  // still decides what is public; these only read.
  {
    name: 'public_profile_cases',
    sql: `SELECT id, country, hrd_focus, status, detained_since, access, archived_at FROM defenders`,
  },
  {
    name: 'public_profile_photos',
    sql: `
      SELECT d.id AS document_id, d.defender_id, d.kind, d.confidential, d.deleted_at,
             v.id AS version_id, v.version_no, v.file_type, v.metadata_removed, v.stored_sha256,
             v.width, v.height
        FROM documents d
        LEFT JOIN document_versions v ON v.document_id = d.id AND v.version_no = d.current_version_no`,
  },
  {
    name: 'public_profile_charges',
    sql: `SELECT id, defender_id, type, occurred_on, seq, charges, legal_basis FROM detention_events`,
  },
  {
    // An action that also concerns a restricted case is left out: one hidden case hides it.
    name: 'public_profile_actions',
    sql: `
      SELECT sad.defender_id, a.id, a.title, a.type, a.starts_on, a.ends_on, a.links
        FROM solidarity_actions a
        JOIN solidarity_action_defenders sad ON sad.action_id = a.id
       WHERE a.is_public AND a.status <> 'cancelled'
         AND NOT EXISTS (SELECT 1 FROM solidarity_action_defenders o
                           JOIN defenders od ON od.id = o.defender_id
                          WHERE o.action_id = a.id AND od.access = 'restricted')`,
  },
];

export class AnnexAndPublicProfileReadModels1795950000001 implements MigrationInterface {
  name = 'AnnexAndPublicProfileReadModels1795950000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const v of VIEWS) await queryRunner.query(`CREATE VIEW "${v.name}" AS ${v.sql}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const v of [...VIEWS].reverse()) await queryRunner.query(`DROP VIEW "${v.name}"`);
  }
}
