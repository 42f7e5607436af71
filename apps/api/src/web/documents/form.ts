import { FILE_TYPES, type DocumentView, type FileType } from '@witness/domain';
import { NotFoundError, ValidationFailedError, type FieldError } from '@witness/platform';
import { type FieldErrorMap, type WebRequest } from '../views';
import { checkbox, validateAs, type FormBody } from '../web-form';
import { CSRF_FIELD, type WebUpload } from '../web-session';

export const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
export const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;

/** Documents per page of a case's document list (the profile shows the first few). */
export const LIST_PAGE_SIZE = 50;
/** How much of a plain-text document its page shows. */
export const TEXT_PREVIEW_BYTES = 200 * 1024;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the browser may show by itself, served inline (anything else is only downloaded). */
export type PreviewKind = 'image' | 'pdf' | 'text' | 'none';
export function previewKind(type: FileType): PreviewKind {
  if (FILE_TYPES[type].photo) return 'image';
  if (type === 'pdf') return 'pdf';
  if (type === 'txt') return 'text';
  return 'none';
}

/**
 * The Content-Security-Policy of a file shown inline (the web pages' own policy is unchanged:
 * their `default-src 'self'` already lets them frame our own PDF route, and their
 * `object-src 'none'` stays, since the preview is an `<iframe>`, not an `<object>`).
 * - A PDF is shown by the browser's own viewer inside the document page's `<iframe>`. Its
 *   document may load nothing but itself into that viewer (`default-src 'none'`,
 *   `object-src 'self'`), may be framed only by our own pages (`frame-ancestors 'self'`) and
 *   cannot post a form. No `sandbox`: a sandboxed document may not run plugins (the HTML
 *   sandboxed plugins flag), and browsers have refused to start their PDF viewer there.
 * - An image is only ever a picture (an `<img>`, or opened on its own): sandboxed, it loads
 *   nothing.
 * With `X-Content-Type-Options: nosniff` and the Content-Type taken from the stored content
 * (only PDFs and photos are served inline), no upload can become an HTML page of our origin.
 */
export const INLINE_CSP = {
  pdf: "default-src 'none'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
  image: "default-src 'none'; frame-ancestors 'self'; sandbox",
} as const;

/** HTTP status of each intake refusal (as the API answers them). */
export const REFUSAL_STATUS = {
  too_large: 413,
  unsupported_type: 415,
  infected: 422,
  unreadable: 422,
} as const;

/** A document's describing fields as a form holds them (text, and the checkbox). */
export interface DocumentForm {
  title: string;
  kind: string;
  language: string;
  date: string;
  confidential: boolean;
  sourceIdentity: string;
  eventId: string;
  escalationId: string;
}
export type DocumentField = keyof DocumentForm;
export const DOCUMENT_FIELDS: readonly DocumentField[] = [
  'title',
  'kind',
  'language',
  'date',
  'confidential',
  'sourceIdentity',
  'eventId',
  'escalationId',
];

/** A failed upload or save, shown next to its form. */
export interface Failure {
  status: number;
  errors: FieldErrorMap;
  duplicate?: { documentId: string; versionNo: number; title: string };
}

export interface Option {
  value: string;
  label: string;
}

/** An id that is not a uuid names no document or case: the same 404 as a missing one. */
export function idOr404(raw: string, entity: string): string {
  if (!UUID.test(raw)) throw new NotFoundError(entity, raw.slice(0, 100));
  return raw;
}

/** Sent by app.js, which follows the answer itself (XMLHttpRequest, for the progress bar). */
export function scripted(req: WebRequest): boolean {
  return req.headers['x-requested-with'] === 'XMLHttpRequest';
}

/**
 * The fields of an upload checked with the API's own DTO (the CSRF token aside), and the file:
 * every problem at once, as the API reports them.
 */
