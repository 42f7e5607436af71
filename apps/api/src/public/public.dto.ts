import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTION_TYPES,
  DEFENDER_STATUSES,
  EVENT_TYPES,
  HRD_FOCUSES,
  PUBLIC_PHOTO_MAX_SIDE,
  PUBLIC_PHOTO_TOKEN_PATTERN,
  SLUG_PATTERN,
  type ActionType,
  type DefenderStatus,
  type EventType,
  type HrdFocus,
} from '@witness/domain';
import {
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ToInt, ToUpper } from '../http/validators';

export const PUBLIC_PAGE_MAX = 50;

export class PublicListQueryDto {
  @ApiPropertyOptional({
    description: 'Only profiles of this country of detention (ISO 3166-1 alpha-2).',
  })
  @IsOptional()
  @ToUpper()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code, e.g. EG' })
  country?: string;

  @ApiPropertyOptional({ description: 'Only defenders with this focus.', enum: HRD_FOCUSES })
  @IsOptional()
  @IsIn(HRD_FOCUSES)
  focus?: HrdFocus;

  @ApiPropertyOptional({
    description: `Page size, 1-${PUBLIC_PAGE_MAX}.`,
    minimum: 1,
    maximum: PUBLIC_PAGE_MAX,
    default: 20,
  })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(PUBLIC_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'Cursor from the previous page.', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class PublicSlugParams {
  @ApiProperty({ description: 'Public address of the profile, e.g. amina-haddad.', maxLength: 120 })
  @IsString()
  @MaxLength(120)
  @Matches(SLUG_PATTERN, { message: 'must be lower-case letters and digits joined by dashes' })
  slug: string;
}

export class PublicPhotoQueryDto {
  @ApiPropertyOptional({
    description:
      "The version token from the profile's photo.url. A token that is not the current one gets 404 (the photo changed); without it, the current photo.",
    maxLength: 22,
  })
  @IsOptional()
  @IsString()
  @MaxLength(22)
  @Matches(PUBLIC_PHOTO_TOKEN_PATTERN, {
    message: 'must be the token of a photo URL (22 letters, digits, - or _)',
  })
  v?: string;
}

export class PublicPhotoResponse {
  @ApiProperty({
    description:
      "Address of the photo. A photo from the case's documents is served by the feed (/public/v1/defenders/{slug}/photo?v=…, a WebP copy without metadata); otherwise the address given.",
  })
  url: string;
  @ApiPropertyOptional({
    description: `Width of the feed's copy in pixels (at most ${PUBLIC_PHOTO_MAX_SIDE}); only for a photo the feed serves.`,
  })
  width?: number;
  @ApiPropertyOptional({
    description: `Height of the feed's copy in pixels (at most ${PUBLIC_PHOTO_MAX_SIDE}); only for a photo the feed serves.`,
  })
  height?: number;
  @ApiProperty({ description: 'Text alternative describing the photo.' })
  alt: string;
}

export class PublicChargeResponse {
  @ApiProperty({ description: 'Date of the event.', format: 'date' })
  date: string;
  @ApiProperty({ description: 'Kind of event.', enum: EVENT_TYPES })
  type: EventType;
  @ApiProperty({ description: 'The charges.', type: [String] })
  charges: string[];
  @ApiProperty({ description: 'The law used.', nullable: true, type: String })
  legalBasis: string | null;
}

export class PublicSolidarityActionResponse {
  @ApiProperty({ description: 'Title.' })
  title: string;
  @ApiProperty({ description: 'Kind of action.', enum: ACTION_TYPES })
  type: ActionType;
  @ApiProperty({ description: 'First day.', format: 'date' })
  startsOn: string;
  @ApiProperty({ description: 'Last day.', format: 'date', nullable: true, type: String })
  endsOn: string | null;
  @ApiProperty({ description: 'Links.', type: [String] })
  links: string[];
}

export class PublicProfileSummaryResponse {
  @ApiProperty({ description: 'Public address of the profile.' })
  slug: string;
  @ApiProperty({ description: 'Name shown publicly.' })
  displayName: string;
  @ApiProperty({ description: 'Country of detention (ISO 3166-1 alpha-2).' })
  country: string;
  @ApiProperty({ description: 'Their work as a defender.', enum: HRD_FOCUSES, isArray: true })
  focus: HrdFocus[];
  @ApiProperty({ description: 'Public summary.' })
  publicSummary: string;
  @ApiProperty({
    description: 'Photo (with photo consent only).',
    nullable: true,
    type: PublicPhotoResponse,
  })
  photo: PublicPhotoResponse | null;
  @ApiProperty({
    description: 'Current status, derived from the timeline.',
    enum: DEFENDER_STATUSES,
  })
  status: DefenderStatus;
  @ApiProperty({
    description: 'Start of the current detention.',
    nullable: true,
    type: String,
    format: 'date',
  })
  detainedSince: string | null;
  @ApiProperty({ description: 'Days in the current detention.', nullable: true, type: Number })
  daysDetained: number | null;
}

export class PublicProfileResponse extends PublicProfileSummaryResponse {
  @ApiProperty({ description: 'Public story.', nullable: true, type: String })
  publicStory: string | null;
  @ApiProperty({ description: 'Charges cleared for publication.', type: [PublicChargeResponse] })
  charges: PublicChargeResponse[];
  @ApiProperty({
    description: 'Public solidarity actions.',
    type: [PublicSolidarityActionResponse],
  })
  solidarityActions: PublicSolidarityActionResponse[];
}

export class PublicPageResponse {
  @ApiProperty({
    description: 'Featured profiles, most recently published first.',
    type: [PublicProfileSummaryResponse],
  })
  data: PublicProfileSummaryResponse[];
  @ApiProperty({
    description: 'Cursor of the next page; null on the last.',
    nullable: true,
    type: String,
  })
  nextCursor: string | null;
}
