import type { DocumentKind, ScanState } from './document.entity';
import type { FileType } from './file-types';

/** What describes a document (the file itself comes separately). */
export interface DocumentInput {
  title: string;
  kind: DocumentKind;
  language?: string | null;
  date?: string | null;
  confidential?: boolean;
  /** Who provided it. Sensitive: encrypted, shown only on the single document, never logged. */
  sourceIdentity?: string | null;
  eventId?: string | null;
  escalationId?: string | null;
  /** Keep it even when the same file is already on the case (otherwise 409). */
  allowDuplicate?: boolean;
}

export type DocumentPatch = Partial<Omit<DocumentInput, 'allowDuplicate'>>;

export interface DocumentListQuery {
  kind?: DocumentKind;
  eventId?: string;
  escalationId?: string;
  limit?: number;
  cursor?: string;
}

/** An uploaded file as the door hands it over: its bytes and the name the client gave. */
export interface UploadedFile {
  fileName: string | undefined;
  content: Buffer;
}

export interface DocumentVersionView {
  id: string;
  versionNo: number;
  fileName: string;
  fileType: FileType;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storedSha256: string;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  scan: ScanState;
  metadataRemoved: boolean;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface DocumentView {
  id: string;
  defenderId: string;
  eventId: string | null;
  escalationId: string | null;
  title: string;
  kind: DocumentKind;
  language: string | null;
  date: string | null;
  confidential: boolean;
  /** Only on the single document, and never for viewers. */
  sourceIdentity?: string | null;
  /** The latest version. */
  current: DocumentVersionView;
  versionCount: number;
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A download: the plaintext as a stream, with what the answer's headers need. */
export interface DocumentContent {
  stream: NodeJS.ReadableStream;
  fileName: string;
  contentType: string;
  sizeBytes: number | null;
  sha256: string | null;
}
