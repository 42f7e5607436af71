import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError, SYSTEM_ACTOR, type Actor } from '@witness/platform';
import { DocumentsService } from '../documents';
import { PUBLIC_PHOTO_CONTENT_TYPE, renderPublicPhoto, type PublicPhotoRef } from './public-photo';
import { PublicationService } from './publication.service';

/** A public copy of a photo, ready to send. */
export interface PublicPhotoImage {
  body: Buffer;
  contentType: string;
  /** Strong: one token names one copy. */
  etag: string;
}

/** At most this many bytes of public copies kept in memory per process. */
const CACHE_MAX_BYTES = 32 * 1024 * 1024;
/** A copy not asked for in this long is dropped (and a revoked one forgotten by then). */
const CACHE_TTL_MS = 60 * 60 * 1000;

/**
 * Serves the public copy of a profile's photo document: the feed's (for anyone, while the
 * public may see it) and the preview's (for staff who can see the case).
 *
 * Every request is decided in PostgreSQL first (`PublicationService.publicPhoto` /
 * `previewPhoto`: featured, consent in force, document live and not confidential); only then
 * is a copy looked up. Copies are made on the fly with sharp and kept in a small in-process
 * LRU keyed by the token (which names the document version and the recipe), with one render
 * per token at a time. Measured on this project's 2-core machine: a 12-megapixel photo takes
 * 150-300 ms to decrypt, decode, resize and encode; a cached copy (~80 KB) a few
 * microseconds. The copies are public data and derived from what is stored, so they are not
 * written back to the blob store: that would add a table of wrapped data keys for key
 * rotation, and blobs to clean up, to save one render per process per photo version.
 */
@Injectable()
export class PublicPhotoService {
  private readonly logger = new Logger('public-photo');
  /** Insertion order is recency: a hit is moved to the end, eviction takes from the front. */
  private readonly cache = new Map<string, { body: Buffer; expires: number }>();
  private cachedBytes = 0;
  private readonly rendering = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly publication: PublicationService,
    private readonly documents: DocumentsService,
  ) {}

  /**
   * The feed's copy for a profile's public address; `token` (from the URL, if sent) must name
   * the current copy. Any refusal is the same 404.
   */
  async publicImage(slug: string, token?: string): Promise<PublicPhotoImage> {
    const ref = await this.publication.publicPhoto(slug);
    // An older copy (the photo changed since) is no longer published under its address.
    if (token !== undefined && token !== ref.token) throw new NotFoundError('Public photo');
    return this.image(ref, SYSTEM_ACTOR);
  }

  /** The copy the preview shows, for staff who can see the case. */
  async previewImage(defenderId: string, actor: Actor): Promise<PublicPhotoImage> {
    return this.image(await this.publication.previewPhoto(defenderId, actor), actor);
  }

  private async image(ref: PublicPhotoRef, actor: Actor): Promise<PublicPhotoImage> {
    return {
      body: await this.copy(ref, actor),
      contentType: PUBLIC_PHOTO_CONTENT_TYPE,
      etag: `"${ref.token}"`,
    };
  }

  private async copy(ref: PublicPhotoRef, actor: Actor): Promise<Buffer> {
    const now = Date.now();
    const hit = this.cache.get(ref.token);
    if (hit && hit.expires > now) {
      this.cache.delete(ref.token);
      this.cache.set(ref.token, { body: hit.body, expires: now + CACHE_TTL_MS });
      return hit.body;
    }
    if (hit) this.forget(ref.token);
    let pending = this.rendering.get(ref.token);
    if (!pending) {
      pending = this.render(ref, actor).finally(() => this.rendering.delete(ref.token));
      this.rendering.set(ref.token, pending);
    }
    return pending;
  }

  private async render(ref: PublicPhotoRef, actor: Actor): Promise<Buffer> {
    const started = process.hrtime.bigint();
    const file = await this.documents.content(ref.documentId, actor, ref.versionNo);
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = await renderPublicPhoto(Buffer.concat(chunks), ref);
    this.remember(ref.token, body);
    this.logger.debug(
      {
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        bytes: body.length,
        cachedBytes: this.cachedBytes,
      },
      'public photo rendered',
    );
    return body;
  }

  private remember(token: string, body: Buffer): void {
    if (body.length > CACHE_MAX_BYTES) return;
    this.forget(token);
    this.cache.set(token, { body, expires: Date.now() + CACHE_TTL_MS });
    this.cachedBytes += body.length;
    for (const [key] of this.cache) {
      if (this.cachedBytes <= CACHE_MAX_BYTES) break;
      this.forget(key);
    }
  }

  private forget(token: string): void {
    const entry = this.cache.get(token);
    if (!entry) return;
    this.cache.delete(token);
    this.cachedBytes -= entry.body.length;
  }
}
