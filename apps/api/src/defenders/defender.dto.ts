import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ACCESS_LEVELS,
  DEFENDER_STATUSES,
  HRD_FOCUSES,
  RISK_LEVELS,
  SEXES,
  type AccessLevel,
  type DefenderStatus,
  type HrdFocus,
  type RiskLevel,
  type Sex,
  CONTACT_RELATIONS,
  type ContactRelation,
} from '@witness/domain';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  IsEmail,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  IsOptionalNotNull,
  MaxChars,
  ToBoolean,
  ToInt,
  ToUpper,
  Trim,
} from '../http/validators';

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _.:/-]{0,49}$/u;

/** A contact in the defender's circle (sensitive: encrypted, only shown to roles allowed). */
export class ContactDto {
  @ApiProperty({ description: 'Name (1-200 characters).', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ description: 'Relation to the defender.', enum: CONTACT_RELATIONS })
  @IsIn(CONTACT_RELATIONS)
  relation: ContactRelation;

  @ApiPropertyOptional({
    type: String,
    description: 'Phone number (up to 50 characters).',
    maxLength: 50,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Email address.',
    maxLength: 254,
    nullable: true,
  })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Notes (up to 1,000 characters).',
    maxLength: 1000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string | null;
}

/** Fields a caseworker writes when creating a case record. */
export class CreateDefenderDto {
  @ApiProperty({
    description: 'Full name as used in the case (1-200 characters).',
    minLength: 1,
    maxLength: 200,
    example: 'Amina Haddad',
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxChars(200)
  fullName: string;

  @ApiPropertyOptional({
    type: String,
    description:
      'Family name(s), apart from the given names, as the UN questionnaires ask (up to 200 characters). Left empty, a dossier says "Not known" rather than guess it from the full name.',
    maxLength: 200,
    nullable: true,
    example: 'Haddad',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxChars(200)
  familyName?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Given name(s) (up to 200 characters).',
    maxLength: 200,
    nullable: true,
    example: 'Amina',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxChars(200)
  givenNames?: string | null;

  @ApiPropertyOptional({
    description: 'Other names, transliterations and aliases (up to 20, each up to 200 characters).',
    type: [String],
    example: ['أمينة حداد'],
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  otherNames?: string[];

  @ApiPropertyOptional({
    description: 'Sex, as the defender describes it.',
    enum: SEXES,
    nullable: true,
  })
  @IsOptional()
  @IsIn(SEXES)
  sex?: Sex | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Date of birth (YYYY-MM-DD), when known. Sets birthYear.',
    format: 'date',
    nullable: true,
    example: '1988-04-12',
  })
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string | null;

  @ApiPropertyOptional({
    type: Number,
    description: 'Year of birth, when only the year (or age) is known.',
    minimum: 1900,
    maximum: 2100,
    nullable: true,
    example: 1988,
  })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear?: number | null;

  @ApiPropertyOptional({
    description:
      'Every nationality, ISO 3166-1 alpha-2 codes (up to 5), the principal first. Empty when not known.',
    type: [String],
    example: ['EG', 'FR'],
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(5)
  @ToUpper()
  @IsISO31661Alpha2({
    each: true,
    message: 'each must be an ISO 3166-1 alpha-2 country code, e.g. KE',
  })
  nationalities?: string[];

  @ApiPropertyOptional({
    type: String,
    description:
      'One nationality (ISO 3166-1 alpha-2), as before `nationalities`: still accepted on writes (it sets nationalities to that one; null clears them) and shown as the first of `nationalities`. Do not send both.',
    nullable: true,
    minLength: 2,
    maxLength: 2,
    deprecated: true,
  })
  @IsOptional()
  @ToUpper()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code, e.g. KE' })
  nationality?: string | null;

  @ApiProperty({
    description: 'Country where the defender is detained, ISO 3166-1 alpha-2 code.',
    example: 'EG',
    minLength: 2,
    maxLength: 2,
  })
  @ToUpper()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code, e.g. KE' })
  country: string;

  @ApiPropertyOptional({
    type: String,
    description: 'Profession (up to 200 characters).',
    maxLength: 200,
    nullable: true,
    example: 'Journalist',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxChars(200)
  profession?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Organisation the defender works with (up to 200 characters).',
    maxLength: 200,
    nullable: true,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxChars(200)
  organisation?: string | null;

  @ApiPropertyOptional({
    type: String,
    description:
      'The human rights work believed to be the reason for the arrest, in words (up to 2,000 characters): the questionnaires ask for profession and activity.',
    maxLength: 2000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(2000)
  hrdActivity?: string | null;

  @ApiPropertyOptional({
    description: 'Areas of human rights work.',
    enum: HRD_FOCUSES,
    isArray: true,
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(HRD_FOCUSES.length)
  @IsIn(HRD_FOCUSES, { each: true })
  hrdFocus?: HrdFocus[];

  @ApiPropertyOptional({
    type: String,
    description: 'Short plain-text summary of the case (up to 1,000 characters).',
    maxLength: 1000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(1000)
  summary?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'The story, in Markdown (up to 50,000 characters). Not returned in lists.',
    maxLength: 50000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(50000)
  story?: string | null;

  @ApiPropertyOptional({
    description: 'Assessed risk to the defender.',
    enum: RISK_LEVELS,
    nullable: true,
  })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: RiskLevel | null;

  @ApiPropertyOptional({
    description:
      'standard: visible to all staff; restricted: need-to-know only. A caseworker may open a case as restricted (and is assigned to it); changing the access of an existing case is for coordinators and admins only (403 naming access).',
    enum: ACCESS_LEVELS,
    default: 'standard',
  })
  @IsOptionalNotNull()
  @IsIn(ACCESS_LEVELS)
  access?: AccessLevel;

  @ApiPropertyOptional({
    description:
      'Free tags for grouping cases (up to 30, each 1-50 letters, digits, spaces or _ . : / -).',
    type: [String],
    example: ['group:2024-cairo-13'],
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Matches(TAG, {
    each: true,
    message: 'each tag must be 1-50 letters, digits, spaces or _ . : / -',
  })
  tags?: string[];

  @ApiPropertyOptional({
    description:
      'Contacts of family, lawyers and colleagues (up to 20). Sensitive: encrypted at rest, shown only to caseworkers, coordinators and admins, never in lists or logs.',
    type: [ContactDto],
    nullable: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[] | null;

  @ApiPropertyOptional({
    type: String,
    description:
      'Confidential notes (up to 20,000 characters). Sensitive: encrypted at rest, never in lists or logs.',
    maxLength: 20000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  confidentialNotes?: string | null;

  @ApiPropertyOptional({
    type: String,
    description:
      'Address of usual residence (up to 1,000 characters), as the WGAD questionnaire asks. Sensitive: encrypted at rest, shown only to caseworkers, coordinators and admins on a single record, and only in the submission edition of a UN dossier; never in lists, exports or public output.',
    maxLength: 1000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(1000)
  usualAddress?: string | null;
}

/**
 * Any subset of the fields; `fullName` and `country` cannot be cleared. `null` clears only a
 * nullable field (the others are validated as given, so `null` is refused).
 */
export class UpdateDefenderDto extends PartialType(CreateDefenderDto, {
  skipNullProperties: false,
}) {}

export class DefenderListQueryDto {
  @ApiPropertyOptional({
    description:
      'Full-text search over names, other names, organisation, summary, story and event descriptions; accent- and case-insensitive, each word a prefix.',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Country of detention (ISO 3166-1 alpha-2).' })
  @IsOptional()
  @ToUpper()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code, e.g. KE' })
  country?: string;

  @ApiPropertyOptional({ description: 'Derived detention status.', enum: DEFENDER_STATUSES })
  @IsOptional()
  @IsIn(DEFENDER_STATUSES)
  status?: DefenderStatus;

  @ApiPropertyOptional({ description: 'Area of work.', enum: HRD_FOCUSES })
  @IsOptional()
  @IsIn(HRD_FOCUSES)
  hrdFocus?: HrdFocus;

  @ApiPropertyOptional({ description: 'Risk level.', enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: RiskLevel;

  @ApiPropertyOptional({ description: 'Tag (exact).', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({ description: 'Include archived records.', type: Boolean })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ description: 'Page size, 1-200.', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({
    description: "Opaque cursor from the previous page's nextCursor.",
    maxLength: 512,
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class ArchivedQueryDto {
  @ApiPropertyOptional({ description: 'Also find an archived record.', type: Boolean })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  archived?: boolean;
}

export class DefenderIdParams {
  @ApiProperty({ description: 'Defender id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;
}

/** A case record as returned by the API. */
export class DefenderResponse extends CreateDefenderDto {
  @ApiPropertyOptional({
    description:
      'The consent in force per purpose (public_profile, photo, un_submission, name_family_members, public_un_document): { state, granted, since, expiresOn }. Single record only.',
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CurrentConsentResponse' },
  })
  consents?: Record<string, unknown>;

  @ApiProperty({ description: 'Identifier.', format: 'uuid' })
  id: string;

  @ApiProperty({
    description: 'Current status, derived from the timeline.',
    enum: DEFENDER_STATUSES,
  })
  status: DefenderStatus;

  @ApiProperty({
    type: String,
    description: 'Start of the current detention episode, derived.',
    format: 'date',
    nullable: true,
  })
  detainedSince: string | null;

  @ApiProperty({
    description: 'Days in the current episode (from its start to today), derived.',
    nullable: true,
    type: Number,
  })
  daysDetained: number | null;

  @ApiProperty({ description: 'Days in detention over all episodes, derived.' })
  totalDaysDetained: number;

  @ApiProperty({
    type: String,
    description: 'When the timeline last changed.',
    format: 'date-time',
    nullable: true,
  })
  lastEventAt: string | null;

  @ApiProperty({
    type: String,
    description: 'When the record was archived; null when active.',
    format: 'date-time',
    nullable: true,
  })
  archivedAt: string | null;

  @ApiProperty({ description: 'Version for If-Match (also in the ETag header).' })
  version: number;

  @ApiProperty({ description: 'Created at.', format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'Last edited at.', format: 'date-time' })
  updatedAt: string;
}

/**
 * A case as a list shows it: the fields of a row (issue 24). The whole record, the story and
 * the sensitive fields included for those who may see them, is on GET /api/v1/defenders/{id}.
 */
export class DefenderListItemResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The display name.' })
  fullName: string;

  @ApiProperty({ description: 'Country of detention (ISO 3166-1 alpha-2).' })
  country: string;

  @ApiProperty({ description: 'Current status, derived from the timeline.', enum: DEFENDER_STATUSES })
  status: DefenderStatus;

  @ApiProperty({
    type: String,
    description: 'Start of the current detention episode, derived.',
    format: 'date',
    nullable: true,
  })
  detainedSince: string | null;

  @ApiProperty({
    description: 'Days in the current episode (from its start to today), derived.',
    nullable: true,
    type: Number,
  })
  daysDetained: number | null;

  @ApiProperty({ description: 'Risk level.', enum: RISK_LEVELS, nullable: true, type: String })
  riskLevel: RiskLevel | null;

  @ApiProperty({ description: 'Who may know of the case.', enum: ACCESS_LEVELS })
  access: AccessLevel;

  @ApiProperty({
    type: String,
    description: 'When the record was archived; null when active.',
    format: 'date-time',
    nullable: true,
  })
  archivedAt: string | null;

  @ApiProperty({ description: 'Version for If-Match.' })
  version: number;

  @ApiProperty({ description: 'Last edited at.', format: 'date-time' })
  updatedAt: string;
}

export class DefenderPageResponse {
  @ApiProperty({
    description:
      'This page of cases, as a list shows them (the whole record is on the detail route).',
    type: [DefenderListItemResponse],
  })
  data: DefenderListItemResponse[];

  @ApiProperty({
    description: 'Cursor for the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  nextCursor: string | null;

  @ApiProperty({
    description:
      'The next page: this request with its cursor (a path and query); null on the last page.',
    nullable: true,
    type: String,
  })
  next: string | null;
}
