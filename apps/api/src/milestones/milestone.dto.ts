import { PageQueryDto } from '../cases/history.dto';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  MILESTONE_KINDS,
  MILESTONE_SOURCES,
  MILESTONE_STATUSES,
  type MilestoneKind,
  type MilestoneSource,
  type MilestoneStatus,
} from '@witness/domain';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { IsOptionalNotNull, MaxChars, Trim } from '../http/validators';

/**
 * An ISO 8601 timestamp that says which zone it is in (`Z` or `+02:00`): a moment, never a
 * wall-clock time whose meaning depends on the server's zone.
 */
const ZONED_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export function IsZonedTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isZonedTimestamp',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message:
          'must be an ISO 8601 timestamp with a zone or offset, e.g. 2026-07-01T09:30:00+02:00 or 2026-07-01T07:30:00Z',
        ...options,
      },
      validator: {
        validate: (v: unknown) => {
          if (typeof v !== 'string' || !ZONED_TIMESTAMP.test(v)) return false;
          const ms = Date.parse(v);
          // The written date must exist (no 31 June) and fall in a range PostgreSQL stores.
          if (!Number.isFinite(ms)) return false;
          const [y, mo, d] = v.slice(0, 10).split('-').map(Number);
          const probe = new Date(Date.UTC(y, mo - 1, d));
          return (
            y >= 1900 &&
            y <= 2200 &&
            probe.getUTCMonth() === mo - 1 &&
            probe.getUTCDate() === d &&
            Number(v.slice(11, 13)) < 24
          );
        },
      },
    });
}

