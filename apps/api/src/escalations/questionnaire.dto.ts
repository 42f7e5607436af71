import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
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

/**
 * One item of a list answer: a place of detention (`places`), a period (`periods`), an
 * extension (`extensions`) or a domestic step (`steps`); each kind fills its own fields.
 */
export class AnswerItemResponse {
  @ApiPropertyOptional({ description: 'The day (places, extensions, steps).', format: 'date' })
  date?: string;
  @ApiPropertyOptional({
    description: 'Where (places; steps: null when not recorded).',
    nullable: true,
    type: String,
  })
  place?: string | null;
  @ApiPropertyOptional({
    description: 'How the person came there (places).',
    enum: ['taken', 'transfer', 'house_arrest'],
  })
  how?: string;
  @ApiPropertyOptional({ description: 'The present place of detention (places).', type: Boolean })
  present?: boolean;
  @ApiPropertyOptional({ description: 'First day (periods).', format: 'date' })
  from?: string;
  @ApiPropertyOptional({
    description: 'Last day (periods; null: ongoing).',
    nullable: true,
    type: String,
    format: 'date',
  })
  to?: string | null;
  @ApiPropertyOptional({
    description: 'What the period was (periods).',
    nullable: true,
    type: String,
  })
  note?: string | null;
  @ApiPropertyOptional({
    description: 'Extended until (extensions).',
    nullable: true,
    type: String,
    format: 'date',
  })
  until?: string | null;
  @ApiPropertyOptional({
    description: 'The authority (extensions, steps).',
    nullable: true,
    type: String,
  })
  authority?: string | null;
  @ApiPropertyOptional({
    description: 'The legal basis (extensions).',
    nullable: true,
    type: String,
  })
  legalBasis?: string | null;
  @ApiPropertyOptional({ description: 'The timeline event type (steps).', type: String })
  type?: string;
  @ApiPropertyOptional({ description: 'What happened (steps).', nullable: true, type: String })
  description?: string | null;
  @ApiPropertyOptional({ description: 'Its result (steps).', nullable: true, type: String })
  outcome?: string | null;
  @ApiPropertyOptional({
    description: 'When the result came (steps).',
    nullable: true,
    type: String,
    format: 'date',
  })
  outcomeOn?: string | null;
  @ApiPropertyOptional({ description: 'Whose step it was, in a group case (steps).', type: String })
  person?: string;
}

/**
 * A drawn answer, structured: `kind` says which other fields it carries (text: text; texts:
 * items of text; date: date; boolean: value; label: group and value; countries: codes; birth:
 * birthDate, birthYear, age, approximate; duration: from, to, days; profession: profession,
 * organisation, focus, activity; places, periods, extensions, steps: items).
 */
@ApiExtraModels(AnswerItemResponse)
export class AnswerValueResponse {
  @ApiProperty({
    description: 'Which kind of value.',
    enum: [
      'text',
      'texts',
      'date',
      'boolean',
      'label',
      'countries',
      'birth',
      'duration',
      'profession',
      'places',
      'periods',
      'extensions',
      'steps',
    ],
  })
  kind: string;
  @ApiPropertyOptional({ description: 'The text (text).', type: String })
  text?: string;
  @ApiPropertyOptional({
    description: 'The items: texts (texts) or places, periods, extensions or steps.',
    type: 'array',
    items: { oneOf: [{ type: 'string' }, { $ref: getSchemaPath(AnswerItemResponse) }] },
  })
  items?: (string | AnswerItemResponse)[];
  @ApiPropertyOptional({ description: 'The day (date).', format: 'date' })
  date?: string;
  @ApiPropertyOptional({
    description: 'Yes or no (boolean), or the vocabulary value (label).',
    oneOf: [{ type: 'boolean' }, { type: 'string' }],
  })
  value?: boolean | string;
  @ApiPropertyOptional({ description: 'The vocabulary (label).', enum: ['sex'] })
  group?: string;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 codes (countries).', type: [String] })
  codes?: string[];
  @ApiPropertyOptional({
    description: 'Date of birth (birth).',
    nullable: true,
    type: String,
    format: 'date',
  })
  birthDate?: string | null;
  @ApiPropertyOptional({ description: 'Year of birth (birth).', nullable: true, type: Number })
  birthYear?: number | null;
  @ApiPropertyOptional({
    description: 'Age at the start of the detention (birth).',
    nullable: true,
    type: Number,
  })
  age?: number | null;
  @ApiPropertyOptional({ description: 'Only the year of birth is known (birth).', type: Boolean })
  approximate?: boolean;
  @ApiPropertyOptional({ description: 'First day (duration).', format: 'date' })
  from?: string;
  @ApiPropertyOptional({
    description: 'Last day (duration; null: ongoing).',
    nullable: true,
    type: String,
    format: 'date',
  })
  to?: string | null;
  @ApiPropertyOptional({ description: 'Days (duration).', type: Number })
  days?: number;
  @ApiPropertyOptional({ description: 'Profession (profession).', nullable: true, type: String })
  profession?: string | null;
  @ApiPropertyOptional({ description: 'Organisation (profession).', nullable: true, type: String })
  organisation?: string | null;
  @ApiPropertyOptional({ description: 'Focus areas (profession).', type: [String] })
  focus?: string[];
  @ApiPropertyOptional({
    description: 'Human rights activity (profession).',
    nullable: true,
    type: String,
  })
  activity?: string | null;
}

export class AnswerPersonResponse {
  @ApiProperty({ description: 'The defender.', format: 'uuid' }) defenderId: string;
  @ApiProperty({ description: 'The name the form gives.' }) name: string;
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
  @ApiProperty({ description: 'The same, structured.', nullable: true, type: AnswerValueResponse })
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
  @ApiProperty({ description: 'The people, in order.', type: [AnswerPersonResponse] })
  persons: AnswerPersonResponse[];
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
