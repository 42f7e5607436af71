import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ScannerUnavailableError, VirusScanner, type Env } from '@witness/platform';
import sharp from 'sharp';
import type { ScanState } from './document.entity';
import type { UploadedFile } from './document.types';
import { sanitiseFileName } from './file-names';
import { ACCEPTED_TYPES_TEXT, FILE_TYPES, sniffFileType, type FileType } from './file-types';

export type RefusalReason = 'too_large' | 'unsupported_type' | 'infected' | 'unreadable';

/**
 * A file refused at intake, with a message for the person who sent it. Nothing was stored.
 * The api answers 413 (too large), 415 (not an accepted type) or 422 (infected, unreadable).
 */
export class FileRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'FileRefusedError';
  }
}

/** A file checked and made safe to keep. */
export interface PreparedFile {
  fileType: FileType;
  contentType: string;
  fileName: string;
  /** SHA-256 of the bytes as received. */
  sha256: string;
  /** What is stored and served: the upload itself, or a photo re-encoded without metadata. */
  content: Buffer;
  storedSha256: string;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
  scan: ScanState;
  metadataRemoved: boolean;
}

/** Photos larger than this many pixels are refused (a decompression bomb, or not a photo). */
export const MAX_PHOTO_PIXELS = 100_000_000;
export const THUMBNAIL_SIZE = 320;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Safe intake: the size limit, the type from the content (allow-list), a sanitised name,
 * photos re-encoded from their pixels (EXIF, GPS, XMP, IPTC and ICC profiles gone, orientation
 * applied) with a thumbnail, and every file kept as received (PDF, DOCX, ODT, text) scanned
 * by clamd when one is configured: an infected file is refused; a scanner that is configured
 * but unreachable (or too slow) leaves the file `pending`, kept but never served until the
 * worker's scan (DocumentScans); clamd answering with an error refuses the upload (503).
 */
@Injectable()
export class DocumentIntake {
  readonly maxBytes: number;

  constructor(
    private readonly scanner: VirusScanner,
    config: ConfigService<Env, true>,
  ) {
    this.maxBytes = config.get('UPLOAD_MAX_BYTES', { infer: true });
  }

  tooLarge(): FileRefusedError {
    return new FileRefusedError(
      'too_large',
      `The file is larger than ${formatBytes(this.maxBytes)}, the most Witness accepts. Nothing was stored.`,
      { maxBytes: this.maxBytes },
    );
  }

  async prepare(file: UploadedFile): Promise<PreparedFile> {
    if (file.content.length > this.maxBytes) throw this.tooLarge();
    if (file.content.length === 0)
      throw new FileRefusedError('unreadable', 'The file is empty. Nothing was stored.');
    const sniffed = await sniffFileType(file.content);
    if ('refused' in sniffed) {
      throw new FileRefusedError(
        'unsupported_type',
        `This file cannot be accepted: ${sniffed.refused}. Accepted are ${ACCEPTED_TYPES_TEXT}, recognised by their content whatever the file is called.`,
      );
    }
    const fileType = sniffed.type;
    const base = {
      fileType,
      contentType: FILE_TYPES[fileType].contentType,
      fileName: sanitiseFileName(file.fileName, fileType),
      sha256: sha256(file.content),
    };
    if (FILE_TYPES[fileType].photo) {
      const photo = await reencodePhoto(file.content, fileType);
      return {
        ...base,
        ...photo,
        storedSha256: sha256(photo.content),
        scan: 'not_applicable',
        metadataRemoved: true,
      };
    }
    let scan: ScanState = 'not_scanned';
    if (this.scanner.enabled) {
      const verdict = await this.scanner.scan(file.content).catch((err: unknown) => {
        // clamd down or too slow: the file is kept, `pending`, and never served until the
        // worker has scanned it (someone uploading from a hostile place may not get a second
        // chance). clamd answering with an error (e.g. too large for it) still refuses it.
        if (err instanceof ScannerUnavailableError && err.transient) return null;
        throw err;
      });
      if (verdict === null) scan = 'pending';
      else if (!verdict.clean) {
        throw new FileRefusedError(
          'infected',
          `The virus scanner found ${verdict.signature} in this file, so it was refused and nothing was stored. If you believe it is safe, ask an administrator.`,
          { signature: verdict.signature },
        );
      } else scan = 'clean';
    }
    return {
      ...base,
      content: file.content,
      storedSha256: base.sha256,
      thumbnail: null,
      width: null,
      height: null,
      scan,
      metadataRemoved: false,
    };
  }
}

/**
 * Decode the photo and encode its pixels again, upright (EXIF orientation applied) and with no
 * metadata at all: sharp writes none unless asked to, so EXIF (camera, time, GPS position),
 * XMP, IPTC and the ICC profile are gone. Only the first frame of an animation is kept.
 */
async function reencodePhoto(
  input: Buffer,
  type: FileType,
): Promise<{ content: Buffer; thumbnail: Buffer; width: number; height: number }> {
  try {
    const pipeline = sharp(input, { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS }).rotate();
    const encoded =
      type === 'png'
        ? pipeline.png({ compressionLevel: 9 })
        : type === 'webp'
          ? pipeline.webp({ quality: 90 })
          : pipeline.jpeg({ quality: 90, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data)
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { content: data, thumbnail, width: info.width, height: info.height };
  } catch (err) {
    const pixels = /pixel limit/i.test(String((err as Error).message));
    throw new FileRefusedError(
      'unreadable',
      pixels
        ? `The image is larger than ${MAX_PHOTO_PIXELS / 1_000_000} megapixels. Resize it and upload it again.`
        : `The ${FILE_TYPES[type].label} image could not be read (damaged or truncated). Nothing was stored.`,
    );
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}
