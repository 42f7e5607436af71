import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  CALENDAR_ENTRY_KINDS,
  DEADLINE_KINDS,
  OPPORTUNITY_REASONS,
  REGIONAL_BODIES,
  type CalendarEntryKind,
  type DeadlineKind,
  type RegionalBody,
} from '@witness/domain';
import { Transform, Type } from 'class-transformer';
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
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../cases/history.dto';
import { IsCalendarDate, IsOptionalNotNull, MaxChars, Trim } from '../http/validators';

const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 country code, e.g. BD';
/** Country codes are compared in capitals; `bd` is taken as `BD`. */
const Upper = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
const UpperEach = () =>
  Transform(({ value }) =>
    Array.isArray(value)
      ? value.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v))
      : value,
  );

export class CalendarDeadlineDto {
  @ApiProperty({
    description:
      'What is due. HRC: written_statement, side_event_request, oral_statement_registration; WGAD: case_cutoff; UPR: stakeholder_submission; regional: submission; any: other.',
    enum: DEADLINE_KINDS,
  })
  @IsIn(DEADLINE_KINDS)
  kind: DeadlineKind;

  @ApiProperty({
    description: 'The day it is due (YYYY-MM-DD), not after the session ends.',
    format: 'date',
  })
  @IsCalendarDate()
  dueOn: string;

  @ApiPropertyOptional({
    type: String,
    description:
      "For one state only (ISO 3166-1 alpha-2, among the entry's countries), e.g. a UPR stakeholder submission deadline per state under review. Omit for all.",
    nullable: true,
    example: 'BD',
  })
  @IsOptional()
  @Upper()
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  country?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Own wording (up to 200 characters).',
    nullable: true,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxChars(200)
  label?: string | null;
}

/** A session or review on the UN (or a regional) calendar. */
export class CreateCalendarEntryDto {
  @ApiProperty({ description: 'What kind of session.', enum: CALENDAR_ENTRY_KINDS })
  @IsIn(CALENDAR_ENTRY_KINDS)
  kind: CalendarEntryKind;

