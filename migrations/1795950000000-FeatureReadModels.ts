import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models through which a feature reads what other features own (docs/architecture.md,
 * "Who owns which table"; the owners are listed in libs/domain/src/shared/table-ownership.ts).
 * Each view is named after what it answers and belongs to the feature that reads it; the
 * tables it shows stay their owners'. Views hold no `*_enc` column.
 */
const VIEWS: { name: string; sql: string }[] = [
  {
    // consents/: the co-defenders of a case (of its escalations, its solidarity actions and
    // its `group:` tags), as public naming judges them.
    name: 'public_naming_co_defenders',
    sql: `
      SELECT l.case_id, d.id, d.full_name, d.other_names, d.access FROM (
        SELECT s.defender_id AS case_id, o.defender_id AS other FROM escalation_defenders s
          JOIN escalation_defenders o ON o.escalation_id = s.escalation_id AND o.defender_id <> s.defender_id
        UNION
        SELECT s.defender_id, o.defender_id FROM solidarity_action_defenders s
          JOIN solidarity_action_defenders o ON o.action_id = s.action_id AND o.defender_id <> s.defender_id
        UNION
        SELECT fd.id, g.id FROM defenders fd
          JOIN defenders g ON g.id <> fd.id
           AND g.tags && ARRAY(SELECT t FROM unnest(fd.tags) t WHERE t LIKE 'group:%')
      ) l JOIN defenders d ON d.id = l.other`,
  },
  // notifications/: what a reminder says and whom it may reach, as it is planned and sent.
  {
    name: 'reminder_milestones',
    sql: `SELECT id, kind, title, due_at, all_day, status, defender_id, assignee_ids FROM milestones`,
  },
  { name: 'reminder_recipients', sql: `SELECT id, role, active, time_zone FROM users` },
  { name: 'reminder_cases', sql: `SELECT id, full_name, access FROM defenders` },
  // calendar-feeds/: whose feed it is, read each time a feed is fetched.
  { name: 'calendar_feed_owners', sql: `SELECT id, role, active FROM users` },
  // un-calendar/: the cases and escalations a session or deadline may concern, and the
  // milestones its sync keeps (derived by milestones/, through MilestoneSync).
  {
    name: 'un_calendar_cases',
    sql: `SELECT id, archived_at, status, country, access FROM defenders`,
  },
  {
    name: 'un_calendar_escalations',
    sql: `SELECT id, kind, state, owner_id, reply_due_on, hrc_session, mechanism FROM escalations`,
  },
  {
    name: 'un_calendar_escalation_cases',
    sql: `SELECT escalation_id, defender_id FROM escalation_defenders`,
  },
  {
    name: 'un_calendar_milestones',
    sql: `SELECT source, source_key, due_at, title, status, assignee_ids FROM milestones
           WHERE source = 'un_calendar'`,
  },
  // dossiers/: a document version as an annex lists it (its document, whether its case is
  // archived), and the cases of an escalation, to flag an annex whose case left it.
  {
    name: 'annex_versions',
    sql: `
      SELECT v.id AS version_id, v.document_id, d.defender_id, d.title, d.kind, d.language,
             d.document_date, d.confidential, d.deleted_at, d.current_version_no,
             def.archived_at AS case_archived_at, v.version_no, v.file_name, v.file_type,
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

export class FeatureReadModels1795950000000 implements MigrationInterface {
  name = 'FeatureReadModels1795950000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const v of VIEWS) await queryRunner.query(`CREATE VIEW "${v.name}" AS ${v.sql}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const v of [...VIEWS].reverse()) await queryRunner.query(`DROP VIEW "${v.name}"`);
  }
}
