/**
 * A dossier version's file name, fixed when the version is requested and never changed after:
 * our reference, the mechanism's form, the language and the version, e.g.
 * `WIT-2026-0042-wgad-en-v2.pdf`; a public edition says so (`...-v3-public.pdf`).
 */

/** The form, as a file name says it, per escalation kind. */
const FORM_SLUGS: Readonly<Record<string, string>> = {
  wgad_regular: 'wgad',
  wgad_urgent_action: 'wgad-ua',
  sp_urgent_appeal: 'sp-ua',
  sp_allegation_letter: 'sp-al',
  hrc_statement: 'hrc',
  hrc_side_event: 'hrc-side-event',
  upr_submission: 'upr',
};

export function dossierFileName(d: {
  reference: string;
  kind: string;
  mechanism: string;
  language: string;
  versionNo: number;
  edition: 'submission' | 'public';
  format: 'pdf' | 'html';
}): string {
  const form = FORM_SLUGS[d.kind] ?? (d.kind === 'regional_communication' ? d.mechanism : d.kind);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '-');
  const edition = d.edition === 'public' ? '-public' : '';
  return `${safe(d.reference)}-${safe(form)}-${d.language}-v${d.versionNo}${edition}.${d.format}`;
}
