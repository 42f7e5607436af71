import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  DOCUMENT_KINDS,
  FILE_TYPES,
  SCAN_STATES,
  type DocumentKind,
  type FileType,
  type ScanState,
} from '@witness/domain';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../cases/history.dto';
import {
  IsCalendarDate,
  IsOptionalNotNull,
  MaxChars,
  ToBoolean,
  ToInt,
  Trim,
} from '../http/validators';

/** A language tag: `ar`, `fr`, `pt-BR`, `zh-Hant` (BCP 47, as far as a form needs). */
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/;

/** In a form, a blank optional field means "not given". */
const BlankAsAbsent = () => Transform(({ value }) => (value === '' ? undefined : value));

const title = {
  description: 'Short title (1-300 characters), e.g. "Arrest warrant, 12 March 2026".',
  minLength: 1,
  maxLength: 300,
};
const kind = { description: 'What the document is.', enum: DOCUMENT_KINDS };
const language = {
  description: 'The language it is written in (BCP 47 tag: ar, en, fr, pt-BR).',
  maxLength: 35,
  example: 'ar',
};
const date = {
  description: "The date the document bears (YYYY-MM-DD), e.g. a warrant's issue date.",
  format: 'date',
};
const confidential = {
  description:
    'Only the caseworkers assigned to the case, coordinators and admins see it (others: 404). Only they may set it.',
  default: false,
};
const sourceIdentity = {
  description:
    'Who provided it (up to 2,000 characters). Sensitive: encrypted, shown only on the single document and never to viewers, never logged, redacted in the audit trail.',
  maxLength: 2000,
};
const eventId = {
  description: 'A timeline event of the same case it documents (uuid).',
  format: 'uuid',
};
const escalationId = {
  description: 'An escalation concerning the case it belongs to (uuid).',
  format: 'uuid',
};
const allowDuplicate = {
  description:
    'Keep it even if the same file (same SHA-256) is already on the case; otherwise that answers 409 naming the document that has it.',
  default: false,
};

/**
 * The text fields of an upload (multipart/form-data parts; the file is the part `file`).
 * Values arrive as text: `confidential=true`, `date=2026-03-12`.
 */
export class UploadDocumentFieldsDto {
  @ApiProperty(title)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxChars(300)
  title: string;

  @ApiProperty(kind)
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;

  @ApiPropertyOptional(language)
  @BlankAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(35)
  @Matches(LANGUAGE_TAG, { message: 'must be a language tag such as ar, en, fr or pt-BR' })
  language?: string;

  @ApiPropertyOptional(date)
  @BlankAsAbsent()
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ ...confidential, enum: ['true', 'false'] })
  @BlankAsAbsent()
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'must be true or false' })
  confidential?: boolean;

  @ApiPropertyOptional(sourceIdentity)
  @BlankAsAbsent()
  @IsOptional()
  @IsString()
  @MaxChars(2000)
  sourceIdentity?: string;

  @ApiPropertyOptional(eventId)
  @BlankAsAbsent()
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  eventId?: string;

  @ApiPropertyOptional(escalationId)
  @BlankAsAbsent()
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  escalationId?: string;

  @ApiPropertyOptional({ ...allowDuplicate, enum: ['true', 'false'] })
  @BlankAsAbsent()
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'must be true or false' })
  allowDuplicate?: boolean;
}

/** The text fields of a new version (multipart/form-data; the file is the part `file`). */
export class UploadVersionFieldsDto {
  @ApiPropertyOptional({ ...allowDuplicate, enum: ['true', 'false'] })
  @BlankAsAbsent()
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'must be true or false' })
  allowDuplicate?: boolean;
}

const FILE_PART = {
  type: 'string',
  format: 'binary',
  description:
    'The file (one). Accepted: PDF, JPEG, PNG, WebP, DOCX, ODT, plain UTF-8 text, recognised by content; at most UPLOAD_MAX_BYTES.',
};

/** OpenAPI schema of the upload body (multipart/form-data). */
export const UPLOAD_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['file', 'title', 'kind'],
  properties: {
    file: FILE_PART,
    title: { type: 'string', ...title },
    kind: { type: 'string', description: kind.description, enum: [...DOCUMENT_KINDS] },
    language: { type: 'string', ...language },
    date: { type: 'string', ...date },
    confidential: {
      type: 'string',
      enum: ['true', 'false'],
      description: confidential.description,
    },
    sourceIdentity: { type: 'string', ...sourceIdentity },
    eventId: { type: 'string', ...eventId },
    escalationId: { type: 'string', ...escalationId },
    allowDuplicate: {
      type: 'string',
      enum: ['true', 'false'],
      description: allowDuplicate.description,
    },
  },
};

export const VERSION_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['file'],
  properties: {
    file: FILE_PART,
    allowDuplicate: {
      type: 'string',
      enum: ['true', 'false'],
      description: allowDuplicate.description,
    },
  },
};

/** Any subset of the describing fields (JSON). The file changes only by a new version. */
export class UpdateDocumentDto {
  @ApiPropertyOptional(title)
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxChars(300)
  title?: string;

