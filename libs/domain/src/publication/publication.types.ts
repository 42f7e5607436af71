import type { HrdFocus } from '../shared/vocabulary';
import type { PublicPhoto } from './public-profile';
import type { UnpublishReason } from './publication.entity';

/** What a coordinator sets. Fields left out keep their current value (or default). */
export interface PublicationInput {
  featured: boolean;
  /** Defaults to the defender's full name when the publication is first saved. */
  displayName?: string;
  publicSummary?: string;
  publicStory?: string | null;
  photo?: PublicPhoto | null;
  /**
   * A `photo` document of this defender (live, not confidential) as the public photo; null
   * removes it. Choosing one needs the current photo consent; it replaces a photo by address.
   */
  photoDocumentId?: string | null;
  /** Text alternative of the photo document (default: "Photo of <display name>"). */
  photoAlt?: string | null;
  publicChargeEventIds?: string[];
}

export type PublicationBlockerCode =
  | 'consent_required'
  | 'photo_consent_required'
  | 'photo_unavailable'
  | 'defender_restricted'
  | 'defender_archived';

/** Why the public feed does not (or would not) show a profile, or leaves its photo out. */
export interface PublicationBlocker {
  code: PublicationBlockerCode;
  message: string;
}

export interface PublicationView {
  defenderId: string;
  slug: string;
  featured: boolean;
  /** The public feed shows it right now: featured, and every condition still holds. */
  live: boolean;
  publicUrl: string;
  displayName: string;
  publicSummary: string;
  publicStory: string | null;
  photo: PublicPhoto | null;
  photoDocumentId: string | null;
  photoAlt: string | null;
  publicChargeEventIds: string[];
  firstFeaturedAt: string | null;
  publishedAt: string | null;
  unpublishedAt: string | null;
  unpublishedReason: UnpublishReason | null;
  blockers: PublicationBlocker[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PublicListQuery {
  country?: string;
  focus?: HrdFocus;
  limit?: number;
  cursor?: string;
}

/** Preconditions of a PUT: `If-Match` for an existing publication, `If-None-Match: *` to create only. */
export interface PutPreconditions {
  ifMatch?: number;
  ifNoneMatchAny?: boolean;
}

/** A photo document a coordinator may choose for the public profile. */
export interface PhotoChoice {
  documentId: string;
  title: string;
  date: string | null;
  width: number | null;
  height: number | null;
}

export const PUBLIC_PAGE_DEFAULT = 20;
export const ATOM_MAX_ENTRIES = 100;
