import {
  isDeprivedOfLiberty,
  openEpisodeDays,
  type DefenderStatus,
  type EventType,
} from '../shared/detention-status';
import type { DocumentKind } from '../documents';
import type { ActionType } from '../solidarity';
import type { HrdFocus } from '../shared/vocabulary';
import { namesAny, withholdNames } from '../shared/withheld-names';
import {
  photoDocumentProblem,
  publicPhotoSize,
  publicPhotoToken,
  type PhotoDocumentFacts,
  type PublicPhotoRef,
} from './public-photo';

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

/**
 * The profile's photo. A photo from the case's documents is served by the feed itself
 * (`/public/v1/defenders/:slug/photo?v=…`, with the size of that copy); a photo given by
 * address has only `url` and `alt`.
 */
export interface PublicPhoto {
  url: string;
  width?: number;
  height?: number;
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
  /**
   * The chosen photo document and the facts about it and its current version that decide
   * whether it is shown (`photoDocumentProblem`); its ids only name the public copy.
   */
  photo_document_id: string | null;
  photo_alt: string | null;
  photo_defender_id: string | null;
  photo_kind: DocumentKind | null;
  photo_confidential: boolean | null;
  photo_deleted: boolean | null;
  photo_file_type: string | null;
  photo_metadata_removed: boolean | null;
  photo_version_id: string | null;
  photo_version_no: number | null;
  photo_sha256: string | null;
  photo_width: number | null;
  photo_height: number | null;
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
         p.photo, p.photo_document_id, p.photo_alt,
         pd.defender_id AS photo_defender_id, pd.kind AS photo_kind,
         pd.confidential AS photo_confidential, pd.deleted_at IS NOT NULL AS photo_deleted,
         pd.file_type AS photo_file_type, pd.metadata_removed AS photo_metadata_removed,
         pd.version_id AS photo_version_id, pd.version_no AS photo_version_no,
         pd.stored_sha256 AS photo_sha256, pd.width AS photo_width, pd.height AS photo_height,
         p.published_at, p.updated_at,
         d.country, d.hrd_focus, d.status, d.detained_since::text AS detained_since,
         d.access, d.archived_at
    FROM publications p JOIN public_profile_cases d ON d.id = p.defender_id
    LEFT JOIN public_profile_photos pd ON pd.document_id = p.photo_document_id`;

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
    FROM public_profile_charges e JOIN publications p ON p.defender_id = e.defender_id
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
    SELECT a.defender_id, a.title, a.type, a.starts_on::text AS starts_on,
           a.ends_on::text AS ends_on, a.links,
           row_number() OVER (PARTITION BY a.defender_id ORDER BY a.starts_on DESC, a.id) AS n
      FROM public_profile_actions a
     WHERE a.defender_id = ANY($1::uuid[])
  ) x WHERE n <= ${PUBLIC_ACTIONS_PER_PROFILE}
  ORDER BY starts_on DESC`;

/**
 * Status and days in detention as the case record shows them (`toDefenderView`): days are
 * counted only while an episode is open (detained, disappeared or under house arrest), from the
 * cached start.
 */
function detention(row: PublicSourceRow, today: string) {
  const open = row.detained_since !== null && isDeprivedOfLiberty(row.status);
  return {
    status: row.status,
    detainedSince: open ? row.detained_since : null,
    daysDetained: open ? openEpisodeDays(row.detained_since as string, today) : null,
  };
}

/** The facts about the chosen photo document, as `photoDocumentProblem` reads them. */
export function photoFactsOf(row: PublicSourceRow): PhotoDocumentFacts | null {
  if (!row.photo_document_id || row.photo_defender_id === null) return null;
  return {
    defenderId: row.photo_defender_id,
    kind: row.photo_kind as DocumentKind,
    confidential: row.photo_confidential !== false,
    deleted: row.photo_deleted !== false,
    fileType: row.photo_file_type ?? '',
    metadataRemoved: row.photo_metadata_removed === true,
  };
}

/**
 * The public copy of the chosen photo document, if the public may see it: the photo consent
 * in force and the document still a live, non-confidential photo of this defender.
 */
export function publicPhotoRefOf(
  row: PublicSourceRow,
  photoConsented: boolean,
): PublicPhotoRef | null {
  if (!photoConsented || !row.photo_document_id) return null;
  if (photoDocumentProblem(photoFactsOf(row), row.defender_id) !== null) return null;
  if (!row.photo_version_id || !row.photo_sha256 || !row.photo_width || !row.photo_height)
    return null;
  return {
    documentId: row.photo_document_id,
    versionNo: Number(row.photo_version_no),
    token: publicPhotoToken(row.photo_version_id, row.photo_sha256),
    ...publicPhotoSize(row.photo_width, row.photo_height),
  };
}

/** Where the feed serves a profile's photo (`baseUrl`: PUBLIC_BASE_URL, no trailing slash). */
export function publicPhotoUrl(baseUrl: string, slug: string, token: string): string {
  return `${baseUrl}/public/v1/defenders/${slug}/photo?v=${token}`;
}

/**
 * The photo the public sees: the chosen photo document (when it may be shown), else a photo
 * given by address, and nothing without the photo consent in force. The alt text is the
 * coordinator's or names only the public display name: never the document's title.
 */
function publicPhotoOf(
  row: PublicSourceRow,
  photoConsented: boolean,
  baseUrl: string,
): PublicPhoto | null {
  if (!photoConsented) return null;
  if (row.photo_document_id) {
    const ref = publicPhotoRefOf(row, photoConsented);
    if (!ref) return null;
    return {
      url: publicPhotoUrl(baseUrl, row.slug, ref.token),
      width: ref.width,
      height: ref.height,
      alt: row.photo_alt ?? defaultPhotoAlt(row.display_name),
    };
  }
  return row.photo ? { url: row.photo.url, alt: row.photo.alt } : null;
}

export function defaultPhotoAlt(displayName: string): string {
  return `Photo of ${displayName}`;
}

/**
 * The list entry. `photoConsented`: the photo consent in force right now; `baseUrl`: the
 * public base URL the feed's own addresses start with; `withheld`: names of co-defenders the
 * public may not read (`withheldCoDefenderNames`), masked in every text shown.
 */
export function buildPublicSummary(
  row: PublicSourceRow,
  photoConsented: boolean,
  today: string,
  baseUrl: string,
  withheld: readonly string[] = [],
): PublicProfileSummary {
  const d = detention(row, today);
  const photo = publicPhotoOf(row, photoConsented, baseUrl);
  return {
    slug: row.slug,
    displayName: withholdNames(row.display_name, withheld),
    country: row.country,
    focus: [...(row.hrd_focus ?? [])],
    publicSummary: withholdNames(row.public_summary, withheld),
    photo: photo && { ...photo, alt: withholdNames(photo.alt, withheld) },
    status: d.status,
    detainedSince: d.detainedSince,
    daysDetained: d.daysDetained,
  };
}

/**
 * The full public profile. A co-defender the public may not read (`withheld`) is named
 * nowhere: not in the story, nor in an action's title, nor in a link (left out).
 */
export function buildPublicProfile(
  row: PublicSourceRow,
  photoConsented: boolean,
  charges: readonly PublicChargeRow[],
  actions: readonly PublicActionRow[],
  today: string,
  baseUrl: string,
  withheld: readonly string[] = [],
): PublicProfile {
  return {
    ...buildPublicSummary(row, photoConsented, today, baseUrl, withheld),
    publicStory: row.public_story === null ? null : withholdNames(row.public_story, withheld),
    charges: charges.map((c) => ({
      date: c.occurred_on,
      type: c.type,
      charges: [...(c.charges ?? [])],
      legalBasis: c.legal_basis,
    })),
    solidarityActions: actions.map((a) => ({
      title: withholdNames(a.title, withheld),
      type: a.type,
      startsOn: a.starts_on,
      endsOn: a.ends_on,
      links: (a.links ?? []).filter((l) => !namesAny(l, withheld)),
    })),
  };
}
