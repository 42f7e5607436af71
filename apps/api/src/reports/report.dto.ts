import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  DEFENDER_STATUSES,
  ESCALATION_KINDS,
  INDICATOR_NAMES,
  MECHANISMS,
  PARTNER_KINDS,
  RECORD_KINDS,
} from '@witness/domain';
import { IsIn, IsISO31661Alpha2, IsOptional, IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../cases/history.dto';
import { IsCalendarDate, ToUpper } from '../http/validators';

export class ReportQueryDto {
  @ApiPropertyOptional({
    description:
      'First day of the period (YYYY-MM-DD, included). Default: 1 January of the year of `to`.',
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    description:
      'Last day of the period (YYYY-MM-DD, included). Default: today. Not before `from`, at most 20 years after it.',
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    description:
      "Only what concerns defenders detained in this country (ISO 3166-1 alpha-2): their records, and the escalations and actions concerning at least one of them. Partners are counted through those escalations, whatever the partner's own country.",
  })
  @IsOptional()
  @ToUpper()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code, e.g. KE' })
  country?: string;
}

export class IndicatorsQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    description: 'csv for the CSV download (same as sending Accept: text/csv); default json.',
    enum: ['json', 'csv'],
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class IndicatorRecordsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'First day of the period, as for the report.',
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    description: 'Last day of the period, as for the report.',
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Country filter, as for the report.' })
  @IsOptional()
  @ToUpper()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code, e.g. KE' })
  country?: string;
}

export class IndicatorParams {
  @ApiProperty({
    description: 'The indicator (its `name` in the report); another name answers 404.',
    enum: INDICATOR_NAMES,
  })
  @IsString()
  @Matches(/^[a-z_]{1,60}$/, { message: 'must be an indicator name such as new_profiles' })
  name: string;
}

export class ReportPeriodDto {
  @ApiProperty({ description: 'First day (included).', format: 'date' })
  from: string;
  @ApiProperty({ description: 'Last day (included).', format: 'date' })
  to: string;
}

export class BreakdownEntryDto {
  @ApiProperty({
    description:
      'What the figure is broken down by, e.g. country, mechanism, kind, type, status, finding, category, timeliness, reply, reach, days_detained.',
  })
  dimension: string;
  @ApiProperty({ description: 'The value of the dimension, e.g. wgad, EG, II, median.' })
  key: string;
  @ApiProperty({
    description:
      'Count of records with that key; for reach, the sum; for days_detained/median, days (null when there is nothing to take the median of).',
    type: Number,
    nullable: true,
  })
  value: number | null;
}

export class IndicatorDto {
  @ApiProperty({ description: 'Stable name of the figure.', enum: INDICATOR_NAMES })
  name: string;
  @ApiProperty({ description: 'Exact definition of what is counted.' })
  description: string;
  @ApiProperty({
    description: 'What the drill-down lists (and the figure counts).',
    enum: RECORD_KINDS,
  })
  records: string;
  @ApiProperty({ description: 'The figure: how many records the drill-down lists.' })
  value: number;
  @ApiProperty({ description: 'Breakdowns of the figure.', type: [BreakdownEntryDto] })
  breakdown: BreakdownEntryDto[];
  @ApiProperty({
    description: 'The drill-down: the records behind the figure, same period and country.',
    example: '/api/v1/reports/indicators/releases?from=2025-01-01&to=2025-12-31',
  })
  href: string;
}

export class IndicatorsReportDto {
  @ApiProperty({ description: 'The period covered, both ends included.', type: ReportPeriodDto })
  period: ReportPeriodDto;
  @ApiProperty({ description: 'The country filter, or null.', type: String, nullable: true })
  country: string | null;
  @ApiProperty({
    description: 'The day the report was computed (a reply deadline is missed once before it).',
    format: 'date',
  })
  asOf: string;
  @ApiProperty({ description: 'The figures, in a fixed order.', type: [IndicatorDto] })
  indicators: IndicatorDto[];
}

// ---- drill-down records --------------------------------------------------------------------

export class DefenderRecordDto {
  @ApiProperty({ description: 'Defender id.', format: 'uuid' })
  id: string;
  @ApiProperty({
    description:
      'new_profiles: day created; profiles_featured: day first featured; detained_at_period_end: start of the detention episode.',
    format: 'date',
  })
  date: string;
  @ApiProperty({ description: 'Full name.' })
  fullName: string;
  @ApiProperty({ description: 'Country of detention.' })
  country: string;
  @ApiProperty({ description: 'Current status (today).', enum: DEFENDER_STATUSES })
  status: string;
  @ApiProperty({ description: 'standard or restricted.', enum: ['standard', 'restricted'] })
  access: string;
  @ApiPropertyOptional({
    description:
      'detained_at_period_end only: detained, disappeared or under house arrest on the last day.',
    enum: ['detained', 'disappeared', 'house_arrest'],
  })
  statusAtPeriodEnd?: string;
}

export class ReleaseRecordDto {
  @ApiProperty({ description: 'The release event (timeline) id.', format: 'uuid' })
  id: string;
  @ApiProperty({ description: 'Release date.', format: 'date' })
  date: string;
  @ApiProperty({ description: 'Defender id.', format: 'uuid' })
  defenderId: string;
  @ApiProperty({ description: 'Full name.' })
  fullName: string;
  @ApiProperty({ description: 'Country of detention.' })
  country: string;
  @ApiProperty({ description: 'Current status (today).', enum: DEFENDER_STATUSES })
  status: string;
  @ApiProperty({ description: 'standard or restricted.', enum: ['standard', 'restricted'] })
  access: string;
  @ApiProperty({ description: 'release or conditional_release.' })
  type: string;
  @ApiProperty({ description: 'Start of the detention episode it ended.', format: 'date' })
  detainedSince: string;
  @ApiProperty({ description: 'Days detained at release (date - detainedSince).' })
  daysDetained: number;
}

