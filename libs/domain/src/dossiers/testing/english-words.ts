/**
 * Words and labels a French or Spanish dossier must not contain: the English of the dossiers'
 * own wording (a label left untranslated shows up as one of these). Shared by the locale test
 * and the end-to-end test that reads the PDFs' text. Words French or Spanish share with English
 * ("Date", "Source", "Organisation", "Profession", "Version", "Session") are not in it, nor "No"
 * for Spanish.
 */
export const ENGLISH_WORDS = [
  'Not known',
  'Arrest',
  'arrest',
  'Detention',
  'detention',
  'Identity',
  'Consent',
  'consent',
  'Reasons',
  'Yes',
  'No',
  'Person',
  'Chronology',
  'Annex',
  'Summary',
  'Category',
  'Why',
  'the',
  'and',
  'with',
  'days',
  'since',
  'continuing',
  'transferred',
  'Hearing',
  'Appeal',
  'Complaint',
  'Submission',
  'CONFIDENTIAL',
  'Generated',
  'Authority',
  'Legal basis',
  'Family',
  'Sex',
  'Birth',
  'Nationality',
  'Address',
  'Warrant',
  'Result',
  'Step',
  'Further',
  'Denial',
  'lawyer',
  'until',
  'present place',
  'house arrest',
  'Incommunicado',
  'Our reference',
  'UN reference',
  'Edition',
  'Mechanism',
  'Procedure',
  'Working Group',
  'United Nations',
  'Human Rights',
  'Egypt',
] as const;

export function englishWordsIn(text: string, language: 'fr' | 'es'): string[] {
  // Parameters of a locale string ({days}) are names, not words.
  const words = text.replace(/\{\w+\}/g, ' ');
  return ENGLISH_WORDS.filter((w) => !(language === 'es' && w === 'No')).filter((w) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'u').test(words),
  );
}
