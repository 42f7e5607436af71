import {
  openEpisodeDays,
  type DefenderStatus,
  type EventType,
} from '../detention/detention-status';
import type { ActionType } from '../solidarity/solidarity.entity';
import type { HrdFocus } from '../shared/vocabulary';

/**
 * The public edition of a featured profile: THE allow-list. Everything the public feed, its
 * Atom entries and the coordinators' preview show is built here, field by field, from
 * columns selected by name (`PUBLIC_SOURCE_SQL`, `PUBLIC_CHARGE_SQL`, `PUBLIC_ACTION_SQL`).
 * Nothing is spread from an entity, so a column added to a case record later can never
 * reach the public by accident. Contacts, confidential notes, sources and source
 * identities, notes, tags, other names, birth dates, assignees and internal ids are never
 * selected at all.
 */

/** Timeline events whose charges and legal basis a coordinator may clear for publication. */
export const PUBLIC_CHARGE_EVENT_TYPES: readonly EventType[] = [
  'arrest',
  'rearrest',
  'charge',
  'verdict',
  'sentence',
  'appeal',
];

export interface PublicPhoto {
  url: string;
  alt: string;
}

/** A charge cleared for publication: the accusation and the law used, and when. */
export interface PublicCharge {
  date: string;
  type: EventType;
  charges: string[];
  legalBasis: string | null;
}

export interface PublicSolidarityAction {
  title: string;
  type: ActionType;
  startsOn: string;
  endsOn: string | null;
  links: string[];
}

/** One profile in the public list. */
export interface PublicProfileSummary {
  slug: string;
  displayName: string;
  country: string;
  focus: HrdFocus[];
  publicSummary: string;
  photo: PublicPhoto | null;
  status: DefenderStatus;
  detainedSince: string | null;
  daysDetained: number | null;
}

/** One profile in full (detail, preview, Atom content). */
export interface PublicProfile extends PublicProfileSummary {
  publicStory: string | null;
  charges: PublicCharge[];
  solidarityActions: PublicSolidarityAction[];
}

/** The columns a public query may read (aliases: `p` publications, `d` defenders). */
export interface PublicSourceRow {
  /** For joins and the consent check only; never shown. */
  defender_id: string;
  slug: string;
  featured: boolean;
  display_name: string;
  public_summary: string;
  public_story: string | null;
  photo: PublicPhoto | null;
  published_at: Date | null;
  updated_at: Date;
  country: string;
  hrd_focus: HrdFocus[];
  status: DefenderStatus;
  detained_since: string | null;
  access: string;
  archived_at: Date | null;
}

export const PUBLIC_SOURCE_SQL = `
  SELECT p.defender_id, p.slug, p.featured, p.display_name, p.public_summary, p.public_story,
         p.photo, p.published_at, p.updated_at,
         d.country, d.hrd_focus, d.status, d.detained_since::text AS detained_since,
         d.access, d.archived_at
    FROM publications p JOIN defenders d ON d.id = p.defender_id`;

export interface PublicChargeRow {
  defender_id: string;
  type: EventType;
  occurred_on: string;
  charges: string[];
  legal_basis: string | null;
}

/**
 * Cleared charges of the given defenders ($1 uuid[]) that still exist on the timeline, are of
 * a charge-like type and have happened by $2 (today).
 */
export const PUBLIC_CHARGE_SQL = `
  SELECT e.defender_id, e.type, e.occurred_on::text AS occurred_on, e.charges, e.legal_basis
    FROM detention_events e JOIN publications p ON p.defender_id = e.defender_id
   WHERE e.defender_id = ANY($1::uuid[]) AND e.id = ANY(p.public_charge_event_ids)
     AND e.type = ANY($3::text[]) AND e.occurred_on <= $2::date
   ORDER BY e.occurred_on, e.seq`;

export interface PublicActionRow {
  defender_id: string;
  title: string;
  type: ActionType;
  starts_on: string;
  ends_on: string | null;
  links: string[];
}

/** Most public actions shown on one profile (the most recent ones). */
export const PUBLIC_ACTIONS_PER_PROFILE = 50;

/**
 * Public, not cancelled solidarity actions of the given defenders ($1 uuid[]). An action that
 * also concerns a restricted case is left out, as it is for a viewer: one hidden case hides it.
 */
export const PUBLIC_ACTION_SQL = `
  SELECT defender_id, title, type, starts_on, ends_on, links FROM (
    SELECT sad.defender_id, a.title, a.type, a.starts_on::text AS starts_on,
           a.ends_on::text AS ends_on, a.links,
           row_number() OVER (PARTITION BY sad.defender_id ORDER BY a.starts_on DESC, a.id) AS n
      FROM solidarity_actions a
      JOIN solidarity_action_defenders sad ON sad.action_id = a.id
     WHERE sad.defender_id = ANY($1::uuid[]) AND a.is_public AND a.status <> 'cancelled'
       AND NOT EXISTS (SELECT 1 FROM solidarity_action_defenders o
                         JOIN defenders od ON od.id = o.defender_id
                        WHERE o.action_id = a.id AND od.access = 'restricted')
  ) x WHERE n <= ${PUBLIC_ACTIONS_PER_PROFILE}
  ORDER BY starts_on DESC`;

/**
 * Status and days in detention as the case record shows them (`toDefenderView`): days are
 * counted only while an episode is open (detained or disappeared), from the cached start.
 */
function detention(row: PublicSourceRow, today: string) {
  const open =
    row.detained_since !== null && (row.status === 'detained' || row.status === 'disappeared');
  return {
    status: row.status,
    detainedSince: open ? row.detained_since : null,
    daysDetained: open ? openEpisodeDays(row.detained_since as string, today) : null,
  };
}

/** The list entry. `photoConsented`: the photo consent in force right now. */
export function buildPublicSummary(
  row: PublicSourceRow,
  photoConsented: boolean,
  today: string,
): PublicProfileSummary {
  const d = detention(row, today);
  return {
    slug: row.slug,
    displayName: row.display_name,
    country: row.country,
    focus: [...(row.hrd_focus ?? [])],
    publicSummary: row.public_summary,
    photo: photoConsented && row.photo ? { url: row.photo.url, alt: row.photo.alt } : null,
    status: d.status,
    detainedSince: d.detainedSince,
    daysDetained: d.daysDetained,
  };
}

/** The full public profile. */
export function buildPublicProfile(
  row: PublicSourceRow,
  photoConsented: boolean,
  charges: readonly PublicChargeRow[],
  actions: readonly PublicActionRow[],
  today: string,
): PublicProfile {
  return {
    ...buildPublicSummary(row, photoConsented, today),
    publicStory: row.public_story,
    charges: charges.map((c) => ({
      date: c.occurred_on,
      type: c.type,
      charges: [...(c.charges ?? [])],
      legalBasis: c.legal_basis,
    })),
    solidarityActions: actions.map((a) => ({
      title: a.title,
      type: a.type,
      startsOn: a.starts_on,
      endsOn: a.ends_on,
      links: [...(a.links ?? [])],
    })),
  };
}
