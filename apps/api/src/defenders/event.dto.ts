import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  EVENT_TYPES,
  VERIFICATION_LEVELS,
  type EventType,
  type VerificationLevel,
} from '@witness/domain';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { IsCalendarDate, IsOptionalNotNull, MaxChars } from '../http/validators';

/** A dated fact on the detention timeline. */
export class CreateEventDto {
  @ApiProperty({
    description:
      'What happened. arrest, rearrest, disappearance and house_arrest open a detention episode (house arrest is a deprivation of liberty); release and conditional_release close it; death ends the timeline. pretrial_extension, incommunicado, lawyer_denied and visit_denied (family visits denied) are facts of the detention; complaint, habeas_corpus, release_request, appeal and hearings are domestic remedies with an outcome.',
    enum: EVENT_TYPES,
  })
  @IsIn(EVENT_TYPES)
  type: EventType;

  @ApiProperty({
    description:
      'Date it happened (YYYY-MM-DD). A future date is allowed only for a scheduled hearing, trial or verdict.',
    format: 'date',
    example: '2024-03-18',
  })
  @IsCalendarDate()
  occurredOn: string;

  @ApiPropertyOptional({
    type: String,
    description: 'What happened, in words (up to 10,000 characters). Searchable.',
    maxLength: 10000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional({
    type: String,
    description:
      'Where (place of arrest; court; prison a transfer went to; place of house arrest; up to 300 characters).',
    maxLength: 300,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(300)
  place?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Authority or force involved (up to 300 characters).',
    maxLength: 300,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(300)
  authority?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Law or decision invoked (up to 1,000 characters).',
    maxLength: 1000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(1000)
  legalBasis?: string | null;

  @ApiPropertyOptional({
    description: 'Charges brought (up to 50, each up to 300 characters).',
    type: [String],
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  charges?: string[];

  @ApiPropertyOptional({
    type: String,
    description: 'Sentence handed down (up to 500 characters).',
    maxLength: 500,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(500)
  sentence?: string | null;

  @ApiPropertyOptional({
    type: String,
    description:
      'The forces who carried out the arrest or hold the person (police, security service; up to 300 characters).',
    maxLength: 300,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(300)
  forces?: string | null;

  @ApiPropertyOptional({
    description:
      'arrest and rearrest only: was a warrant or other decision by a public authority shown? (null: not known)',
    nullable: true,
    type: Boolean,
  })
  @IsOptional()
  @IsBoolean()
  warrantShown?: boolean | null;

  @ApiPropertyOptional({
    type: String,
    description:
      'arrest and rearrest only: where the person was taken, the first place of detention (up to 300 characters).',
    maxLength: 300,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(300)
  takenTo?: string | null;

  @ApiPropertyOptional({
    type: String,
    description:
      'Periods only (incommunicado, lawyer_denied, visit_denied, hunger_strike, house_arrest, pretrial_extension): the last day (YYYY-MM-DD; for pretrial_extension, the date the detention is extended until, which may be ahead). Empty while it lasts.',
    format: 'date',
    nullable: true,
  })
  @IsOptional()
  @IsCalendarDate()
  endedOn?: string | null;

  @ApiPropertyOptional({
    type: String,
    description:
      'Remedies only (hearing, trial, verdict, appeal, complaint, habeas_corpus, release_request): the result, in words (up to 2,000 characters).',
    maxLength: 2000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(2000)
  outcome?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Remedies only: when the result was given (YYYY-MM-DD).',
    format: 'date',
    nullable: true,
  })
  @IsOptional()
  @IsCalendarDate()
  outcomeOn?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Where the information comes from (public reference; up to 1,000 characters).',
    maxLength: 1000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxChars(1000)
  source?: string | null;

  @ApiPropertyOptional({
    description: 'How well the fact is established.',
    enum: VERIFICATION_LEVELS,
    default: 'unverified',
  })
  @IsOptionalNotNull()
  @IsIn(VERIFICATION_LEVELS)
  verification?: VerificationLevel;

  @ApiPropertyOptional({
    type: String,
    description:
      'Who the information came from (up to 1,000 characters). Sensitive: encrypted at rest, shown only on a single event to caseworkers, coordinators and admins.',
    maxLength: 1000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  sourceIdentity?: string | null;
}

/** A correction: any subset of the fields (`null` clears only a nullable one). */
export class UpdateEventDto extends PartialType(CreateEventDto, { skipNullProperties: false }) {}

export class EventParams {
  @ApiProperty({ description: 'Defender id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;

  @ApiProperty({ description: 'Event id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  eventId: string;
}

export class EventResponse extends CreateEventDto {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The defender this event belongs to.', format: 'uuid' })
  defenderId: string;

  @ApiProperty({
    description: 'True when dated after today (a scheduled hearing, trial or verdict).',
  })
  scheduled: boolean;

  @ApiProperty({ description: 'Version for If-Match (also in the ETag header).' })
  version: number;

  @ApiProperty({ description: 'Recorded at.', format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'Last corrected at.', format: 'date-time' })
  updatedAt: string;
}
