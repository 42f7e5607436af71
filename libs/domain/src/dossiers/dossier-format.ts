import { unCountryName } from '../shared/un-country-names';
import type { DossierLanguage } from './dossier-data';
import type { DossierLocale } from './dossier-locale';
import type { AnswerValue, StepItem } from './questionnaire/values';

/**
 * Words and numbers as each language writes them in a UN document: dates "8 September 2026",
 * "8 septembre 2026" ("1er septembre 2026"), "8 de septiembre de 2026"; day counts with the
 * language's grouping and plural; States by their UN short names; and every answer of the
 * questionnaires (answers.ts) worded with the locale's phrases. Pure.
 */

const INTL_LOCALE: Record<DossierLanguage, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/**
 * Intl formatters are costly to build and a dossier formats hundreds of values: one of each
 * per language, built on first use.
 */
function perLanguage<T>(build: (language: DossierLanguage) => T): (language: DossierLanguage) => T {
  const cache = new Map<DossierLanguage, T>();
  return (language) => {
    let value = cache.get(language);
    if (value === undefined) cache.set(language, (value = build(language)));
    return value;
  };
}

const dateFormat = perLanguage(
  (language) =>
    new Intl.DateTimeFormat(INTL_LOCALE[language], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }),
);
const daysFormat = perLanguage(
  (language) =>
    new Intl.NumberFormat(INTL_LOCALE[language], {
      useGrouping: 'always',
      maximumFractionDigits: 0,
    }),
);
const pluralRules = perLanguage((language) => new Intl.PluralRules(INTL_LOCALE[language]));
const languageNames = perLanguage(
  (language) => new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }),
);

const DAY_WORDS: Record<DossierLanguage, { one: string; other: string }> = {
  en: { one: 'day', other: 'days' },
  fr: { one: 'jour', other: 'jours' },
  es: { one: 'día', other: 'días' },
};

/**
 * '2024-03-18' (or an ISO date-time, whose calendar date in UTC is used) as "18 March 2024",
 * "18 mars 2024", "18 de marzo de 2024"; the first of a month in French is "1er". Empty for
 * null; anything unparseable comes back as is.
 */
export function formatDossierDate(value: unknown, language: DossierLanguage): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const m = DATE_RE.exec(text);
  const date =
    m && text.length === 10
      ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
      : new Date(text);
  if (!m || Number.isNaN(date.getTime())) return text;
  const formatted = dateFormat(language).format(date);
  return language === 'fr' ? formatted.replace(/^1 /, '1er ') : formatted;
}

/** 1234 as "1,234 days", "1 234 jours" (narrow no-break space), "1.234 días". */
export function formatDossierDays(value: unknown, language: DossierLanguage): string {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  if (!Number.isFinite(n)) return '';
  const plural = pluralRules(language).select(n);
  const word = plural === 'one' ? DAY_WORDS[language].one : DAY_WORDS[language].other;
  return `${daysFormat(language).format(n)}\u00a0${word}`;
}

/** A document's language tag as the reader's language names it: `ar` as "Arabic", "arabe". */
export function languageName(tag: string | null | undefined, language: DossierLanguage): string {
  if (!tag) return '';
  try {
    return languageNames(language).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A State as UN documents name it in the language ("Viet Nam", « Türkiye »). */
export function dossierCountryName(code: string | null, language: DossierLanguage): string | null {
  return unCountryName(code, language);
}

/** An answer in words, or null when there is none ("Not known"). */
export function formatAnswer(
  value: AnswerValue | null | undefined,
  l: DossierLocale,
): string | null {
  if (!value) return null;
  const lang = l.language;
  const date = (d: string | null) => formatDossierDate(d, lang);
  const sep = l.t('format.listSeparator');
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'texts':
      return value.items.join(sep);
    case 'date':
      return date(value.date);
    case 'boolean':
      return l.t(value.value ? 'common.yes' : 'common.no');
    case 'label':
      return l.label(value.group, value.value);
    case 'countries':
      return value.codes.map((c) => dossierCountryName(c, lang)).join(sep);
    case 'birth': {
      const age = value.age;
      if (value.birthDate) {
        const d = date(value.birthDate);
        return age === null ? d : l.t('format.bornOn', { date: d, age });
      }
      return age === null
        ? l.t('format.bornInNoAge', { year: value.birthYear })
        : l.t('format.bornIn', { year: value.birthYear, age });
    }
    case 'duration': {
      const days = formatDossierDays(value.days, lang);
      return value.to
        ? l.t('format.durationClosed', { days, from: date(value.from), to: date(value.to) })
        : l.t('format.durationOngoing', { days, from: date(value.from) });
    }
    case 'profession': {
      const parts = [
        value.profession,
        value.organisation ? l.t('format.organisation', { value: value.organisation }) : null,
        value.focus.length
          ? l.t('format.focus', {
              value: value.focus.map((f) => l.label('hrdFocus', f)).join(', '),
            })
          : null,
        value.activity,
      ];
      return parts.filter(Boolean).join(sep) || null;
    }
    case 'places':
      return value.items
        .map((p) => {
          const key =
            p.how === 'transfer'
              ? 'format.placeTransfer'
              : p.how === 'house_arrest'
                ? 'format.placeHouseArrest'
                : 'format.placeTaken';
          const line = l.t(key, { date: date(p.date), place: p.place });
          return p.present ? `${line} ${l.t('format.presentPlace')}` : line;
        })
        .join('\n');
    case 'periods':
      return value.items
        .map((p) => {
          const period = p.to
            ? l.t('format.periodClosed', { from: date(p.from), to: date(p.to) })
            : l.t('format.periodOpen', { from: date(p.from) });
          return p.note ? l.t('format.periodNoted', { period, note: p.note }) : period;
        })
        .join('\n');
    case 'extensions':
      return value.items
        .map((e) => {
          const line = e.until
            ? l.t('format.extensionUntil', { date: date(e.date), until: date(e.until) })
            : l.t('format.extension', { date: date(e.date) });
          const detail = [e.authority, e.legalBasis].filter(Boolean).join(sep);
          return detail ? `${line} (${detail})` : line;
        })
        .join('\n');
    case 'steps':
      return value.items.map((s) => stepLine(s, l)).join('\n');
  }
}

/** One domestic step in a line (the web app's view of section V). */
export function stepLine(s: StepItem, l: DossierLocale): string {
  const date = (d: string | null) => formatDossierDate(d, l.language);
  const head = [date(s.date), l.label('event', s.type), s.authority].filter(Boolean).join(' · ');
  const outcome = s.outcome
    ? s.outcomeOn
      ? l.t('format.outcome', { outcome: s.outcome, date: date(s.outcomeOn) })
      : s.outcome
    : null;
  return [s.person, head, s.description, outcome].filter(Boolean).join(' — ');
}
