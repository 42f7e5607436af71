import type { DocumentView, UsersService } from '@witness/domain';

/** A row of a case's document table (the profile's and the list page's). */
export interface DocumentRow {
  id: string;
  title: string;
  kind: string;
  date: string | null;
  language: string | null;
  versionCount: number;
  confidential: boolean;
  /** Set when the latest version waits for the virus check or was quarantined. */
  scanHold: 'pending' | 'quarantined' | null;
  size: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

/** Table rows for documents, with their uploaders' names (one query). */
export async function documentRows(
  users: UsersService,
  docs: readonly DocumentView[],
): Promise<DocumentRow[]> {
  const names = await users.names(
    docs.map((d) => d.current.uploadedBy).filter((x): x is string => !!x),
  );
  return docs.map((d) => ({
    id: d.id,
    title: d.title,
    kind: d.kind,
    date: d.date,
    language: d.language,
    versionCount: d.versionCount,
    confidential: d.confidential,
    scanHold:
      d.current.scan === 'pending' || d.current.scan === 'quarantined' ? d.current.scan : null,
    size: formatSize(d.current.sizeBytes),
    uploadedBy: (d.current.uploadedBy && names.get(d.current.uploadedBy)) ?? null,
    uploadedAt: d.current.uploadedAt,
  }));
}

/** A size in the units people read: 912 bytes, 48 KB, 3.4 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
