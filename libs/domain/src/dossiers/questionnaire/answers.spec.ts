import { completePerson, event, record } from '../testing/dossier-fixture';
import { drawAnswers, overrideKey, overrideProblem } from './answers';
import { checkCompleteness, countWords } from './completeness';
import { answerField, ANSWER_FIELDS, FORMS } from './forms';
import { ageOn, drawIdentity } from './identity-draw';

const value = (
  answers: ReturnType<typeof drawAnswers>,
  field: string,
  defenderId: string | null = 'd1',
) => answers.find((a) => a.field === field && a.defenderId === defenderId)?.value ?? null;

describe('drawIdentity', () => {
  const base = completePerson().profile;

  it('takes family and given names apart from the profile, never guessing them from the full name', () => {
    const i = drawIdentity({ ...base, familyName: null, givenNames: null }, '2024-03-18');
    expect(i.familyName).toBeNull();
    expect(i.givenNames).toBeNull();
    expect(drawIdentity(base, null).familyName).toEqual({ kind: 'text', text: 'Haddad' });
  });

  it('says the age at the start of the detention, approximate with only the year', () => {
    expect(ageOn('1988-04-12', '2024-03-18')).toBe(35);
    expect(ageOn('1988-03-18', '2024-03-18')).toBe(36);
    expect(drawIdentity(base, '2024-03-18').birth).toEqual({
      kind: 'birth',
      birthDate: '1988-04-12',
      birthYear: 1988,
      age: 35,
      approximate: false,
    });
    expect(drawIdentity({ ...base, birthDate: null }, '2024-03-18').birth).toMatchObject({
      age: 36,
      approximate: true,
    });
    expect(drawIdentity({ ...base, birthDate: null, birthYear: null }, null).birth).toBeNull();
  });

  it('gathers profession, organisation, areas of work and the activity behind the arrest', () => {
    expect(drawIdentity(base, null).profession).toEqual({
      kind: 'profession',
      profession: 'Journalist',
      organisation: 'Cairo Press Freedom Network',
      focus: ['journalist'],
      activity: 'Reported on the trials of protesters',
    });
    expect(
      drawIdentity(
        { ...base, profession: null, organisation: null, hrdFocus: [], hrdActivity: null },
        null,
      ).profession,
    ).toBeNull();
  });
});

describe('drawAnswers', () => {
  it('gives every field of the form, per person for sections I-III', () => {
    const answers = drawAnswers(record());
    const fields = new Set(FORMS.wgad_regular.sections.flatMap((s) => s.fields));
    expect(new Set(answers.map((a) => a.field))).toEqual(fields);
    expect(value(answers, 'arrest.place')).toEqual({ kind: 'text', text: 'Her home in Giza' });
    expect(value(answers, 'remedies.steps', null)).toMatchObject({ kind: 'steps' });
    expect(value(answers, 'consent.unSubmission')).toEqual({ kind: 'boolean', value: true });
  });

  it('an override replaces the drawn value, which stays visible beside it', () => {
    const r = record();
    r.overrides = {
      [overrideKey('arrest.place', 'd1')]: {
        value: 'Café in Giza',
        by: 'u1',
        at: '2026-06-01T00:00:00Z',
      },
      [overrideKey('arrest.date', 'd1')]: {
        value: '2024-03-17',
        by: 'u1',
        at: '2026-06-01T00:00:00Z',
      },
      [overrideKey('arrest.warrantShown', 'd1')]: {
        value: true,
        by: 'u1',
        at: '2026-06-01T00:00:00Z',
      },
      'remedies.steps': { value: 'See annex 2.', by: 'u1', at: '2026-06-01T00:00:00Z' },
    };
    const answers = drawAnswers(r);
    const place = answers.find((a) => a.field === 'arrest.place')!;
    expect(place.drawn).toEqual({ kind: 'text', text: 'Her home in Giza' });
    expect(place.value).toEqual({ kind: 'text', text: 'Café in Giza' });
    expect(place.override).toMatchObject({ by: 'u1' });
    expect(value(answers, 'arrest.date')).toEqual({ kind: 'date', date: '2024-03-17' });
    expect(value(answers, 'arrest.warrantShown')).toEqual({ kind: 'boolean', value: true });
    expect(value(answers, 'remedies.steps', null)).toEqual({ kind: 'text', text: 'See annex 2.' });
  });

  it('a group: each person has their own facts; the steps of all of them, in date order, named', () => {
    const a = completePerson('d1', 'Amina Haddad');
    const b = completePerson('d2', 'Omar Salem');
    b.timeline = [
      event({ type: 'arrest', occurredOn: '2024-03-18', place: 'Tahrir Square' }),
      event({ type: 'habeas_corpus', occurredOn: '2024-04-01', outcome: 'Pending' }),
    ];
    const answers = drawAnswers(record([a, b]));
    expect(value(answers, 'arrest.place', 'd2')).toEqual({ kind: 'text', text: 'Tahrir Square' });
    expect(value(answers, 'arrest.place', 'd1')).toEqual({
      kind: 'text',
      text: 'Her home in Giza',
    });
    const steps = value(answers, 'remedies.steps', null);
    expect(steps?.kind === 'steps' && steps.items.map((s) => [s.date, s.person])).toEqual([
      ['2024-04-01', 'Omar Salem'],
      ['2024-05-02', 'Amina Haddad'],
      ['2024-06-01', 'Amina Haddad'],
    ]);
  });

  it('checks an override against its field', () => {
    expect(overrideProblem(answerField('arrest.place'), 'x')).toBeNull();
    expect(overrideProblem(answerField('arrest.place'), ' ')).toMatchObject({ field: 'value' });
    expect(overrideProblem(answerField('arrest.date'), '2024-02-30')).toMatchObject({
      field: 'value',
    });
    expect(overrideProblem(answerField('arrest.warrantShown'), 'yes')).toMatchObject({
      field: 'value',
    });
    expect(overrideProblem(answerField('identity.address'), 'x')?.message).toMatch(/case record/);
    expect(overrideProblem(answerField('questionnaire.summary'), 'x')?.message).toMatch(
      /escalation/,
    );
    expect(overrideProblem(answerField('nope.field'), 'x')).toMatchObject({ field: 'field' });
  });

  it('every field a form asks and every requirement names exist in the catalogue', () => {
    for (const form of Object.values(FORMS)) {
      for (const s of form.sections) for (const f of s.fields) expect(answerField(f)).toBeDefined();
    }
    expect(ANSWER_FIELDS.length).toBeGreaterThan(30);
  });
});

