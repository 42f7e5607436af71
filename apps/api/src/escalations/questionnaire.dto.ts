import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANSWER_FIELDS, DOSSIER_TEMPLATE_KINDS, type AnswerValue } from '@witness/domain';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsOverrideValue } from '../http/validators';

const OVERRIDABLE = ANSWER_FIELDS.filter((f) => f.override !== null).map((f) => f.id);

export class AnswerParams {
  @ApiProperty({ description: 'Escalation id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;

  @ApiProperty({
    description: 'The answer, e.g. arrest.place (those drawn from the record can be overridden).',
    enum: OVERRIDABLE,
  })
  @Matches(/^[a-zA-Z]{1,30}\.[a-zA-Z]{1,40}$/, {
    message: 'must be an answer such as arrest.place',
  })
  field: string;
}

export class OverrideAnswerDto {
  @ApiPropertyOptional({
    description:
      "Whose answer (a person's sections I-III); may be left out when the escalation concerns one person. Never for the escalation's own answers (remedies.steps).",
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  defenderId?: string;

  @ApiProperty({
    description:
      'What the dossier should say instead: text (up to 10,000 characters), a date YYYY-MM-DD for arrest.date and detention.date, true or false for arrest.warrantShown.',
    oneOf: [{ type: 'string' }, { type: 'boolean' }],
  })
  @IsOverrideValue()
  value: string | boolean;
}

export class ReturnAnswerQueryDto {
  @ApiPropertyOptional({ description: 'Whose answer (see the override).', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  defenderId?: string;
}

export class AnswersQueryDto {
  @ApiPropertyOptional({
    description: 'Language the answers and labels are worded in (default en).',
    enum: ['en', 'fr', 'es'],
  })
  @IsOptional()
  @IsIn(['en', 'fr', 'es'])
  language?: 'en' | 'fr' | 'es';
}

export class CompletenessQueryDto extends AnswersQueryDto {
  @ApiPropertyOptional({
    description: 'The edition to check (default submission; the public edition needs less).',
    enum: ['submission', 'public'],
  })
  @IsOptional()
  @IsIn(['submission', 'public'])
  edition?: 'submission' | 'public';
}

export class AnswerOverrideResponse {
  @ApiProperty({
    description: 'What was typed in place of the drawn answer.',
    oneOf: [{ type: 'string' }, { type: 'boolean' }],
  })
  value: string | boolean;
  @ApiProperty({ description: 'Who overrode it (user id).', nullable: true, type: String })
  by: string | null;
  @ApiProperty({ description: 'When.', format: 'date-time' }) at: string;
}

export class AnswerResponse {
  @ApiProperty({ description: 'The answer, e.g. arrest.place.' }) field: string;
  @ApiProperty({
    description: 'Whose answer (null: the escalation’s).',
    nullable: true,
    type: String,
  })
  defenderId: string | null;
  @ApiProperty({ description: "The mechanism's wording of the question." }) label: string;
  @ApiProperty({ description: 'What the answer is drawn from.', nullable: true, type: String })
  help: string | null;
  @ApiProperty({
    description:
      'record: drawn from the case record; questionnaire: typed on the escalation (its content); source: the source record; consent: the consent ledger.',
    enum: ['record', 'questionnaire', 'source', 'consent'],
  })
  origin: string;
  @ApiProperty({
    description: 'How an override is typed (null: it cannot be overridden).',
    nullable: true,
    enum: ['text', 'date', 'boolean'],
  })
  overrideType: string | null;
  @ApiProperty({
    description: 'What the record says, in words (null: not known).',
    nullable: true,
    type: String,
  })
  drawn: string | null;
  @ApiProperty({ description: 'The same, structured.', nullable: true, type: Object })
  drawnValue: AnswerValue | null;
  @ApiProperty({ type: AnswerOverrideResponse, nullable: true })
  override: AnswerOverrideResponse | null;
  @ApiProperty({
    description: 'What the dossier says (null: "Not known").',
    nullable: true,
    type: String,
  })
  value: string | null;
}

export class AnswerSectionResponse {
  @ApiProperty({ description: 'The section, e.g. II.' }) id: string;
  @ApiProperty({ description: "The section's heading, in the form's own words." }) title: string;
  @ApiProperty({ description: 'The answers of the section, in order.', type: [AnswerResponse] })
  answers: AnswerResponse[];
}

export class AnswersResponse {
  @ApiProperty({ description: 'The escalation.', format: 'uuid' }) escalationId: string;
  @ApiProperty({ description: 'Our reference.', example: 'WIT-2026-0042' }) reference: string;
  @ApiProperty({
    description: 'The form.',
    enum: DOSSIER_TEMPLATE_KINDS,
  })
  kind: string;
  @ApiProperty({ description: "The escalation's version, for If-Match." }) version: number;
  @ApiProperty({ description: 'The people, in order.', type: [Object] })
  persons: { defenderId: string; name: string }[];
  @ApiProperty({ description: "The form's sections, in order.", type: [AnswerSectionResponse] })
  sections: AnswerSectionResponse[];
}

export class CompletenessItemResponse {
  @ApiProperty({ description: 'The requirement, e.g. arrestDate.' }) requirement: string;
  @ApiProperty({ description: 'In words, e.g. "date of arrest".' }) label: string;
  @ApiProperty({
    description: 'required (missing: 422 unless acknowledged) or recommended (a warning).',
    enum: ['required', 'recommended'],
  })
  level: string;
  @ApiProperty({
    description: 'Whose requirement (null: the escalation’s).',
    nullable: true,
    type: String,
    format: 'uuid',
  })
  defenderId: string | null;
  @ApiProperty({ description: 'Whether the record and the questionnaire meet it.' }) met: boolean;
}

export class CompletenessResponse {
  @ApiProperty({ description: 'The escalation.', format: 'uuid' }) escalationId: string;
  @ApiProperty({ description: 'Our reference, WIT-YYYY-NNNN.' }) reference: string;
  @ApiProperty({ description: 'The form checked.', enum: DOSSIER_TEMPLATE_KINDS }) kind: string;
  @ApiProperty({ description: 'The edition checked.', enum: ['submission', 'public'] })
  edition: string;
  @ApiProperty({ description: 'Nothing required is missing.' }) complete: boolean;
  @ApiProperty({ description: 'Words in the summary.', nullable: true, type: Number })
  summaryWords: number | null;
  @ApiProperty({
    description: 'The longest summary the form takes (a warning beyond it).',
    nullable: true,
    type: Number,
  })
  summaryWordLimit: number | null;
  @ApiProperty({ description: 'Every requirement, met or not.', type: [CompletenessItemResponse] })
  items: CompletenessItemResponse[];
  @ApiProperty({ description: 'Required and missing, in words.', type: [String] })
  missing: string[];
  @ApiProperty({
    description: 'Recommended and missing (or past a limit), in words.',
    type: [String],
  })
  warnings: string[];
}
