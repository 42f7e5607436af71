import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { BlobNotFoundError, EncryptedStorage } from '@witness/platform';
import type { PreparedFile } from './document-intake';
import type { DocumentVersion } from './document.entity';
import { cipherContext } from '../shared/encrypted-columns';

export const dataKeyContext = (versionId: string) =>
  cipherContext('document_versions', 'dataKeyEnc', versionId);
/** Associated data of a sealed blob: which version it belongs to, and which part it is. */
const sealContext = (versionId: string, part: 'content' | 'thumbnail') =>
  `document_versions:${versionId}:${part}`;

export interface StoredBlobs {
  versionId: string;
  blobKey: string;
  thumbnailKey: string | null;
  dataKeyEnc: string;
}

/** The sealed files of document versions in the blob store: stored, removed, opened. */
@Injectable()
export class DocumentBlobs {
  private readonly logger = new Logger('documents');

  constructor(private readonly storage: EncryptedStorage) {}

  /** Seal and store the file (and its thumbnail) under fresh random keys. */
  async store(prepared: PreparedFile): Promise<StoredBlobs> {
    const versionId = randomUUID();
    const name = randomUUID();
    const blobKey = `documents/${name.slice(0, 2)}/${name}`;
    const thumbnailKey = prepared.thumbnail ? `${blobKey}.thumb` : null;
    const dk = this.storage.newDataKey(dataKeyContext(versionId));
    const stored: StoredBlobs = { versionId, blobKey, thumbnailKey: null, dataKeyEnc: dk.wrapped };
    await this.storage.put(blobKey, prepared.content, dk.key, sealContext(versionId, 'content'));
    if (prepared.thumbnail && thumbnailKey) {
      try {
        await this.storage.put(
          thumbnailKey,
          prepared.thumbnail,
          dk.key,
          sealContext(versionId, 'thumbnail'),
        );
      } catch (err) {
        await this.discard(stored);
        throw err;
      }
      stored.thumbnailKey = thumbnailKey;
    }
    return stored;
  }

  /** Remove a version's content and thumbnail from the store (a failed write, a quarantine). */
  async discard(stored: Pick<StoredBlobs, 'blobKey' | 'thumbnailKey'>): Promise<void> {
    await this.storage.remove(stored.blobKey);
    if (stored.thumbnailKey) await this.storage.remove(stored.thumbnailKey);
  }

  /** The whole plaintext of a version's content (for the worker's scan; at most UPLOAD_MAX_BYTES). */
  async readContent(v: DocumentVersion): Promise<Buffer> {
    const stream = await this.openBlob(v, v.blobKey, 'content');
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer | string>)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }

  async openBlob(
    v: DocumentVersion,
    key: string,
    part: 'content' | 'thumbnail',
  ): Promise<NodeJS.ReadableStream> {
    // A quarantined version's key is destroyed; callers refuse such versions before this.
    if (v.dataKeyEnc === null) throw new BlobNotFoundError(key);
    const dataKey = this.storage.unwrap(v.dataKeyEnc, dataKeyContext(v.id));
    try {
      return await this.storage.open(key, dataKey, sealContext(v.id, part));
    } catch (err) {
      if (err instanceof BlobNotFoundError)
        this.logger.error({ versionId: v.id, part }, 'a document version has no blob in the store');
      else if (!(err instanceof Error && err.name === 'StorageUnavailableError'))
        this.logger.error({ err, versionId: v.id, part }, 'a stored document failed to decrypt');
      throw err;
    }
  }
}
