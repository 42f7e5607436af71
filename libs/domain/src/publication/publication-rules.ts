import {
  AppError,
  assertVersion,
  ConflictError,
  PreconditionRequiredError,
  ValidationFailedError,
  type FieldError,
} from '@witness/platform';
import type { EntityManager } from 'typeorm';
import type { CurrentConsent, ConsentPurpose } from '../consents';
import type { Defender } from '../defenders';
import {
  photoDocumentProblem,
  photoDocumentProblemText,
  type PhotoDocumentFacts,
  type PhotoDocumentProblem,
} from './public-photo';
import { PUBLIC_CHARGE_EVENT_TYPES, type PublicPhoto } from './public-profile';
import type { Publication } from './publication.entity';
import type { PublicationInput, PutPreconditions } from './publication.types';
import { slugBase, uniqueSlug } from './slug';

// The rules a publication's change is checked against, and the facts they read.

/** The consent in force per purpose. */
export type Consents = Record<ConsentPurpose, CurrentConsent>;

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The stored fields as the audit trail compares them. */
export function auditable(p: Publication | null): Record<string, unknown> | null {
  if (!p) return null;
  return {
    slug: p.slug,
    featured: p.featured,
    displayName: p.displayName,
    publicSummary: p.publicSummary,
    publicStory: p.publicStory,
    photo: p.photo,
    photoDocumentId: p.photoDocumentId,
    photoAlt: p.photoAlt,
    publicChargeEventIds: p.publicChargeEventIds,
    firstFeaturedAt: iso(p.firstFeaturedAt),
    publishedAt: iso(p.publishedAt),
    unpublishedAt: iso(p.unpublishedAt),
    unpublishedReason: p.unpublishedReason,
  };
}

export function consentWord(state: CurrentConsent['state']): string {
  return state === 'none' ? 'not recorded' : state;
}

export function checkPreconditions(current: Publication | null, pre: PutPreconditions): void {
  if (current) {
    if (pre.ifNoneMatchAny) {
      throw new AppError(
        'precondition_failed',
        'This defender already has a publication: send If-Match with its ETag to change it.',
        { currentVersion: current.version },
      );
    }
    if (pre.ifMatch === undefined) throw new PreconditionRequiredError();
    assertVersion('publication', pre.ifMatch, current.version);
  } else if (pre.ifMatch !== undefined) {
    throw new AppError(
      'precondition_failed',
      'This defender has no publication yet: send no If-Match (or If-None-Match: *) to create it.',
    );
  }
}

/** Refuse to feature what must not be public (409 with a `code`). */
export function gate(d: Defender, consents: Consents, hasPhoto: boolean): void {
  if (d.access === 'restricted') {
    throw new ConflictError(
      'A restricted case cannot be featured. Only a case with standard access can have a public profile.',
      { code: 'defender_restricted' },
    );
  }
  needConsent(consents, 'public_profile', 'Featuring a profile');
  if (hasPhoto) needConsent(consents, 'photo', 'Publishing a photo');
}

/** 409 `consent_required` naming the purpose, unless its consent is in force. */
export function needConsent(consents: Consents, purpose: ConsentPurpose, what: string): void {
  const c = consents[purpose];
  if (c.granted) return;
  throw new ConflictError(
    `${what} needs the defender's ${purpose} consent, given and not expired (it is ${consentWord(c.state)}). Record it first.`,
    { code: 'consent_required', purpose, consentState: c.state },
  );
}

/**
 * A chosen photo document must be a live, non-confidential `photo` document of this
 * defender whose current version is an image (400 naming photoDocumentId). The row is
 * share-locked, so it cannot be made confidential or deleted until this save commits.
 */
export async function checkPhotoDocument(
  tx: EntityManager,
  defenderId: string,
  documentId: string,
): Promise<void> {
  const facts = await photoFacts(tx, documentId, true);
  const problem = photoDocumentProblem(facts, defenderId);
  if (problem) {
    throw ValidationFailedError.field(
      'photoDocumentId',
      photoDocumentProblemText(problem, facts?.kind),
    );
  }
}

