import type { QuestionnaireContent } from './answers';
import { countWords } from './word-count';

/**
 * The UPR's word limits for stakeholder submissions (OHCHR, technical guidelines for the
 * submission of stakeholders' information): 2,815 words for an individual stakeholder, 5,630
 * for a joint submission of a coalition; footnotes, endnotes and annexes do not count.
 */
export const UPR_WORD_LIMITS = { individual: 2815, coalition: 5630 } as const;

export function uprWordLimit(content: QuestionnaireContent | null | undefined): number {
  return content?.uprCoalition ? UPR_WORD_LIMITS.coalition : UPR_WORD_LIMITS.individual;
}

/** The words of the submission's own text: its summary, facts and recommendations. */
export function uprWords(content: QuestionnaireContent | null | undefined): number {
  const c = content ?? {};
  return [c.summary, c.circumstances, ...(c.recommendations ?? [])].reduce(
    (n, t) => n + countWords(t),
    0,
  );
}