class OutcomeRecordDto {
  @ApiProperty({
    description: 'Was the detention found arbitrary?',
    type: Boolean,
    nullable: true,
  })
  arbitrary: boolean | null;
  @ApiProperty({ description: 'Categories found (I-V).', type: [String] })
  categoriesFound: string[];
}

export class EscalationRecordDto {
  @ApiProperty({ description: 'Escalation id.', format: 'uuid' })
  id: string;
  @ApiProperty({
    description:
      'escalations: submission; wgad_opinions: adoption; government_replies: reply; reply_deadlines_missed: the deadline.',
    format: 'date',
  })
  date: string;
  @ApiProperty({ description: 'Mechanism.', enum: MECHANISMS })
  mechanism: string;
  @ApiProperty({ description: 'Kind.', enum: ESCALATION_KINDS })
  kind: string;
  @ApiProperty({ description: 'Current workflow state.' })
  state: string;
  @ApiProperty({ description: 'WGAD opinion number.', type: String, nullable: true })
  opinionNumber: string | null;
  @ApiProperty({ description: 'Submitted on.', format: 'date', nullable: true, type: String })
  submittedOn: string | null;
  @ApiProperty({ description: 'Transmitted on.', format: 'date', nullable: true, type: String })
  transmittedOn: string | null;
  @ApiProperty({ description: 'Reply due on.', format: 'date', nullable: true, type: String })
  replyDueOn: string | null;
  @ApiProperty({
    description: 'Government replied on.',
    format: 'date',
    nullable: true,
    type: String,
  })
  governmentRepliedOn: string | null;
  @ApiProperty({
    description: 'Opinion adopted on.',
    format: 'date',
    nullable: true,
    type: String,
  })
  opinionAdoptedOn: string | null;
  @ApiProperty({ description: 'Opinion outcome.', type: OutcomeRecordDto, nullable: true })
  outcome: OutcomeRecordDto | null;
}

class ReachRecordDto {
  @ApiPropertyOptional({ description: 'Signatures.', type: Number, nullable: true })
  signatures?: number | null;
  @ApiPropertyOptional({ description: 'Participants.', type: Number, nullable: true })
  participants?: number | null;
  @ApiPropertyOptional({ description: 'Organisations.', type: Number, nullable: true })
  organisations?: number | null;
  @ApiPropertyOptional({ description: 'Impressions.', type: Number, nullable: true })
  impressions?: number | null;
}

export class ActionRecordDto {
  @ApiProperty({ description: 'Solidarity action id.', format: 'uuid' })
  id: string;
  @ApiProperty({ description: 'Start date.', format: 'date' })
  date: string;
  @ApiProperty({ description: 'Type.', enum: ACTION_TYPES })
  type: string;
  @ApiProperty({ description: 'Title.' })
  title: string;
  @ApiProperty({ description: 'Status.', enum: ACTION_STATUSES })
  status: string;
  @ApiProperty({ description: 'Starts on.', format: 'date' })
  startsOn: string;
  @ApiProperty({ description: 'Ends on.', format: 'date', nullable: true, type: String })
  endsOn: string | null;
  @ApiProperty({ description: 'Reach recorded.', type: ReachRecordDto })
  reach: ReachRecordDto;
}

export class PartnerRecordDto {
  @ApiProperty({ description: 'Partner id.', format: 'uuid' })
  id: string;
  @ApiProperty({
    description: 'First submission in the period of an escalation naming it.',
    format: 'date',
  })
  date: string;
  @ApiProperty({ description: 'Organisation name.' })
  name: string;
  @ApiProperty({ description: "The partner's country.", type: String, nullable: true })
  country: string | null;
  @ApiProperty({ description: 'Kind of partner.', enum: PARTNER_KINDS })
  kind: string;
  @ApiProperty({ description: 'Mechanisms of those escalations.', type: [String] })
  mechanisms: string[];
  @ApiProperty({ description: 'How many of those escalations name it.' })
  escalations: number;
}

export const RECORD_DTOS = [
  DefenderRecordDto,
  ReleaseRecordDto,
  EscalationRecordDto,
  ActionRecordDto,
  PartnerRecordDto,
];

export class IndicatorRecordsPageDto {
  @ApiProperty({ description: 'The indicator.', enum: INDICATOR_NAMES })
  indicator: string;
  @ApiProperty({ description: 'What `data` holds.', enum: RECORD_KINDS })
  records: string;
  @ApiProperty({ description: 'The period covered.', type: ReportPeriodDto })
  period: ReportPeriodDto;
  @ApiProperty({ description: 'The country filter, or null.', type: String, nullable: true })
  country: string | null;
  @ApiProperty({
    description:
      'The records behind the figure, by date then id: defender, release, escalation, solidarity_action or partner records (see `records`).',
    type: 'array',
    // anyOf: the kinds share fields (id, date...), so a record may match more than one.
    items: { anyOf: RECORD_DTOS.map((dto) => ({ $ref: getSchemaPath(dto) })) },
  })
  data: Record<string, unknown>[];
  @ApiProperty({
    description: 'Cursor for the next page; null on the last one.',
    type: String,
    nullable: true,
  })
  nextCursor: string | null;
}
