import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsOptionalNotNull } from '../http/validators';

/** Options of a feed being created or rotated. */
export class IssueCalendarFeedDto {
  @ApiPropertyOptional({
    description:
      'Show the names of defenders of standard cases in the feed. Off by default: calendar services (Google, Microsoft) fetch and keep what the feed says. Restricted cases are never named. Absent keeps the current setting.',
    default: false,
  })
  @IsOptionalNotNull()
  @IsBoolean()
  includeNames?: boolean;
}

export class CalendarFeedResponse {
  @ApiProperty({ description: 'Whether you have a working feed URL.' })
  active: boolean;

  @ApiProperty({ description: 'Names of defenders of standard cases are shown.' })
  includeNames: boolean;

  @ApiProperty({
    description: 'When the feed was created; null if never.',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  createdAt: string | null;

  @ApiProperty({
    description: 'When its URL was last replaced; null if never.',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  rotatedAt: string | null;

  @ApiProperty({
    description:
      'When a calendar last fetched the current URL (to within 15 minutes); null if not yet.',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  lastUsedAt: string | null;

  @ApiProperty({
    description: 'When it was revoked; null unless revoked.',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  revokedAt: string | null;
}

export class IssuedCalendarFeedResponse extends CalendarFeedResponse {
  @ApiProperty({
    description:
      'The private feed URL, shown this once (only a hash of its secret is kept). Anyone with it can read the feed.',
    example: 'https://witness.example.org/api/v1/calendar-feeds/3q2-7w…Yk.ics',
  })
  url: string;

  @ApiProperty({
    description:
      'The same URL as webcal://, which Outlook and Apple Calendar open as a subscription.',
  })
  webcalUrl: string;
}
