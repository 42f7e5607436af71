import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import {
  ESCALATION_KINDS,
  MECHANISMS,
  SOURCE_RELATIONS,
  type EscalationKind,
  type Mechanism,
  type SourceRelation,
} from '@witness/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../cases/history.dto';
import { IsCalendarDate, OptionalIdList } from '../http/validators';

const TEXT = 10000;

export class IdentityDocumentDto {
  @ApiProperty({
    description: 'Whose document it is (one of the escalation’s defenders).',
    format: 'uuid',
  })
  @IsUUID('all', { message: 'must be a uuid' })
  defenderId: string;
  @ApiPropertyOptional({
    type: String,
    description: 'Type of document (passport, national identity card...).',
    nullable: true,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type: string | null;
  @ApiPropertyOptional({
    type: String,
    description: 'Issuing authority.',
    nullable: true,
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  issuedBy: string | null;
  @ApiPropertyOptional({
    type: String,
    description: 'Date of issue (YYYY-MM-DD).',
    nullable: true,
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  issuedOn: string | null;
  @ApiPropertyOptional({
    type: String,
    description: 'Document number (printed in the submission edition only).',
    nullable: true,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  number: string | null;
}

export class CategoryClaimDto {
  @ApiProperty({
    description: 'WGAD category of arbitrary detention claimed (I-V).',
    enum: ['I', 'II', 'III', 'IV', 'V'],
  })
  @IsIn(['I', 'II', 'III', 'IV', 'V'])
  category: 'I' | 'II' | 'III' | 'IV' | 'V';
  @ApiProperty({ description: 'Why the detention falls under this category.', maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  argument: string;
}

export class RemediesAnswerDto {
  @ApiPropertyOptional({
    description: 'Have domestic remedies been exhausted? (null: not said)',
    nullable: true,
    type: Boolean,
  })
  @IsOptional()
  @IsBoolean()
  exhausted: boolean | null;
  @ApiPropertyOptional({
    type: String,
    description:
      'Their results, or why the steps or remedies were ineffective or not taken (WGAD section V).',
    nullable: true,
    maxLength: TEXT,
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  explanation: string | null;
}

/**
 * The questionnaire's own answers. What the case record holds (identity, arrest, detention,
 * domestic steps) is drawn from it, not typed here: see GET /escalations/:id/answers, and
 * override a drawn answer with PUT /escalations/:id/answers/:field.
 */
export class EscalationContentDto {
  @ApiPropertyOptional({
    type: String,
    description:
      'A concise summary of the case (the WGAD and the Special Procedures ask for one; completeness warns past the form’s word limit).',
    nullable: true,
    maxLength: TEXT,
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  summary?: string | null;
  @ApiPropertyOptional({
    type: String,
    description:
      'Circumstances of the arrest and detention, and why they are arbitrary (WGAD section IV).',
    nullable: true,
    maxLength: 50000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(50000)
  circumstances?: string | null;
  @ApiPropertyOptional({
    description: 'Categories I-V claimed, each with its argument.',
    type: [CategoryClaimDto],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => CategoryClaimDto)
  categories?: CategoryClaimDto[];
  @ApiPropertyOptional({
    description: 'Domestic remedies exhausted or not, and why (section V).',
    type: RemediesAnswerDto,
    nullable: true,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RemediesAnswerDto)
  remedies?: RemediesAnswerDto | null;
  @ApiPropertyOptional({
    type: String,
    description: 'Urgent action: why continued detention endangers health or life.',
    nullable: true,
    maxLength: TEXT,
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  urgency?: string | null;
  @ApiPropertyOptional({
    type: String,
    description: 'Special Procedures: the case before other UN or regional mechanisms.',
    nullable: true,
    maxLength: 5000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  previousSubmissions?: string | null;
  @ApiPropertyOptional({
    description:
      'Special Procedures: may the person(s) be named in the public report on communications?',
    nullable: true,
    type: Boolean,
  })
  @IsOptional()
  @IsBoolean()
  namePublicly?: boolean | null;
  @ApiPropertyOptional({
    description: 'Identity documents (questionnaire section I, 6), one per person at most.',
    type: [IdentityDocumentDto],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IdentityDocumentDto)
  identityDocuments?: IdentityDocumentDto[];
  @ApiPropertyOptional({
    type: String,
    description: 'What must stay confidential, and why.',
    nullable: true,
    maxLength: 5000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  confidentiality?: string | null;
  @ApiPropertyOptional({
    description:
      'UPR stakeholder submission: the cycle its recommendations are for (4: "4th cycle").',
    nullable: true,
    type: 'integer',
    minimum: 1,
    maximum: 20,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  uprCycle?: number | null;
  @ApiPropertyOptional({
    description:
      'UPR stakeholder submission: a joint submission of a coalition (word limit 5,630 instead of 2,815).',
    nullable: true,
    type: Boolean,
  })
  @IsOptional()
  @IsBoolean()
  uprCoalition?: boolean | null;
  @ApiPropertyOptional({
    description:
      'UPR stakeholder submission: the recommendations to the State under review, in order.',
    type: [String],
    maxItems: 50,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2000, { each: true })
  recommendations?: string[];
  @ApiPropertyOptional({
    type: String,
    description: 'WGEID: the steps taken to search for and locate the person, and their results.',
    nullable: true,
    maxLength: TEXT,
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  locateSteps?: string | null;
  @ApiPropertyOptional({
    type: String,
    description:
      'Regional precautionary/provisional/interim measures: the irreparable harm the measures would prevent.',
    nullable: true,
    maxLength: TEXT,
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  irreparableHarm?: string | null;
  @ApiPropertyOptional({
    type: String,
    description: 'ECtHR Rule 39: the application number, if an application is lodged.',
    nullable: true,
    maxLength: 50,
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  applicationNumber?: string | null;
}

export class SourceIdentityDto {
  @ApiProperty({ description: 'Name of the submitting organisation or person.', maxLength: 300 })
  @IsString()
  @Length(1, 300)
  name: string;
  @ApiPropertyOptional({
    type: String,
    description: 'Organisation.',
    nullable: true,
    maxLength: 300,
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  organisation?: string | null;
  @ApiPropertyOptional({
    type: String,
    description: 'Contact (address, email, phone).',
    nullable: true,
    maxLength: 1000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  contact?: string | null;
  @ApiPropertyOptional({
    description: 'Who the source is to the person(s) concerned.',
    enum: SOURCE_RELATIONS,
    nullable: true,
  })
  @IsOptional()
  @IsIn(SOURCE_RELATIONS)
  relation?: SourceRelation | null;
}

export class CreateEscalationDto {
  @ApiProperty({
    description: 'The defender, or the group arrested together (1-50).',
    type: [String],
    format: 'uuid',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each must be a uuid' })
  defenderIds: string[];
  @ApiProperty({ description: 'The mechanism.', enum: MECHANISMS })
  @IsIn(MECHANISMS)
  mechanism: Mechanism;
  @ApiProperty({
    description: 'The kind of escalation (decides the workflow).',
    enum: ESCALATION_KINDS,
  })
  @IsIn(ESCALATION_KINDS)
  kind: EscalationKind;
  @ApiPropertyOptional({
    type: String,
    description:
      'Owner (defaults to you): an active caseworker, coordinator or admin who may see every case of the escalation (assigned to its restricted ones).',
    format: 'uuid',
    nullable: true,
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  ownerId?: string | null;
  @ApiPropertyOptional({
    type: String,
    description: "The UN's reference.",
    nullable: true,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  unReference?: string | null;
  @ApiPropertyOptional({
    description: 'Special Rapporteurs addressed (Special Procedures).',
    type: [String],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  targetRapporteurs?: string[];
  @ApiPropertyOptional({
    type: String,
    description: 'HRC session, e.g. HRC 61 (HRC kinds).',
    nullable: true,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  hrcSession?: string | null;
  @ApiPropertyOptional({
    type: String,
    description:
      'The session or review the submission is for (YYYY-MM-DD): a UPR review, an HRC session. Submission deadlines count back from it.',
    nullable: true,
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  meetingOn?: string | null;
  @ApiPropertyOptional({ type: String, description: 'Notes.', nullable: true, maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  notes?: string | null;
  @ApiPropertyOptional({
    description: 'Structured content for the dossier.',
    type: EscalationContentDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => EscalationContentDto)
  content?: EscalationContentDto;
  @OptionalIdList(
    'Partner organisations this escalation supported to take part in the mechanism (up to 100); counted by the "partners supported" indicator.',
  )
  partnerIds?: string[];
  @ApiPropertyOptional({
    description: "The source's identity. Sensitive: encrypted, only in the submission dossier.",
    type: SourceIdentityDto,
    nullable: true,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceIdentityDto)
  sourceIdentity?: SourceIdentityDto | null;
}

export class UpdateEscalationDto extends PartialType(
  OmitType(CreateEscalationDto, ['mechanism', 'kind'] as const),
) {
  @ApiPropertyOptional({
    description: 'Extension of the reply period granted (days, up to the configured maximum).',
    minimum: 0,
    maximum: 365,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  extensionDays?: number;
  @ApiPropertyOptional({
    description:
      'When the opinion was transmitted to the government (YYYY-MM-DD), when it was not recorded with the opinion_transmitted step: follow-up runs from it. Not before the adoption, not in the future.',
    nullable: true,
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  opinionTransmittedOn?: string | null;
  @ApiPropertyOptional({
    description:
      'When the opinion (or communication) was made public (YYYY-MM-DD). Until then it is embargoed: nothing public cites it.',
    nullable: true,
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  publishedOn?: string | null;
}

export class TransitionDto {
  @ApiProperty({ description: 'The state to move to (see allowedTransitions).', maxLength: 40 })
  @IsString()
  @Matches(/^[a-z_]{1,40}$/, { message: 'must be a workflow state such as in_review' })
  to: string;
  @ApiPropertyOptional({
    description: 'When it happened (YYYY-MM-DD; default today), e.g. the UN transmission date.',
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
  @ApiPropertyOptional({ type: String, description: 'Note.', nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string | null;
  @ApiPropertyOptional({
    type: String,
    description: "The UN's reference, when it gives one.",
    nullable: true,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  unReference?: string | null;
  @ApiPropertyOptional({
    description: 'Extension of the reply period granted (days).',
    minimum: 0,
    maximum: 365,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  extensionDays?: number;
  @ApiPropertyOptional({
    type: String,
    description: 'Opinion number, No. N/YYYY (opinion_adopted).',
    nullable: true,
    maxLength: 20,
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  opinionNumber?: string | null;
  @ApiPropertyOptional({
    description: 'Opinion: was the detention found arbitrary?',
    nullable: true,
    type: Boolean,
  })
  @IsOptional()
  @IsBoolean()
  arbitrary?: boolean | null;
  @ApiPropertyOptional({
    description: 'Opinion: categories found.',
    type: [String],
    enum: ['I', 'II', 'III', 'IV', 'V'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(['I', 'II', 'III', 'IV', 'V'], { each: true })
  categoriesFound?: string[];
  @ApiPropertyOptional({
    description: 'Opinion: release requested?',
    nullable: true,
    type: Boolean,
  })
  @IsOptional()
  @IsBoolean()
  releaseRequested?: boolean | null;
  @ApiPropertyOptional({
    description: 'Opinion: compensation requested?',
    nullable: true,
    type: Boolean,
  })
  @IsOptional()
  @IsBoolean()
  compensationRequested?: boolean | null;
}

export class EscalationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Mechanism.', enum: MECHANISMS })
  @IsOptional()
  @IsIn(MECHANISMS)
  mechanism?: Mechanism;
  @ApiPropertyOptional({ description: 'Kind.', enum: ESCALATION_KINDS })
  @IsOptional()
  @IsIn(ESCALATION_KINDS)
  kind?: EscalationKind;
  @ApiPropertyOptional({ description: 'Workflow state.', maxLength: 40 })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'must be a workflow state' })
  state?: string;
  @ApiPropertyOptional({ description: 'Concerning this defender.', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  defenderId?: string;
  @ApiPropertyOptional({
    description: 'A reply or follow-up falls due on or before this date.',
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;
}

export class EscalationIdParams {
  @ApiProperty({ description: 'Escalation id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;
}

export class EscalationTransitionParams extends EscalationIdParams {
  @ApiProperty({ description: 'Step id (uuid), from the workflow history.', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  transitionId: string;
}

export class CorrectStepDateDto {
  @ApiProperty({
    description:
      "When the step really happened (YYYY-MM-DD): not in the future, not before the previous step's date nor after the next step's.",
    format: 'date',
  })
  @IsCalendarDate()
  occurredOn: string;
}
