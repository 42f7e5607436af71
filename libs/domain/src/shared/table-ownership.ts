/**
 * Who owns which table: each table belongs to one feature, and only its owner queries it.
 * Another feature reads it through a read model (a view created by a migration, listed
 * under its reading feature) or through the owner's public face (its index.ts).
 * `table-ownership.spec.ts` scans the domain's SQL and repository use against this map;
 * docs/architecture.md ("Who owns which table") points here.
 */
export const TABLE_OWNERS = {
  platform: {
    tables: ['audit_events', 'audit_chain_head', 'outbox', 'migrations'],
    readModels: [],
  },
  users: { tables: ['users'], readModels: [] },
  auth: { tables: ['sessions', 'login_failures'], readModels: [] },
  access: { tables: ['defender_assignees'], readModels: [] },
  defenders: { tables: ['defenders'], readModels: ['defender_consent_facts'] },
  detention: { tables: ['detention_events'], readModels: [] },
  consents: { tables: ['consents'], readModels: ['public_naming_co_defenders'] },
  milestones: { tables: ['milestones'], readModels: [] },
  notifications: {
    tables: ['deliveries', 'notifications', 'notification_preferences'],
    readModels: ['reminder_milestones', 'reminder_recipients', 'reminder_cases'],
  },
  escalations: {
    tables: [
      'escalations',
      'escalation_defenders',
      'escalation_partners',
      'escalation_transitions',
      'escalation_reference_counters',
    ],
    readModels: [],
  },
  solidarity: {
    tables: [
      'solidarity_actions',
      'solidarity_action_defenders',
      'solidarity_action_partners',
      'partners',
    ],
    readModels: [],
  },
  documents: { tables: ['documents', 'document_versions'], readModels: [] },
  dossiers: {
    tables: ['dossiers', 'dossier_annexes', 'escalation_annexes'],
    readModels: ['annex_versions', 'annex_escalation_cases'],
  },
  publication: {
    tables: ['publications'],
    readModels: [
      'public_profile_cases',
      'public_profile_photos',
      'public_profile_charges',
      'public_profile_actions',
    ],
  },
  reports: { tables: [], readModels: [] },
  'un-calendar': {
    tables: ['un_calendar_entries', 'un_calendar_deadlines'],
    readModels: [
      'un_calendar_cases',
      'un_calendar_escalations',
      'un_calendar_escalation_cases',
      'un_calendar_milestones',
    ],
  },
  'calendar-feeds': { tables: ['calendar_feeds'], readModels: ['calendar_feed_owners'] },
} as const satisfies Record<string, { tables: readonly string[]; readModels: readonly string[] }>;

export type TableOwner = keyof typeof TABLE_OWNERS;

/** The feature owning a table or read model, or undefined for a name that is neither. */
export function ownerOfTable(name: string): TableOwner | undefined {
  for (const [feature, owned] of Object.entries(TABLE_OWNERS) as [
    TableOwner,
    { tables: readonly string[]; readModels: readonly string[] },
  ][]) {
    if (owned.tables.includes(name) || owned.readModels.includes(name)) return feature;
  }
  return undefined;
}
