import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  PARTNER_KINDS,
  type ActionStatus,
  type ActionType,
  type PartnerKind,
  ECOSOC_STATUSES,
  type EcosocStatus,
} from '@witness/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../cases/history.dto';
import {
  IsCalendarDate,
  IsOptionalNotNull,
  OptionalIdList,
  ToUpper,
  Trim,
} from '../http/validators';

export class ContactPersonDto {
  @ApiProperty({ description: 'Name of the contact person.', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ type: String, description: 'Email.', nullable: true, maxLength: 254 })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({ type: String, description: 'Phone.', nullable: true, maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string | null;
}

export class CreatePartnerDto {
  @ApiProperty({ description: 'Organisation name (1-200 characters).', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({
    type: String,
    description: 'Country (ISO 3166-1 alpha-2).',
    nullable: true,
  })
  @IsOptional()
  @ToUpper()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code, e.g. KE' })
  country?: string | null;

  @ApiProperty({ description: 'member, partner, network or other.', enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind: PartnerKind;

  @ApiPropertyOptional({
    description:
      'ECOSOC consultative status (general, special, roster, or none: the default). Human Rights Council written and oral statements are for organisations in consultative status.',
    enum: ECOSOC_STATUSES,
  })
  @IsOptional()
  @IsIn(ECOSOC_STATUSES)
  ecosocStatus?: EcosocStatus;

  @ApiPropertyOptional({
    description:
      'Contact person. Sensitive: encrypted; shown on a single partner to non-viewers only.',
    type: ContactPersonDto,
    nullable: true,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactPersonDto)
  contactPerson?: ContactPersonDto | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Notes (up to 5,000 characters).',
    nullable: true,
    maxLength: 5000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}

/** `null` clears only a nullable field: the required ones are validated as given. */
export class UpdatePartnerDto extends PartialType(CreatePartnerDto, {
  skipNullProperties: false,
}) {}

export class ReachDto {
  @ApiPropertyOptional({
    type: Number,
    description: 'Signatures gathered.',
    minimum: 0,
    nullable: true,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  signatures?: number | null;
  @ApiPropertyOptional({
    type: Number,
    description: 'People who took part.',
    minimum: 0,
    nullable: true,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  participants?: number | null;
  @ApiPropertyOptional({
    type: Number,
    description: 'Organisations that joined.',
    minimum: 0,
    nullable: true,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  organisations?: number | null;
  @ApiPropertyOptional({
    type: Number,
    description: 'Social-media impressions.',
    minimum: 0,
    nullable: true,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  impressions?: number | null;
}

export class CreateActionDto {
  @OptionalIdList('Defenders the action stands with (up to 100).')
  defenderIds?: string[];

  @OptionalIdList('Partner organisations that took part (up to 100).')
  partnerIds?: string[];

  @ApiProperty({ description: 'Kind of action.', enum: ACTION_TYPES })
  @IsIn(ACTION_TYPES)
  type: ActionType;

  @ApiProperty({ description: 'Title (1-300 characters).', maxLength: 300 })
  @Trim()
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiPropertyOptional({
    type: String,
    description: 'Description (up to 20,000 characters).',
    nullable: true,
    maxLength: 20000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string | null;

  @ApiProperty({ description: 'First day (YYYY-MM-DD).', format: 'date' })
  @IsCalendarDate()
  startsOn: string;

  @ApiPropertyOptional({
    type: String,
    description: 'Last day (YYYY-MM-DD), not before startsOn.',
    format: 'date',
    nullable: true,
  })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  @ApiPropertyOptional({ description: 'Reach of the action.', type: ReachDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => ReachDto)
  reach?: ReachDto;

  @ApiPropertyOptional({
    type: String,
    description: 'What came of it.',
    nullable: true,
    maxLength: 20000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  outcome?: string | null;

  @ApiPropertyOptional({ description: 'Links (http or https, up to 20).', type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { each: true, message: 'each must be an http(s) URL' },
  )
  links?: string[];

  @ApiPropertyOptional({
    description: 'planned, done or cancelled.',
    enum: ACTION_STATUSES,
    default: 'planned',
  })
  @IsOptionalNotNull()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;

  @ApiPropertyOptional({
    description:
      'Shown (title, type, dates, links) on the public profiles of its featured defenders. Set or changed by coordinators and admins only: from anyone else true on creation, or any value on an edit, is refused with 403 naming isPublic.',
    default: false,
  })
  @IsOptionalNotNull()
  @IsBoolean()
  isPublic?: boolean;
}

/** `null` clears only a nullable field: the required ones are validated as given. */
export class UpdateActionDto extends PartialType(CreateActionDto, { skipNullProperties: false }) {}

export class ActionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Standing with this defender.', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  defenderId?: string;
  @ApiPropertyOptional({ description: 'With this partner.', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  partnerId?: string;
  @ApiPropertyOptional({ description: 'Kind of action.', enum: ACTION_TYPES })
  @IsOptional()
  @IsIn(ACTION_TYPES)
  type?: ActionType;
  @ApiPropertyOptional({ description: 'Status.', enum: ACTION_STATUSES })
  @IsOptional()
  @IsIn(ACTION_STATUSES)
  status?: ActionStatus;
  @ApiPropertyOptional({ description: 'Actions running on or after this day.', format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ description: 'Actions starting on or before this day.', format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class IdParams {
  @ApiProperty({ description: 'Identifier (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;
}

/** A partner organisation as the API shows it. */
export class PartnerResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Organisation name.', example: 'Front Line Defenders' })
  name: string;

  @ApiProperty({
    type: String,
    description: 'Country (ISO 3166-1 alpha-2).',
    nullable: true,
    example: 'KE',
  })
  country: string | null;

  @ApiProperty({ description: 'Member or partner of the alliance.', enum: PARTNER_KINDS })
  kind: PartnerKind;

  @ApiPropertyOptional({
    description:
      'The contact person (sensitive, encrypted at rest): on a single partner, for roles allowed to see sensitive fields; null when there is none.',
    type: ContactPersonDto,
    nullable: true,
  })
  contactPerson?: ContactPersonDto | null;

  @ApiProperty({ type: String, description: 'Notes.', nullable: true })
  notes: string | null;

  @ApiProperty({ description: 'Version for If-Match.', example: 1 })
  version: number;

  @ApiProperty({ description: 'When it was recorded.', format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'When it last changed.', format: 'date-time' })
  updatedAt: string;
}

/** A solidarity action as the API shows it. */
export class ActionResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Defenders the action stands with.', type: [String] })
  defenderIds: string[];

  @ApiProperty({ description: 'Partner organisations that took part.', type: [String] })
  partnerIds: string[];

  @ApiProperty({ description: 'Kind of action.', enum: ACTION_TYPES })
  type: ActionType;

  @ApiProperty({ description: 'Title.', example: 'Letter to the Attorney General' })
  title: string;

  @ApiProperty({ type: String, description: 'Description.', nullable: true })
  description: string | null;

  @ApiProperty({ description: 'First day (YYYY-MM-DD).', format: 'date' })
  startsOn: string;

  @ApiProperty({
    type: String,
    description: 'Last day (YYYY-MM-DD).',
    format: 'date',
    nullable: true,
  })
  endsOn: string | null;

  @ApiProperty({
    description: 'Reach of the action (the figures recorded so far).',
    type: ReachDto,
  })
  reach: ReachDto;

  @ApiProperty({ type: String, description: 'What came of it.', nullable: true })
  outcome: string | null;

  @ApiProperty({ description: 'Links (http or https).', type: [String] })
  links: string[];

  @ApiProperty({ description: 'planned, done or cancelled.', enum: ACTION_STATUSES })
  status: ActionStatus;

  @ApiProperty({ description: 'Shown on the public profiles of its featured defenders.' })
  isPublic: boolean;

  @ApiProperty({ description: 'Version for If-Match.', example: 1 })
  version: number;

  @ApiProperty({ description: 'When it was recorded.', format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'When it last changed.', format: 'date-time' })
  updatedAt: string;
}

export class ActionPageResponse {
  @ApiProperty({ description: 'This page, newest first.', type: [ActionResponse] })
  data: ActionResponse[];

  @ApiProperty({
    description: 'Cursor for the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  nextCursor: string | null;
}
