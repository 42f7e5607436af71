import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  Delete,
  ExceptionFilter,
  Get,
  HttpCode,
  Logger,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  attachmentDisposition,
  DocumentsService,
  FILE_TYPES,
  FileRefusedError,
  type AuthenticatedActor,
  type DocumentContent,
  type UploadedFile,
} from '@witness/domain';
import { ValidationFailedError, type FieldError } from '@witness/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../auth/policy.decorators';
import { DefenderIdParams } from '../defenders/defender.dto';
import { IF_MATCH_HEADER } from '../defenders/defenders.controller';
import { CurrentActor } from '../http/actor.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { IfMatchVersion } from '../http/if-match.decorator';
import { Versioned } from '../http/etag.interceptor';
import { PROBLEM_CONTENT_TYPE, problemType, statusTitle, type Problem } from '../http/problem';
import { ProblemDto } from '../http/problem.dto';
import { strictValidationPipe } from '../http/validation';
import {
  DocumentContentQueryDto,
  DocumentIdParams,
  DocumentListQueryDto,
  DocumentPageResponse,
  DocumentResponse,
  DocumentVersionResponse,
  UpdateDocumentDto,
  UPLOAD_BODY_SCHEMA,
  UploadDocumentFieldsDto,
  UploadVersionFieldsDto,
  VERSION_BODY_SCHEMA,
} from './document.dto';
import {
  NotMultipartError,
  readMultipart,
  UploadTooLargeError,
  type MultipartUpload,
} from './multipart';

const STAFF = ['viewer', 'caseworker', 'coordinator', 'admin'] as const;
const EDITORS = ['caseworker', 'coordinator', 'admin'] as const;

const STATUS_BY_REASON = {
  too_large: 413,
  unsupported_type: 415,
  infected: 422,
  unreadable: 422,
} as const;

/**
 * A refused upload (too large, not an accepted type, infected, unreadable) as problem+json
 * naming the `file` field; everything else goes on to the global ProblemFilter.
 */
@Catch(FileRefusedError, UploadTooLargeError, NotMultipartError)
export class UploadRefusalFilter implements ExceptionFilter {
  constructor(private readonly documents: DocumentsService) {}

  catch(exception: Error, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let refusal: FileRefusedError;
    let status: number;
    if (exception instanceof NotMultipartError) {
      status = 415;
      refusal = new FileRefusedError(
        'unsupported_type',
        'Send the upload as multipart/form-data: the file in a part named "file", the other fields as text parts.',
      );
    } else {
      refusal =
        exception instanceof UploadTooLargeError
          ? this.documents.tooLarge()
          : (exception as FileRefusedError);
      status = STATUS_BY_REASON[refusal.reason];
    }
    const body: Problem = {
      type: problemType(status === 415 ? 'unsupported_file' : `file_${refusal.reason}`),
      title: statusTitle(status),
      status,
      detail: refusal.message,
      instance: req.url.split('?')[0],
      requestId: String(req.id),
      errors: [
        {
          field: exception instanceof NotMultipartError ? 'body' : 'file',
          message: refusal.message,
        },
      ],
      ...refusal.extra,
    };
    void reply.status(status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
  }
}

const uploadPipe = strictValidationPipe();

/**
 * The upload's text fields validated as `dto` (unknown fields refused, each error naming its
 * field) and its file, with every problem of both reported at once.
 */
async function validUpload<T extends object>(
  upload: MultipartUpload,
  dto: new () => T,
): Promise<{ fields: T; file: UploadedFile }> {
  const errors: FieldError[] = [];
  let fields: T | undefined;
  try {
    fields = (await uploadPipe.transform(upload.fields, { type: 'body', metatype: dto })) as T;
  } catch (err) {
    if (!(err instanceof ValidationFailedError)) throw err;
    errors.push(...err.errors);
  }
  if (!upload.file)
    errors.push({ field: 'file', message: 'is required: attach the file as a part named "file"' });
  if (errors.length || !fields || !upload.file) throw new ValidationFailedError(errors);
  return { fields, file: upload.file };
}

/** Send a document file as a download that no browser will render or sniff. */
export async function sendDocumentFile(
  reply: FastifyReply,
  file: DocumentContent,
  logger: Logger,
): Promise<void> {
  file.stream.on('error', (err: Error) =>
    // Headers are out: the connection is cut, and the log says why (tampering, a store error).
    logger.error({ err: { name: err.name, message: err.message } }, 'document download broke off'),
  );
  void reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', attachmentDisposition(file.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store');
  if (file.sizeBytes !== null) void reply.header('Content-Length', String(file.sizeBytes));
  if (file.sha256) void reply.header('X-Content-SHA256', file.sha256);
  // Not awaited: a reply's promise settles when the last byte is out, and a 25 MB download
  // over a slow link must not count against HTTP_REQUEST_TIMEOUT_MS (a 503 after the headers
  // would only cut it). The stream's own errors are handled above.
  void reply.send(file.stream);
}

