import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, DELIVERY_STATES, type Channel, type DeliveryState } from '@witness/domain';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsOptionalNotNull, ToBoolean, ToInt } from '../http/validators';

export class InboxQueryDto {
  @ApiPropertyOptional({ description: 'Only notifications not yet read.', type: Boolean })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  unread?: boolean;

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

export class NotificationIdParams {
  @ApiProperty({ description: 'Notification id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;
}

export class NotificationResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Headline, e.g. "Hearing: Appeal hearing".' })
  title: string;

  @ApiProperty({ description: 'What is due and when.' })
  body: string;

  @ApiProperty({
    description: 'Path inside Witness to open, e.g. /defenders/<id>.',
    nullable: true,
    type: String,
  })
  link: string | null;

  @ApiProperty({
    description: 'The milestone it is about.',
    format: 'uuid',
    nullable: true,
    type: String,
  })
  milestoneId: string | null;

  @ApiProperty({
    description: 'The case it is about, if any.',
    format: 'uuid',
    nullable: true,
    type: String,
  })
  defenderId: string | null;

  @ApiProperty({ description: 'Sent after its moment (the system was down).' })
  late: boolean;

  @ApiProperty({
    description:
      'About a case you may no longer see (unassigned, or the case is now restricted): its title, text, link and ids are withheld (checked when read, so they come back with access).',
  })
  withheld: boolean;

  @ApiProperty({ description: 'Delivered at.', format: 'date-time' })
  createdAt: string;

  @ApiProperty({
    description: 'Read at; null while unread.',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  readAt: string | null;
}

export class NotificationPageResponse {
  @ApiProperty({ description: 'This page, newest first.', type: [NotificationResponse] })
  data: NotificationResponse[];

  @ApiProperty({
    description: 'Cursor for the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  nextCursor: string | null;
}

export class ReadAllResponse {
  @ApiProperty({ description: 'How many notifications were marked read.' })
  updated: number;
}

/** How the signed-in user wants reminders. */
export class NotificationPreferencesDto {
  @ApiProperty({
    description:
      'Channels on: in_app (the inbox), email (when the server has SMTP), webhook (needs webhookUrl). Empty: no reminders.',
    enum: CHANNELS,
    isArray: true,
    example: ['in_app', 'email'],
  })
  @IsArray()
  @ArrayMaxSize(CHANNELS.length)
  @ArrayUnique()
  @IsIn(CHANNELS, { each: true })
  channels: Channel[];

  @ApiPropertyOptional({
    type: String,
    description:
      'Where webhook reminders are POSTed (up to 500 characters), signed with HMAC-SHA256 in the Witness-Signature header. An https URL (http is accepted outside production) to a public address: loopback, private, link-local, unique-local and other internal addresses and names are refused (400 naming webhookUrl) unless the operator allow-listed the host (WEBHOOK_ALLOW_HOSTS), and checked again after DNS at each delivery. Redirects are not followed. Null or absent removes it.',
    maxLength: 500,
    nullable: true,
    example: 'https://chat.example.org/hooks/witness',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http or https URL' },
  )
  webhookUrl?: string | null;

  @ApiPropertyOptional({
    description:
      'Issue a new webhook signing secret (returned once in this answer); the old one stops working.',
    default: false,
  })
  @IsOptionalNotNull()
  @IsBoolean()
  regenerateWebhookSecret?: boolean;

  @ApiPropertyOptional({
    description:
      'Local hour (0-23, in your time zone) for a daily email digest of the day’s reminders; null for one email per reminder.',
    minimum: 0,
    maximum: 23,
    nullable: true,
    type: Number,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number | null;
}

export class NotificationPreferencesResponse {
  @ApiProperty({ description: 'Channels on.', enum: CHANNELS, isArray: true })
  channels: Channel[];

  @ApiProperty({
    description: 'Where webhook reminders go, if set.',
    nullable: true,
    type: String,
  })
  webhookUrl: string | null;

  @ApiPropertyOptional({
    description:
      'The webhook signing secret: returned only in the answer that created or regenerated it. Keep it; it is not shown again.',
  })
  webhookSecret?: string;

  @ApiProperty({
    description: 'Local hour of the daily digest; null when off.',
    nullable: true,
    type: Number,
  })
  digestHour: number | null;
}

export class DeliveryQueryDto {
  @ApiPropertyOptional({
    description: 'Only deliveries in this state, e.g. failed.',
    enum: DELIVERY_STATES,
  })
  @IsOptional()
  @IsIn(DELIVERY_STATES)
  status?: DeliveryState;

  @ApiPropertyOptional({ description: 'How many, 1-500.', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class DeliveryResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The milestone reminded of.', format: 'uuid' })
  milestoneId: string;

  @ApiProperty({ description: 'The remindBefore offset it is for, e.g. P1D.' })
  offset: string;

  @ApiProperty({ description: 'Who it is for (user id).', format: 'uuid' })
  recipientId: string;

  @ApiProperty({ description: 'How it goes out.', enum: CHANNELS })
  channel: Channel;

  @ApiProperty({ description: 'When it is (or was) due to go out.', format: 'date-time' })
  sendAt: string;

  @ApiProperty({
    description: 'pending, queued, sent, failed (after its retries) or cancelled.',
    enum: DELIVERY_STATES,
  })
  state: DeliveryState;

  @ApiProperty({ description: 'Sent after its moment (the system was down).' })
  late: boolean;

  @ApiProperty({ description: 'Delivery attempts made.' })
  attempts: number;

  @ApiProperty({ description: 'Why the last attempt failed.', nullable: true, type: String })
  lastError: string | null;

  @ApiProperty({
    description: 'When it was sent.',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  sentAt: string | null;
}
