import type { PreparedFile } from './document-intake';
import type { Document, DocumentVersion } from './document.entity';
import type { DocumentVersionView, DocumentView } from './document.types';
import type { FileType } from './file-types';

export function toVersionView(v: DocumentVersion): DocumentVersionView {
  return {
    id: v.id,
    versionNo: v.versionNo,
    fileName: v.fileName,
    fileType: v.fileType as FileType,
    contentType: v.contentType,
    sizeBytes: v.sizeBytes,
    sha256: v.sha256,
    storedSha256: v.storedSha256,
    width: v.width,
    height: v.height,
    hasThumbnail: v.thumbnailKey !== null,
    scan: v.scan,
    metadataRemoved: v.metadataRemoved,
    uploadedBy: v.uploadedBy,
    uploadedAt: v.createdAt.toISOString(),
  };
}

export function toDocumentView(d: Document, current: DocumentVersion): DocumentView {
  return {
    id: d.id,
    defenderId: d.defenderId,
    eventId: d.eventId,
    escalationId: d.escalationId,
    title: d.title,
    kind: d.kind,
    language: d.language,
    date: d.documentDate,
    confidential: d.confidential,
    current: toVersionView(current),
    versionCount: d.currentVersionNo,
    createdBy: d.createdBy,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** The fields of a document the audit trail compares (the source identity only named). */
export function auditable(
  d: Partial<Document> & { sourceIdentity?: unknown },
): Record<string, unknown> {
  return {
    title: d.title,
    kind: d.kind,
    language: d.language ?? null,
    date: d.documentDate ?? null,
    confidential: d.confidential,
    eventId: d.eventId ?? null,
    escalationId: d.escalationId ?? null,
  };
}

export function fileAudit(p: PreparedFile, versionNo: number): Record<string, unknown> {
  return {
    file: {
      from: null,
      to: {
        versionNo,
        fileName: p.fileName,
        fileType: p.fileType,
        sizeBytes: p.content.length,
        sha256: p.sha256,
        scan: p.scan,
      },
    },
  };
}
