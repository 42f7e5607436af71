import type { ConsentState } from '../../consents';
import { isCalendarDate } from '../../shared/detention-status';
import type { AnswerOverride, EscalationContent, IdentityDocument } from '../../escalations';
import type { DossierTemplateKind } from '../dossier-data';
import { answerField, ANSWER_FIELDS, FORMS, type AnswerField, type FieldOrigin } from './forms';
import { drawIdentity, type PersonProfile } from './identity-draw';
import { drawTimeline } from './timeline-draw';
import {
  overrideAnswer,
  text,
  type AnswerValue,
  type OverrideValue,
  type RecordEvent,
  type StepItem,
} from './values';

/**
 * The questionnaire's answers for an escalation: every field of its form, drawn from the
 * record, overridden on the escalation, or typed there, as one list. Pure.
 */

export type { IdentityDocument };
/** The questionnaire's own answers, typed on the escalation (its `content`). */
export type QuestionnaireContent = EscalationContent;

/** The consent to a UN submission in force for a person, with who gave it, when and how. */
export interface SubmissionConsent {
  state: ConsentState;
  granted: boolean;
  since: string | null;
  expiresOn: string | null;
  givenBy: string | null;
  method: string | null;
}

export interface QuestionnairePerson {
  defenderId: string;
  profile: PersonProfile;
  timeline: RecordEvent[];
  consent: SubmissionConsent;
}

export interface QuestionnaireRecord {
  kind: DossierTemplateKind;
  today: string;
  persons: QuestionnairePerson[];
  content: QuestionnaireContent;
  /** The source's identity as far as completeness needs it (never its values). */
  source: { name: boolean; contact: boolean } | null;
  overrides: Readonly<Record<string, AnswerOverride>>;
}

export interface Answer {
  field: string;
  defenderId: string | null;
  origin: FieldOrigin;
  /** What the record (or the escalation's typed answer, the source, the ledger) says. */
  drawn: AnswerValue | null;
  override: AnswerOverride | null;
  /** What the dossier shows: the override, else the drawn value; null is "Not known". */
  value: AnswerValue | null;
}

/** How an override is stored: `field` for the escalation's, `field@defenderId` for a person's. */
export function overrideKey(field: string, defenderId: string | null): string {
  return defenderId ? `${field}@${defenderId}` : field;
}

/** Why an override is refused (null: fine). */
export function overrideProblem(
  field: AnswerField | undefined,
  value: unknown,
): { field: string; message: string } | null {
  if (!field) return { field: 'field', message: 'is not an answer of the questionnaires' };
  if (!field.override) {
    return {
      field: 'field',
      message:
        field.origin === 'record'
          ? 'cannot be overridden: correct it on the case record'
          : 'is the questionnaire’s own answer: change it on the escalation',
    };
  }
  if (field.override === 'boolean' && typeof value !== 'boolean')
    return { field: 'value', message: 'must be true or false' };
  if (field.override === 'date' && (typeof value !== 'string' || !isCalendarDate(value)))
    return { field: 'value', message: 'must be a real date written YYYY-MM-DD' };
  if (field.override === 'text') {
    if (typeof value !== 'string' || value.trim() === '')
      return { field: 'value', message: 'must be a non-empty text' };
    if (value.length > 10000)
      return { field: 'value', message: 'must be at most 10,000 characters' };
  }
  return null;
}

