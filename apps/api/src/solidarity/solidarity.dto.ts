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

  @ApiPropertyOptional({ description: 'Email.', nullable: true, maxLength: 254 })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({ description: 'Phone.', nullable: true, maxLength: 50 })
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

  @ApiPropertyOptional({ description: 'Country (ISO 3166-1 alpha-2).', nullable: true })
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
  @ApiPropertyOptional({ description: 'Signatures gathered.', minimum: 0, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  signatures?: number | null;
  @ApiPropertyOptional({ description: 'People who took part.', minimum: 0, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  participants?: number | null;
  @ApiPropertyOptional({ description: 'Organisations that joined.', minimum: 0, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  organisations?: number | null;
  @ApiPropertyOptional({ description: 'Social-media impressions.', minimum: 0, nullable: true })
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

  @ApiPropertyOptional({ description: 'What came of it.', nullable: true, maxLength: 20000 })
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
