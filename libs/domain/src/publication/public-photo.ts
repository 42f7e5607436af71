import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { MAX_PHOTO_PIXELS, type DocumentKind, FILE_TYPES, type FileType } from '../documents';

/**
 * The photo of a public profile taken from the case's documents: which document may be
 * published (one rule, used when a coordinator chooses it, by the public queries and by the
 * preview), the public copy made of it, and the token that names that copy in public URLs.
 */

/** Longest side of the public copy, in pixels (smaller photos are not enlarged). */
export const PUBLIC_PHOTO_MAX_SIDE = 800;
export const PUBLIC_PHOTO_CONTENT_TYPE = 'image/webp';
const WEBP_QUALITY = 80;
/**
 * Names the recipe of the public copy; part of the token, so changing the recipe (or
 * libvips, whose encoder it runs) changes every public URL and ETag.
 */
const RENDITION = `webp-${PUBLIC_PHOTO_MAX_SIDE}-q${WEBP_QUALITY}-1:vips-${sharp.versions.vips}`;

/** What decides whether a document may be a profile's public photo. */
export interface PhotoDocumentFacts {
  defenderId: string;
  kind: DocumentKind;
  confidential: boolean;
  deleted: boolean;
  /** Of the current version. */
  fileType: string;
  metadataRemoved: boolean;
}

export type PhotoDocumentProblem =
  'other_defender' | 'deleted' | 'not_photo_kind' | 'not_image' | 'confidential';

/**
 * Why this document cannot be the public photo of `defenderId`'s profile, or null if it can:
 * a live, non-confidential `photo` document of that defender whose current version is an
 * image Witness re-encoded without metadata at intake.
 */
export function photoDocumentProblem(
  doc: PhotoDocumentFacts | null,
  defenderId: string,
): PhotoDocumentProblem | null {
  if (!doc || doc.defenderId !== defenderId) return 'other_defender';
  if (doc.deleted) return 'deleted';
  if (doc.kind !== 'photo') return 'not_photo_kind';
  const type = FILE_TYPES[doc.fileType as FileType];
  if (!type?.photo || !doc.metadataRemoved) return 'not_image';
  if (doc.confidential) return 'confidential';
  return null;
}

/** The refusal of a chosen document, in words (after the field name). */
export function photoDocumentProblemText(problem: PhotoDocumentProblem, kind?: string): string {
  switch (problem) {
    case 'other_defender':
      return "is not a document of this defender's case";
    case 'deleted':
      return 'is a deleted document';
    case 'not_photo_kind': {
      const what = (kind ?? 'non-photo').replace(/_/g, ' ');
      return `is ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} document; only documents of kind photo can be the public photo`;
    }
    case 'not_image':
      return 'is not an image (its current version must be a JPEG, PNG or WebP photo)';
    case 'confidential':
      return 'is confidential: a confidential document is never published';
  }
}

/** Size of the public copy of a `width` x `height` photo: fits in the square, never enlarged. */
export function publicPhotoSize(width: number, height: number): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= PUBLIC_PHOTO_MAX_SIDE) return { width, height };
  const scale = PUBLIC_PHOTO_MAX_SIDE / longest;
  return {
    width: width >= height ? PUBLIC_PHOTO_MAX_SIDE : Math.max(1, Math.round(width * scale)),
    height: height > width ? PUBLIC_PHOTO_MAX_SIDE : Math.max(1, Math.round(height * scale)),
  };
}

/**
 * The token naming one public copy: a hash of the document version (its id and the hash of
 * its stored content) and the recipe. It changes whenever the photo does, so caches keyed by
 * URL see the change; it reveals neither the document nor the version.
 */
export function publicPhotoToken(versionId: string, storedSha256: string): string {
  return createHash('sha256')
    .update(`witness:public-photo:${RENDITION}:${versionId}:${storedSha256}`)
    .digest('base64url')
    .slice(0, 22);
}

export const PUBLIC_PHOTO_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/**
 * The public copy: decoded from the stored photo (already re-encoded without metadata at
 * intake), resized to `size` and encoded again as WebP. sharp writes no metadata unless asked
 * to, so there is no EXIF, XMP, IPTC or ICC profile in it, whatever the stored file holds.
 */
export async function renderPublicPhoto(
  stored: Buffer,
  size: { width: number; height: number },
): Promise<Buffer> {
  return sharp(stored, { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS })
    .resize(size.width, size.height, { fit: 'fill' })
    .webp({ quality: WEBP_QUALITY })
    .toBuffer();
}

/** What the feed needs to serve one public photo (internal ids never leave the server). */
export interface PublicPhotoRef {
  documentId: string;
  versionNo: number;
  token: string;
  width: number;
  height: number;
}