function typedValue(field: string, person: QuestionnairePerson | null, r: QuestionnaireRecord) {
  const c = r.content ?? {};
  switch (field) {
    case 'questionnaire.summary':
      return text(c.summary);
    case 'questionnaire.circumstances':
      return text(c.circumstances);
    case 'questionnaire.urgency':
      return text(c.urgency);
    case 'questionnaire.previousSubmissions':
      return text(c.previousSubmissions);
    case 'questionnaire.confidentiality':
      return text(c.confidentiality);
    case 'questionnaire.locateSteps':
      return text(c.locateSteps);
    case 'questionnaire.irreparableHarm':
      return text(c.irreparableHarm);
    case 'questionnaire.applicationNumber':
      return text(c.applicationNumber);
    case 'questionnaire.recommendations': {
      const items = (c.recommendations ?? []).filter((x) => x.trim());
      return items.length ? ({ kind: 'texts', items } as AnswerValue) : null;
    }
    case 'questionnaire.categories': {
      const argued = (c.categories ?? []).filter((x) => x.argument?.trim()).map((x) => x.category);
      return argued.length ? ({ kind: 'texts', items: argued } as AnswerValue) : null;
    }
    case 'questionnaire.remedies':
      // "Or why not": an explanation answers it; a bare yes/no does not.
      return text(c.remedies?.explanation);
    case 'questionnaire.namePublicly':
      return typeof c.namePublicly === 'boolean'
        ? ({ kind: 'boolean', value: c.namePublicly } as AnswerValue)
        : null;
    case 'identity.document': {
      const d = c.identityDocuments?.find((x) => x.defenderId === person?.defenderId);
      return text(d ? [d.type, d.issuedBy, d.issuedOn, d.number].filter(Boolean).join(', ') : null);
    }
    case 'source.identity':
      return r.source?.name && r.source.contact
        ? ({ kind: 'boolean', value: true } as AnswerValue)
        : null;
    case 'consent.unSubmission':
      return person?.consent.granted ? ({ kind: 'boolean', value: true } as AnswerValue) : null;
    default:
      return null;
  }
}

/** Every answer of the escalation's form: one per person for person fields, in form order. */
export function drawAnswers(r: QuestionnaireRecord): Answer[] {
  const form = FORMS[r.kind];
  const fieldIds = [...new Set(form.sections.flatMap((s) => s.fields))];
  const drawnByPerson = new Map(
    r.persons.map((p) => {
      const timeline = drawTimeline(p.timeline, r.today);
      const identity = drawIdentity(p.profile, timeline.detentionStart);
      return [p.defenderId, { timeline, identity }] as const;
    }),
  );
  const group = r.persons.length > 1;
  const steps: StepItem[] = r.persons
    .flatMap((p) =>
      drawnByPerson
        .get(p.defenderId)!
        .timeline.remedies.map((s) => (group ? { ...s, person: p.profile.fullName } : s)),
    )
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const answers: Answer[] = [];
  const push = (f: AnswerField, defenderId: string | null, drawn: AnswerValue | null) => {
    const override = f.override ? (r.overrides[overrideKey(f.id, defenderId)] ?? null) : null;
    answers.push({
      field: f.id,
      defenderId,
      origin: f.origin,
      drawn,
      override,
      value: override && f.override ? overrideAnswer(f.override, override.value) : drawn,
    });
  };
  for (const id of fieldIds) {
    const f = answerField(id)!;
    if (f.scope === 'escalation') {
      push(
        f,
        null,
        id === 'remedies.steps'
          ? steps.length
            ? { kind: 'steps', items: steps }
            : null
          : typedValue(id, null, r),
      );
      continue;
    }
    for (const p of r.persons) {
      const d = drawnByPerson.get(p.defenderId)!;
      const [group, name] = id.split('.') as [string, string];
      const drawn =
        group === 'identity' && name in d.identity
          ? d.identity[name as keyof typeof d.identity]
          : group === 'arrest'
            ? d.timeline.arrest[name as keyof typeof d.timeline.arrest]
            : group === 'detention'
              ? d.timeline.detention[name as keyof typeof d.timeline.detention]
              : typedValue(id, p, r);
      push(f, p.defenderId, drawn ?? null);
    }
  }
  return answers;
}

/** The fields that may be overridden, for validation and documentation. */
export const OVERRIDABLE_FIELDS = ANSWER_FIELDS.filter((f) => f.override !== null).map((f) => f.id);

export type { OverrideValue };
