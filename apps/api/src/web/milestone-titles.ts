import {
  countryNameFor,
  deadlineTitle,
  deadlineTitleMessage,
  type MilestoneTitleMessage,
} from '@witness/domain';
import type { Translator } from './i18n';

/**
 * A milestone's title in the reader's language: a derived one from its message
 * (`titleMessage`, catalogue `milestones.titles.*`), its codes named by the vocabularies;
 * one a person typed (or a derived one not yet given a message) as written.
 */
export function milestoneTitle(
  tr: Translator,
  lang: string,
  m: { title: string; titleMessage?: MilestoneTitleMessage | null },
): string {
  const msg = m.titleMessage;
  if (!msg) return m.title;
  const p = msg.params ?? {};
  const str = (name: string) => (typeof p[name] === 'string' ? (p[name] as string) : '');
  const term = (vocab: string, code: string) => {
    const key = `vocab.${vocab}.${code}`;
    return tr.has(key) ? tr.t(lang, key) : code;
  };
  switch (msg.key) {
    case 'text':
      return str('text') || m.title;
    case 'event':
      return str('place')
        ? tr.t(lang, 'milestones.titles.eventAt', {
            type: term('eventTypes', str('type')),
            place: str('place'),
          })
        : tr.t(lang, 'milestones.titles.event', { type: term('eventTypes', str('type')) });
    case 'anniversary':
      return tr.t(lang, 'milestones.titles.anniversary', { years: p.years });
    case 'profileReview':
      return tr.t(lang, 'milestones.titles.profileReview');
    case 'consentReview':
      return tr.t(lang, 'milestones.titles.consentReview', {
        purpose: term('consentPurposes', str('purpose')),
      });
    case 'solidarityAction':
      return tr.t(lang, 'milestones.titles.solidarityAction', { title: str('title') });
    case 'escalation': {
      const key = `milestones.titles.escalations.${str('procedure')}.${str('clock')}`;
      return tr.has(key) ? tr.t(lang, key) : m.title;
    }
    case 'unDeadline': {
      const numbered =
        typeof p.number === 'number' && (str('session') !== 'regional_session' || str('body'));
      const session = numbered
        ? tr.t(lang, 'milestones.titles.session', {
            session: str('session'),
            number: p.number,
            body: str('body'),
          })
        : str('title');
      const whatKey = `milestones.titles.unDeadlines.${str('deadline')}`;
      const what = str('label') || (tr.has(whatKey) ? tr.t(lang, whatKey) : m.title);
      const country = str('country');
      return country
        ? tr.t(lang, 'milestones.titles.unDeadlineIn', {
            session,
            what,
            country: countryNameFor(country, lang),
          })
        : tr.t(lang, 'milestones.titles.unDeadline', { session, what });
    }
    default:
      return m.title;
  }
}

/** A UN calendar deadline's title (as its milestones have it) in the reader's language. */
export function calendarDeadlineTitle(
  tr: Translator,
  lang: string,
  e: Parameters<typeof deadlineTitle>[0],
  d: Parameters<typeof deadlineTitle>[1],
): string {
  return milestoneTitle(tr, lang, {
    title: deadlineTitle(e, d),
    titleMessage: deadlineTitleMessage(e, d),
  });
}