export async function validUpload<T extends object>(
  body: WebUpload,
  dto: new () => T,
): Promise<{ fields: T; file: { fileName: string | undefined; content: Buffer } }> {
  if (!body.ok) throw body.error;
  const { [CSRF_FIELD]: _csrf, ...rest } = body.fields;
  const errors: FieldError[] = [];
  let fields: T | undefined;
  try {
    fields = await validateAs(dto, rest);
  } catch (err) {
    if (!(err instanceof ValidationFailedError)) throw err;
    errors.push(...err.errors);
  }
  // A form sent without a file chosen still has the part, nameless and empty.
  const none = !body.file || (body.file.content.length === 0 && !body.file.fileName);
  if (none) errors.push({ field: 'file', message: 'is required: choose the file to upload' });
  if (errors.length || !fields || none || !body.file) throw new ValidationFailedError(errors);
  return { fields, file: body.file };
}

export function emptyForm(): DocumentForm {
  return {
    title: '',
    kind: '',
    language: '',
    date: '',
    confidential: false,
    sourceIdentity: '',
    eventId: '',
    escalationId: '',
  };
}

export function formFromView(v: DocumentView): DocumentForm {
  return {
    title: v.title,
    kind: v.kind,
    language: v.language ?? '',
    date: v.date ?? '',
    confidential: v.confidential,
    sourceIdentity: v.sourceIdentity ?? '',
    eventId: v.eventId ?? '',
    escalationId: v.escalationId ?? '',
  };
}

/**
 * The edit form as posted. `keep`: a document whose source identity this person cannot see
 * (a form without that field keeps it as it is).
 */
export function formFromBody(body: FormBody, keep?: DocumentView): DocumentForm {
  const raw = (name: string) => {
    const v = body[name];
    const s = Array.isArray(v) ? v[0] : v;
    return typeof s === 'string' ? s : '';
  };
  return {
    title: raw('title'),
    kind: raw('kind'),
    language: raw('language').trim(),
    date: raw('date').trim(),
    confidential: checkbox(body, 'confidential'),
    sourceIdentity: keep ? (keep.sourceIdentity ?? '') : raw('sourceIdentity'),
    eventId: raw('eventId'),
    escalationId: raw('escalationId'),
  };
}

/** A field as the API takes it: blank optional text clears it (null). */
export function fieldInput(form: DocumentForm, f: DocumentField): unknown {
  switch (f) {
    case 'title':
    case 'kind':
      return form[f];
    case 'confidential':
      return form.confidential;
    case 'sourceIdentity':
      return form.sourceIdentity.trim() === '' ? null : form.sourceIdentity;
    default:
      return form[f] === '' ? null : form[f];
  }
}

export function changedFields(form: DocumentForm, base: DocumentForm): DocumentField[] {
  return DOCUMENT_FIELDS.filter(
    (f) => JSON.stringify(fieldInput(form, f)) !== JSON.stringify(fieldInput(base, f)),
  );
}

export function patchInput(
  form: DocumentForm,
  fields: readonly DocumentField[],
): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, fieldInput(form, f)]));
}

export function decodeSnapshot(raw: string | undefined): DocumentForm | null {
  if (!raw || raw.length > 20_000) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    const out = emptyForm();
    for (const f of DOCUMENT_FIELDS) {
      const x = v[f];
      if (f === 'confidential') {
        if (typeof x !== 'boolean') return null;
        out.confidential = x;
      } else {
        if (typeof x !== 'string') return null;
        out[f] = x;
      }
    }
    return out;
  } catch {
    return null;
  }
}

/** The length of `b` without a UTF-8 sequence cut at its end. */
export function utf8Boundary(b: Buffer): number {
  let i = b.length;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  let back = 0;
  while (i > 0 && back < 4 && (b[i - 1] & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i === 0) return b.length;
  const lead = b[i - 1];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need === back + 1 ? b.length : i - 1;
}

export function firstString(v: unknown): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : undefined;
}
