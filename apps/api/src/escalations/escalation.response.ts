import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MANDATES } from '@witness/domain';
import { DossierResponse } from '../dossiers/dossier.response';
import { CreateEscalationDto } from './escalation.dto';

/** What the escalation routes answer: the response classes the OpenAPI schemas come from. */
export class MandateSuggestionResponse {
  @ApiProperty({
    description: 'The mandate.',
    enum: Object.keys(MANDATES),
  })
  id: string;
  @ApiProperty({ description: 'Its title, as the Human Rights Council named it.' })
  title: string;
  @ApiProperty({
    description:
      'Why it fits, in the record’s words: focus:journalist, tag:protest, status:detained, event:ill_treatment, charge:false news.',
    type: [String],
  })
  reasons: string[];
}

export class DeadlineResponse {
  @ApiProperty({
    description: 'Which deadline of the procedure.',
    enum: ['reply', 'comments', 'follow_up', 'publication', 'submission'],
  })
  key: string;
  @ApiProperty({ description: 'The milestone kind it becomes while open.' })
  milestone: string;
  @ApiProperty({ description: 'In words.' })
  title: string;
  @ApiProperty({
    description: 'The date, derived from the recorded dates and the periods in force.',
    nullable: true,
    type: String,
    format: 'date',
  })
  dueOn: string | null;
  @ApiProperty({ description: 'Open in the current state (a milestone), or retired.' })
  open: boolean;
}

/** A release of one of the escalation's defenders, on or after its submission. */
export class ReleaseAfterResponse {
  @ApiProperty({ description: 'The defender released.', format: 'uuid' })
  defenderId: string;
  @ApiProperty({ description: 'The day of the release.', format: 'date' })
  releasedOn: string;
  @ApiProperty({
    description: 'The timeline event that records it.',
    example: 'release',
  })
  type: string;
}

/** What the mechanism found, as recorded with its opinion or decision. */
export class EscalationOutcomeResponse {
  @ApiProperty({
    description: 'Was the detention found arbitrary (null: not said)?',
    type: Boolean,
    nullable: true,
  })
  arbitrary: boolean | null;
  @ApiProperty({ description: 'WGAD categories found (I-V).', type: [String] })
  categoriesFound: string[];
  @ApiProperty({ description: 'Release requested.', type: Boolean, nullable: true })
  releaseRequested: boolean | null;
  @ApiProperty({ description: 'Compensation requested.', type: Boolean, nullable: true })
  compensationRequested: boolean | null;
}

export class EscalationResponse extends CreateEscalationDto {
  @ApiPropertyOptional({
    description: 'Latest dossier (single escalation only; null: none requested yet).',
    nullable: true,
    type: DossierResponse,
  })
  latestDossier?: DossierResponse | null;

  @ApiPropertyOptional({
    description:
      'Releases of its defenders on or after submission, derived from the timelines (attributable to the escalation for the indicators).',
    type: [ReleaseAfterResponse],
  })
  releasesAfter?: ReleaseAfterResponse[];

  @ApiProperty({ description: 'Identifier.', format: 'uuid' }) id: string;
  @ApiProperty({
    description:
      'Our human reference, WIT-YYYY-NNNN: per year, gap-free, given at creation and never changed.',
    example: 'WIT-2026-0042',
  })
  reference: string;
  @ApiProperty({ description: 'Workflow state.' }) state: string;
  @ApiProperty({ description: 'The steps you may take now.', type: [String] })
  allowedTransitions: string[];
  @ApiProperty({ description: 'Opinion number.', nullable: true, type: String }) opinionNumber:
    string | null;
  @ApiProperty({ description: 'Submitted on.', nullable: true, type: String }) submittedOn:
    string | null;
  @ApiProperty({ description: 'Transmitted to the government on.', nullable: true, type: String })
  transmittedOn: string | null;
  @ApiProperty({ description: 'Extension of the reply period (days).' }) extensionDays: number;
  @ApiProperty({
    description: "The government's reply deadline, derived.",
    nullable: true,
    type: String,
  })
  replyDueOn: string | null;
  @ApiProperty({
    description: 'Days until the reply is due (negative when overdue) while a reply is awaited.',
    nullable: true,
    type: Number,
  })
  daysUntilReplyDue: number | null;
  @ApiProperty({ description: 'Government replied on.', nullable: true, type: String })
  governmentRepliedOn: string | null;
  @ApiProperty({
    description:
      "When the source was asked for its comments on the government's reply (pending further information).",
    nullable: true,
    type: String,
  })
  commentsRequestedOn: string | null;
  @ApiProperty({
    description: "The source's comments deadline, derived.",
    nullable: true,
    type: String,
  })
  commentsDueOn: string | null;
  @ApiProperty({
    description: 'Opinion (views, decision, measures) adopted on.',
    nullable: true,
    type: String,
  })
  opinionAdoptedOn: string | null;
  @ApiProperty({
    description: 'Opinion transmitted to the government on (follow-up runs from it).',
    nullable: true,
    type: String,
  })
  opinionTransmittedOn: string | null;
  @ApiProperty({
    description: 'Made public on (the embargo ends).',
    nullable: true,
    type: String,
  })
  publishedOn: string | null;
  @ApiProperty({
    description: 'Follow-up due, derived (WGAD: six months after the opinion’s transmission).',
    nullable: true,
    type: String,
  })
  followUpDueOn: string | null;
  @ApiProperty({
    description: "Every deadline of the escalation's procedure, derived; open ones are milestones.",
    type: [DeadlineResponse],
  })
  deadlines: DeadlineResponse[];
  @ApiProperty({
    description:
      'The first day "no reply" may be recorded (the day after the reply deadline, extension included), when it is a next step.',
    nullable: true,
    type: String,
  })
  noReplyPossibleFrom: string | null;
  @ApiProperty({
    description: 'Outcome of the opinion (null until one is recorded).',
    nullable: true,
    type: EscalationOutcomeResponse,
  })
  outcome: EscalationOutcomeResponse | null;
  @ApiProperty({ description: 'Version for If-Match.' }) version: number;
  @ApiProperty({ description: 'Created at.', format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Last changed at.', format: 'date-time' }) updatedAt: string;
}

/** One step of an escalation's workflow. */
export class TransitionResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The state it left.', example: 'draft' })
  from: string;

  @ApiProperty({ description: 'The state it reached.', example: 'in_review' })
  to: string;

  @ApiProperty({
    description: 'When it happened (e.g. the date the UN transmitted the communication).',
    format: 'date',
  })
  date: string;

  @ApiProperty({ type: String, description: 'Note.', nullable: true })
  note: string | null;

  @ApiProperty({
    type: String,
    description: 'Who took the step (user id); null for the system.',
    format: 'uuid',
    nullable: true,
  })
  actorId: string | null;

  @ApiProperty({ description: 'When it was recorded.', format: 'date-time' })
  at: string;
}

export class EscalationPageResponse {
  @ApiProperty({ description: 'This page, newest first.', type: [EscalationResponse] })
  data: EscalationResponse[];

  @ApiProperty({
    description: 'Cursor for the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  nextCursor: string | null;
}
