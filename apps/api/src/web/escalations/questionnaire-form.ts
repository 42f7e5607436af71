import type {
  AuthenticatedActor,
  CompletenessView,
  EscalationView,
  QuestionnaireService,
} from '@witness/domain';
import { text, type FormBody } from '../web-form';

/**
 * Pure helpers of the questionnaire page: the questionnaire's own answers as its form shows
 * them and as the API's PATCH receives them, and the completeness panel's data.
 */

export const CATEGORIES = ['I', 'II', 'III', 'IV', 'V'] as const;

export const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : null);
export const shownYesNo = (v: boolean | null | undefined) =>
  v === true ? 'yes' : v === false ? 'no' : '';

/** The completeness of both editions, as the escalation page and the questionnaire show it. */
export async function completenessPanel(
  questionnaire: QuestionnaireService,
  id: string,
  actor: AuthenticatedActor,
): Promise<{ submission: CompletenessView; public: CompletenessView }> {
  const [submission, pub] = await Promise.all([
    questionnaire.completeness(id, 'submission', actor),
    questionnaire.completeness(id, 'public', actor),
  ]);
  return { submission, public: pub };
}

/** The id of an answer's row (its anchor). */
export function anchor(field: string, defenderId: string | null): string {
  return `${field.replace('.', '-')}${defenderId ? `-${defenderId.slice(0, 8)}` : ''}`;
}

/** The typed answers as the form shows them. */
export function typedFormValues(e: EscalationView): FormBody {
  const c = e.content ?? {};
  const values: FormBody = {
    summary: c.summary ?? '',
    circumstances: c.circumstances ?? '',
    remediesExhausted: shownYesNo(c.remedies?.exhausted),
    remediesExplanation: c.remedies?.explanation ?? '',
    urgency: c.urgency ?? '',
    previousSubmissions: c.previousSubmissions ?? '',
    namePublicly: shownYesNo(c.namePublicly),
    confidentiality: c.confidentiality ?? '',
    sourceName: e.sourceIdentity?.name ?? '',
    sourceOrganisation: e.sourceIdentity?.organisation ?? '',
    sourceContact: e.sourceIdentity?.contact ?? '',
    sourceRelation: e.sourceIdentity?.relation ?? '',
  };
  for (const x of c.categories ?? []) {
    values[`category${x.category}`] = 'true';
    values[`argument${x.category}`] = x.argument;
  }
  for (const d of c.identityDocuments ?? []) {
    for (const k of ['type', 'issuedBy', 'issuedOn', 'number'] as const)
      values[`doc-${d.defenderId}-${k}`] = d[k] ?? '';
  }
  return values;
}

/** The content from the form, over what is saved (fields a form does not ask stay as they are). */
export function contentFrom(body: FormBody, e: EscalationView): Record<string, unknown> {
  const has = (name: string) => name in body;
  const c: Record<string, unknown> = { ...(e.content ?? {}) };
  for (const k of ['summary', 'circumstances', 'urgency', 'previousSubmissions', 'confidentiality'])
    if (has(k)) c[k] = text(body, k) ?? null;
  if (has('categoriesShown')) {
    c.categories = CATEGORIES.filter((x) => text(body, `category${x}`) === 'true').map((x) => ({
      category: x,
      argument: text(body, `argument${x}`) ?? '',
    }));
  }
  if (has('remediesExplanation'))
    c.remedies = {
      exhausted: yesNo(text(body, 'remediesExhausted')),
      explanation: text(body, 'remediesExplanation') ?? null,
    };
  if (has('namePublicly')) c.namePublicly = yesNo(text(body, 'namePublicly'));
  if (has('documentsShown')) {
    c.identityDocuments = e.defenderIds
      .map((defenderId) => {
        const f = (k: string) => text(body, `doc-${defenderId}-${k}`) ?? null;
        return {
          defenderId,
          type: f('type'),
          issuedBy: f('issuedBy'),
          issuedOn: f('issuedOn'),
          number: f('number'),
        };
      })
      .filter((d) => d.type || d.issuedBy || d.issuedOn || d.number);
  }
  return c;
}

/** The source from the form; null when every field is empty. */
export function sourceFrom(body: FormBody): Record<string, unknown> | null {
  const name = text(body, 'sourceName');
  const rest = ['sourceOrganisation', 'sourceContact', 'sourceRelation'].some((k) => text(body, k));
  if (!name && !rest) return null;
  return {
    name: name ?? '',
    organisation: text(body, 'sourceOrganisation') ?? null,
    contact: text(body, 'sourceContact') ?? null,
    relation: text(body, 'sourceRelation') ?? null,
  };
}
