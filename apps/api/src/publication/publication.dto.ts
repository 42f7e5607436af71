import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  UNPUBLISH_REASONS,
  type PublicationBlockerCode,
  type UnpublishReason,
} from '@witness/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull, MaxChars, Trim } from '../http/validators';

export class PublicPhotoDto {
  @ApiProperty({
    description: 'Address of a photo already cleared for publication (http or https).',
    maxLength: 2000,
  })
  @IsString()
  @MaxChars(2000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  url: string;

  @ApiProperty({ description: 'Text alternative describing the photo (1-300 characters).' })
  @Trim()
  @IsString()
  @Length(1, 300)
  @MaxChars(300)
  alt: string;
}

export class PutPublicationDto {
  @ApiProperty({
    description:
      'true features the profile on the public feed (needs the current public_profile consent, and photo consent for a photo); false unpublishes it.',
  })
  @IsBoolean()
  featured: boolean;

  @ApiPropertyOptional({
    description:
      "The name shown publicly (1-200 characters). Defaults to the defender's full name when the publication is first saved. The slug is made from it once and then kept.",
    maxLength: 200,
  })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @Length(1, 200)
  @MaxChars(200)
  displayName?: string;

  @ApiPropertyOptional({
    description:
      'Public summary (1-1,000 characters). Required when the publication is first saved.',
    maxLength: 1000,
  })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @Length(1, 1000)
  @MaxChars(1000)
  publicSummary?: string;

  @ApiPropertyOptional({
    type: String,
    description: 'The public (first-person) story, up to 20,000 characters; null removes it.',
    nullable: true,
    maxLength: 20000,
  })
  @IsOptional()
  @IsString()
  @MaxChars(20000)
  publicStory?: string | null;

  @ApiPropertyOptional({
    description:
      'A photo cleared for publication, by address (needs photo consent); null removes it. Setting it removes a photo document chosen before.',
    type: PublicPhotoDto,
    nullable: true,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PublicPhotoDto)
  photo?: PublicPhotoDto | null;

  @ApiPropertyOptional({
    description:
      'A document of this defender as the public photo: of kind photo, an image (JPEG, PNG, WebP), not confidential, not deleted; else 400 naming this field. Needs the current photo consent (409 consent_required, purpose photo), even before featuring. The feed serves a resized copy without metadata at /public/v1/defenders/{slug}/photo, only while all of this still holds. Replaces a photo given by address; null removes it. Not together with photo.',
    nullable: true,
    type: String,
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  photoDocumentId?: string | null;

  @ApiPropertyOptional({
    type: String,
    description:
      'Text alternative of the photo document (1-300 characters; null: "Photo of <display name>"). Shown publicly: never put in it what the profile does not say.',
    nullable: true,
    maxLength: 300,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 300)
  @MaxChars(300)
  photoAlt?: string | null;

  @ApiPropertyOptional({
    description:
      'Timeline events (arrest, rearrest, charge, verdict, sentence, appeal) of this defender whose charges and legal basis the public profile shows (up to 50). Replaces the list.',
    type: [String],
    format: 'uuid',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each must be a uuid' })
  publicChargeEventIds?: string[];
}

export class PublicationBlockerResponse {
  @ApiProperty({
    description: 'What keeps the profile (or its photo) off the public feed.',
    enum: [
      'consent_required',
      'photo_consent_required',
      'photo_unavailable',
      'defender_restricted',
      'defender_archived',
    ],
  })
  code: PublicationBlockerCode;

  @ApiProperty({ description: 'In words.' })
  message: string;
}

export class PublicationResponse {
  @ApiProperty({ description: 'The defender (uuid).', format: 'uuid' })
  defenderId: string;
  @ApiProperty({ description: 'Stable public address (kept when unpublished and featured again).' })
  slug: string;
  @ApiProperty({ description: 'Featured by a coordinator.' })
  featured: boolean;
  @ApiProperty({
    description:
      'The public feed shows it right now: featured, standard access, not archived, public_profile consent in force.',
  })
  live: boolean;
  @ApiProperty({ description: 'Where the public feed serves this profile.' })
  publicUrl: string;
  @ApiProperty({ description: 'The name shown publicly.' })
  displayName: string;
  @ApiProperty({ description: 'Public summary.' })
  publicSummary: string;
  @ApiProperty({ description: 'Public story.', nullable: true, type: String })
  publicStory: string | null;
  @ApiProperty({
    description: 'The photo (shown only with photo consent).',
    nullable: true,
    type: PublicPhotoDto,
  })
  photo: PublicPhotoDto | null;
  @ApiProperty({
    description:
      'The document chosen as the public photo (shown only with photo consent, while it is a live, non-confidential photo: see blockers).',
    nullable: true,
    type: String,
    format: 'uuid',
  })
  photoDocumentId: string | null;
  @ApiProperty({
    description: 'Text alternative of the photo document (null: the default).',
    nullable: true,
    type: String,
  })
  photoAlt: string | null;
  @ApiProperty({ description: 'Charge events cleared for publication.', type: [String] })
  publicChargeEventIds: string[];
  @ApiProperty({ description: 'When it was first featured.', nullable: true, type: String })
  firstFeaturedAt: string | null;
  @ApiProperty({
    description: 'When the current featured period began.',
    nullable: true,
    type: String,
  })
  publishedAt: string | null;
  @ApiProperty({ description: 'When it was last unpublished.', nullable: true, type: String })
  unpublishedAt: string | null;
  @ApiProperty({
    description: 'Why it was last unpublished.',
    nullable: true,
    enum: UNPUBLISH_REASONS,
  })
  unpublishedReason: UnpublishReason | null;
  @ApiProperty({
    description: 'What keeps it (or its photo) off the feed now.',
    type: [PublicationBlockerResponse],
  })
  blockers: PublicationBlockerResponse[];
  @ApiProperty({ description: 'Version (the ETag); send it in If-Match to change it.' })
  version: number;
  @ApiProperty({ description: 'Created.' })
  createdAt: string;
  @ApiProperty({ description: 'Last changed.' })
  updatedAt: string;
}