  @ApiPropertyOptional({
    type: Number,
    description:
      'The session number (HRC 64, WGAD 108, UPR 50). Unique per kind (and body): importing the same session again updates it.',
    nullable: true,
    minimum: 1,
    maximum: 100000,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  number?: number | null;

  @ApiPropertyOptional({
    description: 'Required for a regional session, refused otherwise.',
    enum: REGIONAL_BODIES,
    nullable: true,
  })
  @IsOptional()
  @IsIn(REGIONAL_BODIES)
  body?: RegionalBody | null;

  @ApiProperty({
    description: 'Title (1-300 characters).',
    example: 'Human Rights Council, 64th regular session',
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxChars(300)
  title: string;

  @ApiProperty({ description: 'First day (YYYY-MM-DD).', format: 'date' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ description: 'Last day (YYYY-MM-DD), not before startsOn.', format: 'date' })
  @IsCalendarDate()
  endsOn: string;

  @ApiPropertyOptional({
    type: String,
    description: 'Where (up to 200 characters).',
    nullable: true,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxChars(200)
  location?: string | null;

  @ApiPropertyOptional({
    description:
      'ISO 3166-1 alpha-2 codes: the states under review (UPR, required), or the states concerned (regional, optional). At most 60.',
    type: [String],
    example: ['BD', 'TD'],
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(60)
  @UpperEach()
  @IsISO31661Alpha2({ each: true, message: `each value ${COUNTRY_MESSAGE}` })
  countries?: string[];

  @ApiPropertyOptional({
    description: 'Deadlines (at most 60); one per kind and state.',
    type: [CalendarDeadlineDto],
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => CalendarDeadlineDto)
  deadlines?: CalendarDeadlineDto[];

  @ApiPropertyOptional({
    type: String,
    description: 'Notes (up to 10,000 characters).',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(10000)
  notes?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Where the dates were published (http or https), so anyone can check them.',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  sourceUrl?: string | null;

  @ApiPropertyOptional({
    description: 'Demo data, to be checked against the published calendar.',
    default: false,
  })
  @IsOptionalNotNull()
  @IsBoolean()
  sample?: boolean;
}

/** Any subset; `deadlines` (when given) replaces the list, kept by kind and state. */
export class UpdateCalendarEntryDto extends PartialType(CreateCalendarEntryDto, {
  skipNullProperties: false,
}) {}

export class CalendarEntryIdParams {
  @ApiProperty({ description: 'Calendar entry id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;
}

export class CalendarListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CALENDAR_ENTRY_KINDS })
  @IsOptional()
  @IsIn(CALENDAR_ENTRY_KINDS)
  kind?: CalendarEntryKind;

  @ApiPropertyOptional({
    description:
      'Window start: entries with a session day or a deadline on or after this day (and on or before `to`).',
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    description: 'Window end (included).',
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Entries concerning this state (ISO alpha-2).' })
  @IsOptional()
  @Upper()
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  country?: string;
}

/** Page size (1-200) and cursor as every list; `country` narrows to one state. */
export class OpportunityQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only cases of this state (ISO alpha-2).' })
  @IsOptional()
  @Upper()
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  country?: string;
}

// --- responses (OpenAPI) -------------------------------------------------------------------

export class CalendarDeadlineResponse {
  @ApiProperty({ description: 'Id (uuid).', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Kind.', enum: DEADLINE_KINDS }) kind: string;
  @ApiProperty({ description: 'Due day (YYYY-MM-DD).', format: 'date' }) dueOn: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2 code, or null.', nullable: true, type: String })
  country: string | null;
  @ApiProperty({ description: 'Own wording, or null.', nullable: true, type: String }) label:
    string | null;
}

export class CalendarEntryResponse {
  @ApiProperty({ description: 'Id (uuid).', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Kind.', enum: CALENDAR_ENTRY_KINDS }) kind: string;
  @ApiProperty({ description: 'Session number, or null.', nullable: true, type: Number }) number:
    number | null;
  @ApiProperty({
    description: 'Regional body (regional sessions), else null.',
    nullable: true,
    enum: REGIONAL_BODIES,
  })
  body: string | null;
  @ApiProperty({ description: 'Title.' }) title: string;
  @ApiProperty({ description: 'First day.', format: 'date' }) startsOn: string;
  @ApiProperty({ description: 'Last day.', format: 'date' }) endsOn: string;
  @ApiProperty({ description: 'Where, or null.', nullable: true, type: String }) location:
    string | null;
  @ApiProperty({ description: 'States under review or concerned (ISO alpha-2).', type: [String] })
  countries: string[];
  @ApiProperty({ description: 'Deadlines, by day.', type: [CalendarDeadlineResponse] })
  deadlines: CalendarDeadlineResponse[];
  @ApiProperty({ description: 'Notes, or null.', nullable: true, type: String }) notes:
    string | null;
  @ApiProperty({
    description: 'Where the dates were published, or null.',
    nullable: true,
    type: String,
  })
  sourceUrl: string | null;
  @ApiProperty({ description: 'Demo data, to be checked against the published calendar.' })
  sample: boolean;
  @ApiProperty({ description: 'Version (send in If-Match).' }) version: number;
  @ApiProperty({ description: 'Created at.', format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Last changed at.', format: 'date-time' }) updatedAt: string;
}

export class CalendarPageResponse {
  @ApiProperty({ type: [CalendarEntryResponse], description: 'By first day, then id.' })
  data: CalendarEntryResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Null on the last page.' })
  nextCursor: string | null;
}

class OpportunityDefender {
  @ApiProperty({ description: 'Id (uuid).', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Full name.' }) fullName: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2 code, or null.' }) country: string;
  @ApiProperty({ description: 'Derived detention status.' }) status: string;
  @ApiProperty({ description: 'Access level.', enum: ['standard', 'restricted'] }) access: string;
  @ApiProperty({
    description: 'Detained since (current episode), or null.',
    nullable: true,
    type: String,
    format: 'date',
  })
  detainedSince: string | null;
}

class OpportunityEscalation {
  @ApiProperty({ description: 'Id (uuid).', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Kind.' }) kind: string;
  @ApiProperty({ description: 'Workflow state.' }) state: string;
  @ApiProperty({
    description: 'Owner (user id), or null.',
    nullable: true,
    type: String,
    format: 'uuid',
  })
  ownerId: string | null;
  @ApiProperty({
    description: 'Government reply due (WGAD), or null.',
    nullable: true,
    type: String,
    format: 'date',
  })
  replyDueOn: string | null;
  @ApiProperty({
    description: 'HRC session it is flagged for, or null.',
    nullable: true,
    type: String,
  })
  hrcSession: string | null;
}

export class OpportunityResponse {
  @ApiProperty({ description: 'The case.', type: OpportunityDefender })
  defender: OpportunityDefender;
  @ApiProperty({
    description: 'Which rule made the case fit.',
    enum: Object.keys(OPPORTUNITY_REASONS),
  })
  reason: string;
  @ApiProperty({ description: 'The rule, in words.' }) reasonText: string;
  @ApiProperty({
    description: 'The escalations that make it fit (none for a UPR state under review).',
    type: [OpportunityEscalation],
  })
  escalations: OpportunityEscalation[];
  @ApiProperty({ description: 'Deadlines, by day.', type: [CalendarDeadlineResponse] })
  deadlines: CalendarDeadlineResponse[];
}

export class OpportunityPageResponse {
  @ApiProperty({ description: 'The calendar entry.', type: CalendarEntryResponse })
  entry: CalendarEntryResponse;
  @ApiProperty({ type: [OpportunityResponse], description: 'By defender name, then id.' })
  data: OpportunityResponse[];
  @ApiProperty({
    description: 'Cursor for the next page; null on the last.',
    nullable: true,
    type: String,
  })
  nextCursor: string | null;
}
