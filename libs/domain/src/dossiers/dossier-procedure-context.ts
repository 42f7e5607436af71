import type { DossierData, DossierLanguage } from './dossier-data';
import { dossierCountryName, formatDossierDate } from './dossier-format';
import type { DossierLocale } from './dossier-locale';
import { uprWordLimit, uprWords } from './questionnaire/upr';

/**
 * What the forms of their own (UPR submission, regional request, WGEID/CED, treaty body) show
 * beyond the questionnaire, worded in the dossier's language. Null for the other forms.
 */

/** "4th", "4e", "4.º": the ordinal of a cycle. */
export function ordinal(n: number, language: DossierLanguage): string {
  if (language === 'fr') return n === 1 ? '1er' : `${n}e`;
  if (language === 'es') return `${n}.º`;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A text as numbered paragraphs (one per line), from `start`. */
function paragraphs(text: string | null | undefined, start: number) {
  return (text ?? '')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i) => ({ number: start + i, text: p }));
}

const number = (n: number, language: DossierLanguage) =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : language).format(n);

export function procedureContext(data: DossierData, l: DossierLocale) {
  const p = data.procedure;
  if (!p) return null;
  const lang = l.language;
  const q = data.questionnaire ?? {};
  const kindWords = (key: string) =>
    l.maybe(`forms.${data.kind}.kinds.${data.escalationKind}.${key}`) ?? null;
  const states = [...new Set((data.persons ?? []).map((x) => x.country).filter(Boolean))]
    .map((c) => dossierCountryName(c, lang))
    .join(l.t('format.listSeparator'));

  // UPR: numbered paragraphs throughout, the recommendations continuing the numbering.
  const summary = paragraphs(q.summary, 1);
  const facts = paragraphs(q.circumstances, summary.length + 1);
  const cycle = p.uprCycle ? l.t('format.cycle', { ordinal: ordinal(p.uprCycle, lang) }) : null;
  const recommendations = p.recommendations.map((text, i) => ({
    number: summary.length + facts.length + i + 1,
    ref: l.t('format.recommendationRef', { ref: p.uprCycle ? `${p.uprCycle}.${i + 1}` : i + 1 }),
    text,
  }));
  const words = uprWords({ ...q, recommendations: p.recommendations });
  const limit = uprWordLimit({ uprCoalition: p.uprCoalition });

  const accepted = (v: boolean | null) =>
    v === true
      ? l.t('common.yes')
      : v === false
        ? l.t('common.no')
        : l.t('common.checkBeforeSubmitting');
  return {
    title: kindWords('title'),
    addressee: kindWords('addressee'),
    basis: kindWords('basis'),
    notice: kindWords('notice'),
    asksIntro: kindWords('asksIntro'),
    asks: l.lookup(`forms.${data.kind}.kinds.${data.escalationKind}.asks`)
      ? l.list(`forms.${data.kind}.kinds.${data.escalationKind}.asks`)
      : [],
    states,
    meetingOn: formatDossierDate(p.meetingOn, lang) || null,
    cycle,
    coalition: p.uprCoalition,
    summaryParagraphs: summary,
    factParagraphs: facts,
    recommendations,
    wordCount: l.t('format.wordCount', {
      words: number(words, lang),
      limit: number(limit, lang),
    }),
    overLimit: words > limit,
    locateSteps: p.locateSteps,
    irreparableHarm: p.irreparableHarm,
    applicationNumber: p.applicationNumber,
    interimMeasures: data.escalationKind === 'treaty_interim_measures',
    instrument: p.treatyInstrument ? l.label('treatyInstrument', p.treatyInstrument) : null,
    acceptance: p.acceptance.map((a) => ({
      state: dossierCountryName(a.country, lang),
      accepted: p.treatyInstrument ? accepted(a.accepted) : l.t('common.checkBeforeSubmitting'),
    })),
  };
}
