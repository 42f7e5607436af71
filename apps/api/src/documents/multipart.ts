import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ValidationFailedError, type FieldError } from '@witness/platform';
import type { FastifyRequest } from 'fastify';

/** The routes that take multipart/form-data; anywhere else it is refused with 415. */
export const MULTIPART_ROUTES = new Set([
  '/api/v1/defenders/:id/documents',
  '/api/v1/documents/:id/versions',
  // The web app's upload forms (web/documents/).
  '/app/defenders/:id/documents',
  '/app/documents/:id/versions',
]);

/** Longest text field accepted in a multipart body (the longest DTO field is 2,000 characters). */
const MAX_FIELD_BYTES = 16 * 1024;
const MAX_FIELDS = 20;

/**
 * Register @fastify/multipart with the upload limit (UPLOAD_MAX_BYTES per file, one file, a
 * few short fields), and refuse multipart bodies on every other route (415), as a JSON route
 * would without the plugin. Bodies are parsed only by the routes' handlers, as streams.
 */
export async function registerMultipart(
  app: NestFastifyApplication,
  maxFileBytes: number,
): Promise<void> {
  await app.register(multipart, {
    limits: {
      fileSize: maxFileBytes,
      files: 1,
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      fieldNameSize: 100,
      parts: MAX_FIELDS + 1,
      headerPairs: 100,
    },
    throwFileSizeLimit: true,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (req, _reply, done) => {
      const url = req.routeOptions.url;
      if (req.isMultipart() && url && !MULTIPART_ROUTES.has(url)) {
        return done(
          Object.assign(new Error('multipart is accepted only by uploads'), {
            statusCode: 415,
            code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
          }),
        );
      }
      done();
    });
}

export interface MultipartUpload {
  fields: Record<string, string>;
  file: { fileName: string | undefined; content: Buffer } | null;
}

/** The file was larger than the limit (the caller answers 413). */
export class UploadTooLargeError extends Error {}

/** The body is not multipart/form-data at all (the caller answers 415). */
export class NotMultipartError extends Error {}

/**
 * Read a multipart body: text fields (each at most once) and at most one file, in a part
 * named `file`, held in memory once (up to the configured limit; never written to disk in
 * clear). Malformed bodies, repeated or over-long fields and extra files are 400s naming the
 * field; a file over the limit throws UploadTooLargeError. The text fields go into `fields`
 * as they are read, so a caller still has those read before a failure (the web app's CSRF
 * token, sent before the file).
 */
export async function readMultipart(
  req: FastifyRequest,
  fields: Record<string, string> = {},
): Promise<MultipartUpload> {
  if (!req.isMultipart()) throw new NotMultipartError();
  const errors: FieldError[] = [];
  let file: MultipartUpload['file'] = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          errors.push({ field: part.fieldname, message: 'is not a known file field (use "file")' });
          continue;
        }
        const content = await part.toBuffer();
        file = { fileName: part.filename || undefined, content };
        continue;
      }
      const name = part.fieldname;
      if (part.fieldnameTruncated) {
        errors.push({ field: name.slice(0, 100), message: 'is not a known field' });
      } else if (part.valueTruncated) {
        errors.push({ field: name, message: `is too long (at most ${MAX_FIELD_BYTES} bytes)` });
      } else if (typeof part.value !== 'string') {
        errors.push({ field: name, message: 'must be a text field' });
      } else if (Object.prototype.hasOwnProperty.call(fields, name)) {
        errors.push({ field: name, message: 'is given more than once' });
      } else {
        fields[name] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new UploadTooLargeError();
    if (code === 'FST_FILES_LIMIT')
      throw ValidationFailedError.field('file', 'send one file per request');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw ValidationFailedError.field('body', `has too many fields (at most ${MAX_FIELDS})`);
    if (code === 'FST_PROTO_VIOLATION')
      throw ValidationFailedError.field('body', 'holds a forbidden field name');
    if (code === 'FST_INVALID_JSON_FIELD_ERROR')
      throw ValidationFailedError.field('body', 'holds a field declared JSON that is not JSON');
    throw ValidationFailedError.field(
      'body',
      'is not valid multipart/form-data (cut short, or a malformed part)',
    );
  }
  if (errors.length) throw new ValidationFailedError(errors);
  return { fields, file };
}
