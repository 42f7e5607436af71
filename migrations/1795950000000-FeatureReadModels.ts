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