const DOWNLOAD_TYPES = Object.fromEntries(
  Object.values(FILE_TYPES).map((t) => [
    t.contentType.split(';')[0],
    { schema: { type: 'string', format: 'binary' } },
  ]),
);

/**
 * Documents and photos of a case: upload (multipart), list, read, download, versions, edit,
 * delete (soft). Access follows the case; confidential documents exist only for the
 * caseworkers assigned to it, coordinators and admins.
 */
@ApiTags('documents')
@ApiExtraModels(ProblemDto)
@UseFilters(UploadRefusalFilter)
@Controller('api/v1')
export class DocumentsController {
  private readonly logger = new Logger('documents');

  constructor(private readonly documents: DocumentsService) {}

  @Post('defenders/:id/documents')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Upload a document',
    description:
      'multipart/form-data: the file in a part named `file`, and text parts title, kind (required), language, date, confidential, sourceIdentity, eventId, escalationId, allowDuplicate. The type is taken from the content (PDF, JPEG, PNG, WebP, DOCX, ODT, UTF-8 text; anything else 415); photos are re-encoded without EXIF/GPS/XMP metadata and get a thumbnail; PDF, office and text files are scanned by ClamAV when configured (infected: 422 naming the signature; scanner configured but unreachable or too slow: the file is kept with scan `pending`, answered 202, and its content is refused with 409 until the worker has scanned it; clamd answering with an error: 503). The same file already on the case answers 409 with `duplicateOf` unless allowDuplicate=true. Content is encrypted before it is stored.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiCreatedResponse({
    type: DocumentResponse,
    description: 'Stored; ETag and Location headers are set.',
  })
  @ApiAcceptedResponse({
    type: DocumentResponse,
    description:
      'Kept while the virus scanner is unreachable (current.scan = pending): listed, but not served until it is scanned clean. ETag and Location are set.',
  })
  @ApiResponse({ status: 413, description: 'The file is larger than UPLOAD_MAX_BYTES.' })
  @ApiResponse({ status: 415, description: 'Not multipart, or the file is not an accepted type.' })
  @ApiResponse({ status: 422, description: 'Infected (signature named), or an unreadable image.' })
  @ApiResponse({ status: 503, description: 'The virus scanner or the document store is down.' })
  @ApiProblems(400, 401, 403, 404, 409)
  @Versioned()
  async upload(
    @Param() { id }: DefenderIdParams,
    @Req() req: FastifyRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { fields, file } = await validUpload(await readMultipart(req), UploadDocumentFieldsDto);
    const view = await this.documents.upload(id, fields, file, actor);
    void reply
      .status(view.current.scan === 'pending' ? 202 : 201)
      .header('Location', `/api/v1/documents/${view.id}`);
    return view;
  }

  @Get('defenders/:id/documents')
  @Roles(...STAFF)
  @ApiOperation({
    summary: "A case's documents",
    description:
      'Newest first, each with its latest version (keyset-paginated: follow nextCursor). Confidential documents only for assigned caseworkers, coordinators and admins; deleted ones never.',
  })
  @ApiOkResponse({ type: DocumentPageResponse })
  @ApiProblems(400, 401, 404)
  list(
    @Param() { id }: DefenderIdParams,
    @Query() query: DocumentListQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return this.documents.list(id, query, actor);
  }

  @Get('documents/:id')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'A document',
    description:
      'Its description and latest version; sourceIdentity for caseworkers, coordinators and admins. The ETag carries the version for If-Match.',
  })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiProblems(400, 401, 404)
  @Versioned()
  async get(@Param() { id }: DocumentIdParams, @CurrentActor() actor: AuthenticatedActor) {
    const view = await this.documents.get(id, actor);
    return view;
  }

  @Get('documents/:id/content')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Download a document',
    description:
      'The file (latest version, or ?version=N), decrypted as it streams: Content-Type from the content, Content-Disposition: attachment, X-Content-Type-Options: nosniff, X-Content-SHA256. Every download of a confidential document is audited. A version waiting for the virus check (scan pending) or quarantined answers 409 naming its state in `scan`.',
  })
  @ApiOkResponse({ description: 'The file.', content: DOWNLOAD_TYPES })
  @ApiProblems(400, 401, 404, 409)
  async content(
    @Param() { id }: DocumentIdParams,
    @Query() { version }: DocumentContentQueryDto,
    @CurrentActor() actor: AuthenticatedActor,
    @Res() reply: FastifyReply,
  ) {
    await sendDocumentFile(reply, await this.documents.content(id, actor, version), this.logger);
  }

  @Get('documents/:id/thumbnail')
  @Roles(...STAFF)
  @ApiOperation({
    summary: "A photo's thumbnail",
    description:
      'At most 320x320 pixels, WebP, without metadata (404 for documents that are not photos). Audited for confidential documents, as downloads are. 409 naming the state while the version waits for the virus check or once quarantined.',
  })
  @ApiOkResponse({
    description: 'The thumbnail.',
    content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 401, 404, 409)
  async thumbnail(
    @Param() { id }: DocumentIdParams,
    @CurrentActor() actor: AuthenticatedActor,
    @Res() reply: FastifyReply,
  ) {
    await sendDocumentFile(reply, await this.documents.thumbnail(id, actor), this.logger);
  }

  @Post('documents/:id/versions')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Upload a new version',
    description:
      'multipart/form-data with the file in a part named `file` (and optionally allowDuplicate). The same intake rules as an upload; earlier versions are kept. If-Match is optional: when sent, a stale version answers 412.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: VERSION_BODY_SCHEMA })
  @ApiHeader({ ...IF_MATCH_HEADER, required: false })
  @ApiCreatedResponse({ type: DocumentResponse, description: 'The document with its new version.' })
  @ApiAcceptedResponse({
    type: DocumentResponse,
    description:
      'The new version is kept while the virus scanner is unreachable (current.scan = pending): not served until it is scanned clean.',
  })
  @ApiResponse({ status: 413, description: 'The file is larger than UPLOAD_MAX_BYTES.' })
  @ApiResponse({ status: 415, description: 'Not multipart, or the file is not an accepted type.' })
  @ApiResponse({ status: 422, description: 'Infected (signature named), or an unreadable image.' })
  @ApiResponse({ status: 503, description: 'The virus scanner or the document store is down.' })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  @Versioned()
  async addVersion(
    @Param() { id }: DocumentIdParams,
    @Req() req: FastifyRequest,
    @IfMatchVersion({ optional: true }) expectedVersion: number | undefined,
    @CurrentActor() actor: AuthenticatedActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { fields, file } = await validUpload(await readMultipart(req), UploadVersionFieldsDto);
    const view = await this.documents.addVersion(
      id,
      file,
      { allowDuplicate: fields.allowDuplicate, expectedVersion },
      actor,
    );
    void reply.status(view.current.scan === 'pending' ? 202 : 201);
    return view;
  }

  @Get('documents/:id/versions')
  @Roles(...STAFF)
  @ApiOperation({
    summary: "A document's versions",
    description: 'Every version, newest first (download one with /content?version=N).',
  })
  @ApiOkResponse({ type: [DocumentVersionResponse] })
  @ApiProblems(400, 401, 404)
  versions(@Param() { id }: DocumentIdParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.documents.versions(id, actor);
  }

  @Patch('documents/:id')
  @Roles(...EDITORS)
  @ApiOperation({
    summary: 'Edit a document',
    description:
      'Partial update of title, kind, language, date, confidential, sourceIdentity, eventId, escalationId; needs If-Match. Only assigned caseworkers, coordinators and admins may mark it confidential (403).',
  })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: DocumentResponse })
  @ApiProblems(400, 401, 403, 404, 412, 428)
  @Versioned()
  async update(
    @Param() { id }: DocumentIdParams,
    @Body() body: UpdateDocumentDto,
    @IfMatchVersion() version: number,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const view = await this.documents.update(id, body, version, actor);
    return view;
  }

  @Delete('documents/:id')
  @Roles(...EDITORS)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a document',
    description:
      'Soft: it disappears from lists and reads (404), its files and rows are kept, and the deletion is audited.',
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@Param() { id }: DocumentIdParams, @CurrentActor() actor: AuthenticatedActor) {
    await this.documents.remove(id, actor);
  }
}
