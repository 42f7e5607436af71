import fc from 'fast-check';
import { MANDATES, suggestMandates, type MandateFacts } from './mandate-map';

const none: MandateFacts = { focus: [], tags: [], statuses: [], events: [], charges: [] };

describe('the HRC mandate map', () => {
  it('always suggests the Special Rapporteur on human rights defenders, first', () => {
    expect(suggestMandates(none)).toEqual([
      expect.objectContaining({
        id: 'human_rights_defenders',
        reasons: ['a human rights defender'],
      }),
    ]);
  });

  it('a detained journalist charged with "false news", ill-treated and on hunger strike', () => {
    const s = suggestMandates({
      focus: ['journalist'],
      tags: ['Media'],
      statuses: ['detained'],
      events: ['arrest', 'ill_treatment', 'hunger_strike'],
      charges: ['Spreading false news'],
    });
    const byId = Object.fromEntries(s.map((m) => [m.id, m.reasons]));
    expect(Object.keys(byId)).toEqual([
      'human_rights_defenders',
      'expression',
      'arbitrary_detention',
      'health',
      'torture',
    ]);
    expect(byId.expression).toEqual([
      'focus:journalist',
      'tag:media',
      'charge:false news',
      'charge:spreading',
    ]);
    expect(byId.torture).toEqual(['event:ill_treatment']);
  });

  it('house arrest is detention; a disappearance goes to the WGEID; a lawyer to the independence of judges and lawyers', () => {
    const ids = (facts: Partial<MandateFacts>) =>
      suggestMandates({ ...none, ...facts }).map((m) => m.id);
    expect(ids({ statuses: ['house_arrest'] })).toContain('arbitrary_detention');
    expect(ids({ statuses: ['released'] })).not.toContain('arbitrary_detention');
    expect(ids({ events: ['disappearance'] })).toContain('disappearances');
    expect(ids({ focus: ['lawyer'] })).toContain('judges_lawyers');
    expect(ids({ focus: ['labour_rights'], charges: ['Unlicensed gathering'] })).toContain(
      'assembly_association',
    );
  });

  it('every suggestion names a known mandate with a reason, each once (property)', () => {
    const words = fc.constantFrom(
      'journalist',
      'lawyer',
      'detained',
      'death',
      'protest',
      'terror',
      'x',
    );
    fc.assert(
      fc.property(
        fc.record({
          focus: fc.array(words),
          tags: fc.array(words),
          statuses: fc.array(words),
          events: fc.array(words),
          charges: fc.array(words),
        }),
        (facts) => {
          const s = suggestMandates(facts);
          expect(s[0].id).toBe('human_rights_defenders');
          expect(new Set(s.map((m) => m.id)).size).toBe(s.length);
          for (const m of s) {
            expect(MANDATES[m.id as keyof typeof MANDATES]).toBe(m.title);
            expect(m.reasons.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});