describe('checkCompleteness', () => {
  it('a complete record lacks nothing for the WGAD', () => {
    const r = record();
    const c = checkCompleteness(
      'wgad_regular',
      'submission',
      drawAnswers(r),
      ['d1'],
      r.content.summary,
    );
    expect(c.missing).toEqual([]);
    expect(c.warnings).toEqual([]);
    expect(c.complete).toBe(true);
  });

  it('names what is missing, per person, and what is only recommended', () => {
    const a = completePerson('d1');
    const b = completePerson('d2', 'Omar Salem');
    b.timeline = [];
    b.consent = { ...b.consent, granted: false, state: 'none' };
    b.profile = { ...b.profile, sex: null };
    const r = record([a, b]);
    r.content = { ...r.content, remedies: null, circumstances: null };
    r.source = null;
    const c = checkCompleteness(
      'wgad_regular',
      'submission',
      drawAnswers(r),
      ['d1', 'd2'],
      r.content.summary,
    );
    const missing = c.missing.map((i) => `${i.requirement}:${i.defenderId ?? '-'}`);
    expect(missing).toEqual([
      'arrestDate:d2',
      'arrestPlace:d2',
      'forcesOrAuthority:d2',
      'detentionPlaces:d2',
      'circumstances:-',
      'source:-',
      'consent:d2',
    ]);
    expect(c.warnings.map((i) => `${i.requirement}:${i.defenderId}`)).toContain('sex:d2');
    // The steps of the other person answer "domestic remedies or why not" for the escalation.
    expect(c.items.find((i) => i.requirement === 'remedies')?.met).toBe(true);
  });

  it('the public edition has its own, smaller list', () => {
    const r = record();
    r.source = null;
    r.persons[0].consent = { ...r.persons[0].consent, granted: false };
    const c = checkCompleteness(
      'wgad_regular',
      'public',
      drawAnswers(r),
      ['d1'],
      r.content.summary,
    );
    expect(c.complete).toBe(true);
    expect(c.items.map((i) => i.requirement)).toEqual([
      'arrestDate',
      'circumstances',
      'category',
      'summaryLength',
    ]);
  });

  it('warns when the summary is past the word limit, and counts words as a reader does', () => {
    expect(countWords('Amina’s well-known case, 2024: detained.')).toBe(5);
    const r = record();
    const long = Array.from({ length: 301 }, (_, i) => `word${i}`).join(' ');
    const c = checkCompleteness('wgad_regular', 'submission', drawAnswers(r), ['d1'], long);
    expect(c.complete).toBe(true);
    expect(c.warnings.map((w) => w.requirement)).toEqual(['summaryLength']);
    expect(c.summaryWords).toBe(301);
    expect(c.summaryWordLimit).toBe(300);
  });

  it('Special Procedures, urgent actions and HRC briefs ask their own things', () => {
    const r = record([completePerson()], 'wgad_urgent_action');
    r.content = { ...r.content, urgency: null };
    const ua = checkCompleteness('wgad_urgent_action', 'submission', drawAnswers(r), ['d1'], null);
    expect(ua.missing.map((i) => i.requirement)).toEqual(['urgency']);
    const sp = record([completePerson()], 'sp_communication');
    sp.content = { ...sp.content, namePublicly: null };
    expect(
      checkCompleteness(
        'sp_communication',
        'submission',
        drawAnswers(sp),
        ['d1'],
        sp.content.summary,
      ).missing.map((i) => i.requirement),
    ).toEqual(['namePublicly']);
  });
});