/** A milestone someone creates: a hearing, a UN deadline, a session to prepare for. */
export class CreateMilestoneDto {
  @ApiPropertyOptional({
    type: String,
    description:
      'The case it concerns (uuid). Omit or null for a general milestone (e.g. an HRC session); access to a case milestone follows the case.',
    format: 'uuid',
    nullable: true,
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  defenderId?: string | null;

  @ApiProperty({ description: 'What kind of milestone.', enum: MILESTONE_KINDS })
  @IsIn(MILESTONE_KINDS)
  kind: MilestoneKind;

  @ApiProperty({
    description: 'Short title (1-300 characters), shown in reminders.',
    minLength: 1,
    maxLength: 300,
    example: 'Appeal hearing, Cairo Criminal Court',
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxChars(300)
  title: string;

  @ApiProperty({
    description:
      'When it is due: an ISO 8601 timestamp WITH a zone or offset (Z or +02:00); one without is refused. For an all-day milestone the date as written is the due date.',
    format: 'date-time',
    example: '2026-07-01T09:30:00+02:00',
  })
  @IsZonedTimestamp()
  dueAt: string;

  @ApiPropertyOptional({
    description:
      "A day rather than a moment: reminders count from a fixed local hour on that date in each recipient's time zone.",
    default: false,
  })
  @IsOptionalNotNull()
  @IsBoolean()
  allDay?: boolean;

  @ApiPropertyOptional({
    description:
      'When to remind, before dueAt: ISO 8601 durations in weeks, days, hours or minutes (P7D, P1D, PT2H, P1DT12H), up to 366 days; at most 10. Default ["P1D"].',
    type: [String],
    example: ['P7D', 'P1D', 'PT2H'],
    maxItems: 10,
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  remindBefore?: string[];

  @ApiPropertyOptional({
    description:
      "Who is reminded (user ids of active caseworkers, coordinators or admins; at most 20). Default: the creator. Empty: the case's assignees.",
    type: [String],
    format: 'uuid',
    maxItems: 20,
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each value must be a uuid' })
  assigneeIds?: string[];

  @ApiPropertyOptional({
    type: String,
    description: 'Notes for the team (up to 5,000 characters). Never sent in emails or webhooks.',
    maxLength: 5000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(5000)
  notes?: string | null;

  @ApiPropertyOptional({
    description: 'open, done or cancelled. Done or cancelled milestones remind no one.',
    enum: MILESTONE_STATUSES,
    default: 'open',
  })
  @IsOptionalNotNull()
  @IsIn(MILESTONE_STATUSES)
  status?: MilestoneStatus;
}

/**
 * Any subset of the fields. On a derived milestone (source set) defenderId, kind, title,
 * dueAt and allDay follow the source and are refused here (409).
 */
export class UpdateMilestoneDto extends PartialType(CreateMilestoneDto, {
  skipNullProperties: false,
}) {}

export class MilestoneIdParams {
  @ApiProperty({ description: 'Milestone id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;
}

/** Filters for the milestone list. */
export class MilestoneListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this case (uuid).', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  defenderId?: string;

  @ApiPropertyOptional({ description: 'Only this kind.', enum: MILESTONE_KINDS })
  @IsOptional()
  @IsIn(MILESTONE_KINDS)
  kind?: MilestoneKind;

  @ApiPropertyOptional({ description: 'Only this status.', enum: MILESTONE_STATUSES })
  @IsOptional()
  @IsIn(MILESTONE_STATUSES)
  status?: MilestoneStatus;

  @ApiPropertyOptional({
    description: 'Only those this user is reminded of (uuid).',
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  assigneeId?: string;

  @ApiPropertyOptional({
    description: 'Due at or after this moment (ISO 8601 timestamp with zone).',
    format: 'date-time',
  })
  @IsOptional()
  @IsZonedTimestamp()
  from?: string;

  @ApiPropertyOptional({
    description: 'Due before this moment (ISO 8601 timestamp with zone).',
    format: 'date-time',
  })
  @IsOptional()
  @IsZonedTimestamp()
  to?: string;
}

/** The same filters, for one case's milestones (the case comes from the path). */
export class DefenderMilestonesQueryDto extends OmitType(MilestoneListQueryDto, ['defenderId']) {}

/** A derived milestone's title as a message: a key and its parameters. */
export class MilestoneTitleMessageResponse {
  @ApiProperty({ description: 'What the title says, e.g. anniversary, event, unDeadline.' })
  key: string;

  @ApiPropertyOptional({
    description: 'Its parameters: codes (an event type, a consent purpose, a country) and numbers.',
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string', nullable: true }, { type: 'number' }] },
  })
  params?: Record<string, string | number | null>;
}

/** A milestone as returned by the API. */
export class MilestoneResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' })
  id: string;

  @ApiProperty({
    description: 'The case it concerns; null for a general milestone.',
    format: 'uuid',
    nullable: true,
    type: String,
  })
  defenderId: string | null;

  @ApiProperty({ description: 'What kind of milestone.', enum: MILESTONE_KINDS })
  kind: MilestoneKind;

  @ApiProperty({ description: 'Short title.' })
  title: string;

  @ApiProperty({
    description:
      "A derived milestone's title as a message key and parameters (codes and numbers), so a client can word it in its reader's language; title is its English wording. Null for a milestone typed by a person. Keys: event {type, place}, anniversary {years}, profileReview, consentReview {purpose}, solidarityAction {title}, escalation {procedure, clock}, unDeadline {session, number, body, title, deadline, label, country}, text {text}.",
    nullable: true,
    type: MilestoneTitleMessageResponse,
  })
  titleMessage?: MilestoneTitleMessageResponse | null;

  @ApiProperty({ description: 'When it is due (UTC).', format: 'date-time' })
  dueAt: string;

  @ApiProperty({ description: 'A day rather than a moment (dueAt is 00:00Z of that date).' })
  allDay: boolean;

  @ApiProperty({
    description: 'Reminder offsets before dueAt (ISO 8601 durations).',
    type: [String],
  })
  remindBefore: string[];

  @ApiProperty({ description: 'Who is reminded (user ids).', type: [String], format: 'uuid' })
  assigneeIds: string[];

  @ApiProperty({ description: 'Notes for the team.', nullable: true, type: String })
  notes: string | null;

  @ApiProperty({ description: 'open, done or cancelled.', enum: MILESTONE_STATUSES })
  status: MilestoneStatus;

  @ApiProperty({
    description:
      'Where a derived milestone comes from (a timeline event, the arrest anniversary, the profile review, a consent); null when typed by a person.',
    enum: MILESTONE_SOURCES,
    nullable: true,
  })
  source: MilestoneSource | null;

  @ApiProperty({ description: 'Version for If-Match (also in the ETag header).' })
  version: number;

  @ApiProperty({ description: 'Created at.', format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'Last changed at.', format: 'date-time' })
  updatedAt: string;
}

export class MilestonePageResponse {
  @ApiProperty({ description: 'This page, by dueAt then id.', type: [MilestoneResponse] })
  data: MilestoneResponse[];

  @ApiProperty({
    description: 'Cursor for the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  nextCursor: string | null;
}
