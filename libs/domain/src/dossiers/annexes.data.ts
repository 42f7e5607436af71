import type { EntityManager } from 'typeorm';
import type { DocumentKind, FileType, ScanState } from '../documents';
import type { DossierData, DossierEdition } from './dossier-data';

/**
 * Reading annexes (the escalation's choice, or the set recorded on a dossier) with what
 * describes each document and its pinned version, in one query each. Shared by the dossier's
 * request, render and staleness check (the worker) and by the annex routes and bundle (the api).
 */

/** One annex as stored, with its document and pinned version. */
export interface AnnexRow {
  position: number;
  documentId: string;
  documentVersionId: string;
  defenderId: string;
  title: string;
  kind: DocumentKind;
  language: string | null;
  date: string | null;
  confidential: boolean;
  /** The document was deleted (soft) since it was chosen. */
  deleted: boolean;
  /** Its case is no longer one of the escalation's defenders. */
  detached: boolean;
  /** Its case is archived. */
  archived: boolean;
  versionNo: number;
  /** The pinned version's virus check (`pending` and `quarantined` ones are never bundled). */
  scan: ScanState;
  latestVersionNo: number;
  fileName: string;
  fileType: FileType;
  contentType: string;
  sizeBytes: number;
  uploadedAt: Date;
  chosenBy: string | null;
  chosenAt: Date | null;
  /** Dossier rows only: its number in the rendered dossier, or null. */
  annexNo: number | null;
}

interface RawRow {
  position: number;
  document_id: string;
  document_version_id: string;
  defender_id: string;
  title: string;
  kind: DocumentKind;
  language: string | null;
  document_date: string | null;
  confidential: boolean;
  deleted: boolean;
  detached: boolean;
  archived: boolean;
  version_no: number;
  scan: ScanState;
  current_version_no: number;
  file_name: string;
  file_type: FileType;
  content_type: string;
  size_bytes: number;
  uploaded_at: Date;
  chosen_by: string | null;
  chosen_at: Date | null;
  annex_no: number | null;
}

const COLUMNS = `
  a.position, a.document_id, a.document_version_id,
  d.defender_id, d.title, d.kind, d.language, d.document_date::text AS document_date,
  d.confidential, d.deleted_at IS NOT NULL AS deleted, d.current_version_no,
  d.case_archived_at IS NOT NULL AS archived,
  d.version_no, d.scan, d.file_name, d.file_type, d.content_type, d.size_bytes, d.created_at AS uploaded_at`;

/** The annexed version, its document and its case: the read model `annex_versions`. */
const JOINS = `
  JOIN annex_versions d ON d.version_id = a.document_version_id AND d.document_id = a.document_id`;

function toRow(r: RawRow): AnnexRow {
  return {
    position: r.position,
    documentId: r.document_id,
    documentVersionId: r.document_version_id,
    defenderId: r.defender_id,
    title: r.title,
    kind: r.kind,
    language: r.language,
    date: r.document_date,
    confidential: r.confidential,
    deleted: r.deleted,
    detached: r.detached,
    archived: r.archived,
    versionNo: r.version_no,
    scan: r.scan,
    latestVersionNo: r.current_version_no,
    fileName: r.file_name,
    fileType: r.file_type,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    uploadedAt: r.uploaded_at,
    chosenBy: r.chosen_by,
    chosenAt: r.chosen_at,
    annexNo: r.annex_no,
  };
}

/** An escalation's chosen annexes, in order, deleted and detached ones included (flagged). */
export async function escalationAnnexRows(
  m: EntityManager,
  escalationId: string,
  options: { lock?: boolean } = {},
): Promise<AnnexRow[]> {
  const rows: RawRow[] = await m.query(
    `SELECT ${COLUMNS}, a.chosen_by, a.chosen_at, NULL::int AS annex_no,
            NOT EXISTS (SELECT 1 FROM annex_escalation_cases ed
                         WHERE ed.escalation_id = a.escalation_id AND ed.defender_id = d.defender_id) AS detached
       FROM escalation_annexes a ${JOINS}
      WHERE a.escalation_id = $1
      ORDER BY a.position
      ${options.lock ? 'FOR UPDATE OF a' : ''}`,
    [escalationId],
  );
  return rows.map(toRow);
}

/** The annexes recorded on a dossier, in order. */
export async function dossierAnnexRows(m: EntityManager, dossierId: string): Promise<AnnexRow[]> {
  const rows: RawRow[] = await m.query(
    `SELECT ${COLUMNS}, NULL::uuid AS chosen_by, NULL::timestamptz AS chosen_at, a.annex_no,
            NOT EXISTS (SELECT 1 FROM annex_escalation_cases ed
                          JOIN dossiers x ON x.escalation_id = ed.escalation_id
                         WHERE x.id = a.dossier_id AND ed.defender_id = d.defender_id) AS detached
       FROM dossier_annexes a ${JOINS}
      WHERE a.dossier_id = $1
      ORDER BY a.position`,
    [dossierId],
  );
  return rows.map(toRow);
}

/** Still an annex at all: not deleted, and a document of one of the escalation's defenders. */
export const isLive = (r: AnnexRow): boolean => !r.deleted && !r.detached;

/**
 * What a dossier of this edition lists, numbered from 1: the live annexes, and for a public
 * edition never a confidential one, nor a document of a defender the public edition does not
 * name (`withheldCases`: its title and its content would tell who they are).
 */
export function listedAnnexes(
  rows: readonly AnnexRow[],
  edition: DossierEdition,
  withheldCases: ReadonlySet<string> = new Set(),
): { row: AnnexRow; number: number }[] {
  return rows
    .filter(
      (r) =>
        isLive(r) &&
        (edition === 'submission' || (!r.confidential && !withheldCases.has(r.defenderId))),
    )
    .map((row, i) => ({ row, number: i + 1 }));
}

/** The dossier's annex list (what the templates show, and what its fingerprint covers). */
export function annexData(
  listed: readonly { row: AnnexRow; number: number }[],
): DossierData['annexes'] {
  return listed.map(({ row, number }) => ({
    number,
    title: row.title,
    date: row.date,
    kind: row.kind,
    language: row.language,
    versionNo: row.versionNo,
  }));
}