  @ApiPropertyOptional(kind)
  @IsOptionalNotNull()
  @IsIn(DOCUMENT_KINDS)
  kind?: DocumentKind;

  @ApiPropertyOptional({ ...language, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  @Matches(LANGUAGE_TAG, { message: 'must be a language tag such as ar, en, fr or pt-BR' })
  language?: string | null;

  @ApiPropertyOptional({ ...date, nullable: true, type: String })
  @IsOptional()
  @IsCalendarDate()
  date?: string | null;

  @ApiPropertyOptional(confidential)
  @IsOptionalNotNull()
  @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({ ...sourceIdentity, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxChars(2000)
  sourceIdentity?: string | null;

  @ApiPropertyOptional({ ...eventId, nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  eventId?: string | null;

  @ApiPropertyOptional({ ...escalationId, nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  escalationId?: string | null;
}

export class DocumentIdParams {
  @ApiProperty({ description: 'Document id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;
}

export class DocumentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this kind.', enum: DOCUMENT_KINDS })
  @IsOptional()
  @IsIn(DOCUMENT_KINDS)
  kind?: DocumentKind;

  @ApiPropertyOptional({ description: 'Only those linked to this timeline event.', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  eventId?: string;

  @ApiPropertyOptional({ description: 'Only those linked to this escalation.', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  escalationId?: string;
}

export class DocumentContentQueryDto {
  @ApiPropertyOptional({
    description: 'An earlier version number (default: the latest).',
    minimum: 1,
  })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100000)
  version?: number;
}

export class DocumentVersionResponse {
  @ApiProperty({ description: 'Version id.', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Version number, 1 for the first upload.' }) versionNo: number;
  @ApiProperty({ description: 'File name (sanitised, with the extension of its real type).' })
  fileName: string;
  @ApiProperty({ description: 'Type recognised from the content.', enum: Object.keys(FILE_TYPES) })
  fileType: FileType;
  @ApiProperty({ description: 'Content-Type it is served with.' }) contentType: string;
  @ApiProperty({ description: 'Size in bytes, as served.' }) sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the file as uploaded (hex).' }) sha256: string;
  @ApiProperty({
    description:
      'SHA-256 of the file as served (hex): differs from sha256 for photos, whose metadata was removed.',
  })
  storedSha256: string;
  @ApiProperty({ description: 'Width in pixels (photos).', nullable: true, type: Number })
  width: number | null;
  @ApiProperty({ description: 'Height in pixels (photos).', nullable: true, type: Number })
  height: number | null;
  @ApiProperty({ description: 'A thumbnail is available (photos).' }) hasThumbnail: boolean;
  @ApiProperty({
    description:
      'clean: scanned by ClamAV; not_scanned: no scanner was configured; not_applicable: a photo, re-encoded from its pixels; pending: kept while ClamAV was unreachable, not served (409) until the worker has scanned it; quarantined: ClamAV found malware when it was scanned later, its content destroyed, never served.',
    enum: SCAN_STATES,
  })
  scan: ScanState;
  @ApiProperty({ description: 'EXIF/GPS/XMP/IPTC/ICC metadata was removed.' })
  metadataRemoved: boolean;
  @ApiProperty({ description: 'Who uploaded it.', format: 'uuid', nullable: true, type: String })
  uploadedBy: string | null;
  @ApiProperty({ description: 'When.', format: 'date-time' }) uploadedAt: string;
}

export class DocumentResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The case.', format: 'uuid' }) defenderId: string;
  @ApiProperty({ ...eventId, nullable: true, type: String }) eventId: string | null;
  @ApiProperty({ ...escalationId, nullable: true, type: String }) escalationId: string | null;
  @ApiProperty({ description: 'Title.' }) title: string;
  @ApiProperty(kind) kind: DocumentKind;
  @ApiProperty({ ...language, nullable: true, type: String }) language: string | null;
  @ApiProperty({ ...date, nullable: true, type: String }) date: string | null;
  @ApiProperty(confidential) confidential: boolean;
  @ApiPropertyOptional({
    ...sourceIdentity,
    nullable: true,
    type: String,
    description: 'Who provided it: only on GET /documents/:id, never for viewers.',
  })
  sourceIdentity?: string | null;
  @ApiProperty({ description: 'The latest version.', type: DocumentVersionResponse })
  current: DocumentVersionResponse;
  @ApiProperty({ description: 'How many versions there are.' }) versionCount: number;
  @ApiProperty({ description: 'Who created it.', format: 'uuid', nullable: true, type: String })
  createdBy: string | null;
  @ApiProperty({ description: 'Version for If-Match (also in the ETag header).' })
  version: number;
  @ApiProperty({ description: 'Created at.', format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Last changed at.', format: 'date-time' }) updatedAt: string;
}

export class DocumentPageResponse {
  @ApiProperty({ description: 'This page, newest first.', type: [DocumentResponse] })
  data: DocumentResponse[];

  @ApiProperty({
    description: 'Cursor for the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  nextCursor: string | null;
}
