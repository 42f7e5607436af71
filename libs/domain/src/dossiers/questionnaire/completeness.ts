import type { DossierEdition, DossierTemplateKind } from '../dossier-data';
import type { Answer, QuestionnaireContent } from './answers';
import { FORMS, type RequirementLevel } from './forms';
import { uprWordLimit, uprWords } from './upr';
import { countWords } from './word-count';

/**
 * What a mechanism requires before a dossier is generated, and what is still missing. Pure:
 * the answers in, the list out. A person-scoped requirement is checked for each person (a
 * group case needs each person's own facts and consent).
 */

export interface CompletenessItem {
  /** The requirement (`requirements.<id>` in the locale files names it in words). */
  requirement: string;
  level: RequirementLevel;
  defenderId: string | null;
  met: boolean;
}

export interface Completeness {
  kind: DossierTemplateKind;
  edition: DossierEdition;
  /** Nothing required is missing. */
  complete: boolean;
  items: CompletenessItem[];
  /** Required and missing: a submission is refused (422) unless acknowledged. */
  missing: CompletenessItem[];
  /** Recommended and missing, or over a limit: said, never blocking. */
  warnings: CompletenessItem[];
  summaryWords: number | null;
  summaryWordLimit: number | null;
}

export { countWords } from './word-count';

export function checkCompleteness(
  kind: DossierTemplateKind,
  edition: DossierEdition,
  answers: readonly Answer[],
  defenderIds: readonly string[],
  summary: string | null | undefined,
  /** The questionnaire's content, for limits on more than the summary (the UPR's). */
  content?: QuestionnaireContent | null,
): Completeness {
  const form = FORMS[kind];
  const has = (field: string, defenderId: string | null) =>
    answers.some((a) => a.field === field && a.defenderId === defenderId && a.value !== null);
  const items: CompletenessItem[] = [];
  for (const r of form.requirements[edition]) {
    const scopes = r.scope === 'person' ? defenderIds : [null];
    for (const defenderId of scopes) {
      items.push({
        requirement: r.id,
        level: r.level,
        defenderId,
        met: r.fields.some((f) => has(f, defenderId)),
      });
    }
  }
  const words = summary ? countWords(summary) : null;
  if (form.summaryWordLimit !== null && words !== null) {
    items.push({
      requirement: 'summaryLength',
      level: 'recommended',
      defenderId: null,
      met: words <= form.summaryWordLimit,
    });
  }
  // The UPR refuses a submission over its word limit: required, not a warning.
  if (kind === 'upr_submission') {
    items.push({
      requirement: 'uprWordLimit',
      level: edition === 'submission' ? 'required' : 'recommended',
      defenderId: null,
      met: uprWords(content) <= uprWordLimit(content),
    });
  }
  const missing = items.filter((i) => !i.met && i.level === 'required');
  return {
    kind,
    edition,
    complete: missing.length === 0,
    items,
    missing,
    warnings: items.filter((i) => !i.met && i.level === 'recommended'),
    summaryWords: words,
    summaryWordLimit: form.summaryWordLimit,
  };
}
