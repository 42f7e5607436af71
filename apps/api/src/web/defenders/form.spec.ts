import type { DefenderView } from '@witness/domain';
import {
  changedFields,
  createInput,
  decodeDefenderSnapshot,
  defenderFormFromBody,
  defenderFormFromView,
  encodeSnapshot,
  overlay,
  patchInput,
  splitContactErrors,
} from './form';

const view = {
  id: '00000000-0000-4000-8000-000000000001',
  fullName: 'Amina Haddad',
  otherNames: ['أمينة حداد'],
  sex: 'female',
  birthDate: null,
  birthYear: 1988,
  nationalities: ['EG'],
  country: 'EG',
  profession: null,
  organisation: null,
  hrdFocus: ['lawyer', 'journalist'],
  summary: 'Summary.',
  story: 'Line one\nLine two\n',
  riskLevel: 'high',
  access: 'standard',
  tags: ['a', 'b'],
  contacts: [{ name: 'Lee', relation: 'lawyer', phone: null, email: 'lee@example.org' }],
  confidentialNotes: null,
} as unknown as DefenderView;

/** The edit form posted back as the browser sends it (CRLF line breaks, repeated fields). */
function posted(overrides: Record<string, string | string[]> = {}) {
  return {
    _csrf: 'x',
    fullName: 'Amina Haddad',
    otherNames: 'أمينة حداد',
    sex: 'female',
    birthDate: '',
    birthYear: '1988',
    nationalities: 'EG',
    country: 'EG',
    profession: '',
    organisation: '',
    hrdFocus: ['journalist', 'lawyer'],
    summary: 'Summary.',
    story: 'Line one\r\nLine two',
    riskLevel: 'high',
    access: 'standard',
    tags: 'a,b',
    contact_name: ['Lee', ''],
    contact_relation: ['lawyer', ''],
    contact_phone: ['', ''],
    contact_email: ['lee@example.org', ''],
    contact_notes: ['', ''],
    confidentialNotes: '',
    ...overrides,
  };
}

describe('defenders web forms', () => {
  it('an untouched edit form changes nothing', () => {
    const base = defenderFormFromView(view);
    expect(changedFields(defenderFormFromBody(posted()), base)).toEqual([]);
  });

  it('sends only the fields a person changed, with empty meaning "clear"', () => {
    const base = defenderFormFromView(view);
    const mine = defenderFormFromBody(
      posted({ profession: 'Lawyer', riskLevel: '', tags: 'a, b, c' }),
    );
    const fields = changedFields(mine, base);
    expect(fields).toEqual(['profession', 'riskLevel', 'tags']);
    expect(patchInput(mine, fields)).toEqual({
      profession: 'Lawyer',
      riskLevel: null,
      tags: ['a', 'b', 'c'],
    });
  });

  it('re-applies my changes over the latest version, keeping what others changed', () => {
    const base = defenderFormFromView(view);
    const mine = defenderFormFromBody(posted({ profession: 'Lawyer' }));
    const latest = defenderFormFromView({ ...view, summary: 'Theirs.' } as DefenderView);
    const merged = overlay(latest, mine, changedFields(mine, base));
    expect(merged).toMatchObject({ profession: 'Lawyer', summary: 'Theirs.' });
  });

  it('round-trips the snapshot and refuses a forged one', () => {
    const base = defenderFormFromView(view);
    expect(decodeDefenderSnapshot(encodeSnapshot(base))).toEqual(base);
    expect(decodeDefenderSnapshot('not base64 json')).toBeNull();
    expect(decodeDefenderSnapshot(encodeSnapshot({ fullName: 3 }))).toBeNull();
    expect(decodeDefenderSnapshot(undefined)).toBeNull();
  });

  it('creates with empty fields left out but the required ones always sent', () => {
    const input = createInput(
      defenderFormFromBody({ fullName: '', country: '', access: 'standard', birthYear: 'abc' }),
    );
    expect(input).toEqual({ fullName: '', country: '', access: 'standard', birthYear: 'abc' });
  });

  it('names contact errors by row', () => {
    expect(
      splitContactErrors({ 'contacts[1].email': 'must be an email address', fullName: 'x' }),
    ).toEqual({
      errors: { fullName: 'x', contacts: 'must be an email address' },
      rows: { 1: { contact_email: 'must be an email address' } },
    });
  });
});