/** What decides whether a document may be the public photo (null: there is no such document). */
export async function photoFacts(
  m: EntityManager,
  documentId: string | null,
  lock = false,
): Promise<PhotoDocumentFacts | null> {
  if (!documentId) return null;
  const rows: {
    defender_id: string;
    kind: PhotoDocumentFacts['kind'];
    confidential: boolean;
    deleted: boolean;
    file_type: string;
    metadata_removed: boolean;
  }[] = await m.query(
    `SELECT doc.defender_id, doc.kind, doc.confidential, doc.deleted_at IS NOT NULL AS deleted,
            v.file_type, v.metadata_removed
       FROM documents doc
       JOIN document_versions v ON v.document_id = doc.id AND v.version_no = doc.current_version_no
      WHERE doc.id = $1${lock ? ' FOR SHARE OF doc' : ''}`,
    [documentId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    defenderId: r.defender_id,
    kind: r.kind,
    confidential: r.confidential,
    deleted: r.deleted,
    fileType: r.file_type,
    metadataRemoved: r.metadata_removed,
  };
}

/** Cleared charges must be charge-like events on this defender's own timeline. */
export async function checkCharges(
  tx: EntityManager,
  defenderId: string,
  ids: string[],
): Promise<void> {
  if (!ids.length) return;
  const rows: { id: string; type: string }[] = await tx.query(
    `SELECT id, type FROM detention_events WHERE defender_id = $1 AND id = ANY($2::uuid[])`,
    [defenderId, ids],
  );
  const types = new Map(rows.map((r) => [r.id, r.type]));
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    const type = types.get(id);
    if (!type) {
      errors.push({
        field: `publicChargeEventIds[${i}]`,
        message: "is not an event on this defender's timeline",
      });
    } else if (!(PUBLIC_CHARGE_EVENT_TYPES as readonly string[]).includes(type)) {
      errors.push({
        field: `publicChargeEventIds[${i}]`,
        message: `is a ${type} event; only ${PUBLIC_CHARGE_EVENT_TYPES.join(', ')} events carry charges`,
      });
    }
  });
  if (errors.length) throw new ValidationFailedError(errors);
}

/** A unique slug from the display name (serialised per base, so two saves cannot race). */
export async function newSlug(tx: EntityManager, displayName: string): Promise<string> {
  const base = slugBase(displayName);
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
    `witness:publication-slug:${base}`,
  ]);
  const taken: { slug: string }[] = await tx.query(
    `SELECT slug FROM publications WHERE slug = $1 OR slug LIKE $2`,
    [base, `${base}-%`],
  );
  return uniqueSlug(
    base,
    taken.map((r) => r.slug),
  );
}

/** Why a chosen photo document is left out, for the coordinators (after "The chosen photo document"). */
export const PHOTO_UNAVAILABLE: Record<PhotoDocumentProblem, string> = {
  other_defender: "is not a document of this defender's case",
  deleted: 'was deleted',
  not_photo_kind: 'is no longer of kind photo',
  not_image: 'is no longer an image (its current version is another type of file)',
  confidential: 'is marked confidential',
};

/**
 * The photo fields after a PUT: a profile has one photo, from its documents or by address, so
 * choosing one removes the other; the alt text goes with the photo document.
 */
export function nextPhoto(
  input: PublicationInput,
  current: Publication | null,
): { photo: PublicPhoto | null; photoDocumentId: string | null; photoAlt: string | null } {
  if (input.photo && input.photoDocumentId) {
    throw ValidationFailedError.field(
      'photoDocumentId',
      'cannot be sent with photo: a profile has one photo, from its documents or by address',
    );
  }
  let photo = input.photo !== undefined ? input.photo : (current?.photo ?? null);
  let photoDocumentId =
    input.photoDocumentId !== undefined
      ? input.photoDocumentId
      : (current?.photoDocumentId ?? null);
  let photoAlt = input.photoAlt !== undefined ? input.photoAlt : (current?.photoAlt ?? null);
  if (input.photo) photoDocumentId = null;
  if (input.photoDocumentId) photo = null;
  if (!photoDocumentId) {
    if (input.photoAlt) {
      throw ValidationFailedError.field(
        'photoAlt',
        'describes a photo document: send photoDocumentId too (a photo by address has its own alt)',
      );
    }
    photoAlt = null;
  }
  return { photo, photoDocumentId, photoAlt };
}
