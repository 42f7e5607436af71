import fc from 'fast-check';
import {
  allowedFor,
  checkTransition,
  ESCALATION_KINDS,
  isTerminal,
  nextStates,
  OPINION_NUMBER,
  statesOf,
  WORKFLOWS,
} from './escalation-workflow';
import { daysUntil, followUpDueOn, replyDueOn } from './escalation-clock';

describe('escalation workflows', () => {
  it('WGAD regular follows the procedure: draft to closed, with filed and withdrawn exits', () => {
    const path = [
      'draft',
      'in_review',
      'approved',
      'submitted',
      'transmitted_to_government',
      'government_replied',
      'pending_further_information',
      'source_comments_sent',
      'opinion_adopted',
      'opinion_transmitted',
      'follow_up',
      'closed',
    ];
    for (let i = 0; i + 1 < path.length; i++) {
      expect(checkTransition('wgad_regular', path[i], path[i + 1], 'coordinator')).toEqual({
        ok: true,
      });
    }
    expect(nextStates('wgad_regular', 'transmitted_to_government')).toEqual(
      expect.arrayContaining(['no_reply', 'filed', 'withdrawn', 'opinion_adopted']),
    );
    expect(checkTransition('wgad_regular', 'no_reply', 'opinion_adopted', 'admin')).toEqual({
      ok: true,
    });
  });

  it('refuses an illegal step and names the allowed ones', () => {
    const res = checkTransition('wgad_regular', 'draft', 'submitted', 'coordinator');
    expect(res).toEqual({ ok: false, reason: 'illegal', allowed: ['in_review', 'withdrawn'] });
  });

  it('caseworkers draft and send to review; only deciders approve, submit and record outcomes', () => {
    expect(checkTransition('wgad_regular', 'draft', 'in_review', 'caseworker')).toEqual({
      ok: true,
    });
    expect(checkTransition('wgad_regular', 'in_review', 'draft', 'caseworker')).toEqual({
      ok: true,
    });
    expect(checkTransition('wgad_regular', 'in_review', 'approved', 'caseworker')).toMatchObject({
      ok: false,
      reason: 'role',
    });
    expect(checkTransition('wgad_regular', 'approved', 'submitted', 'caseworker').ok).toBe(false);
    expect(allowedFor('wgad_regular', 'in_review', 'caseworker')).toEqual(['draft']);
    expect(allowedFor('wgad_regular', 'in_review', 'coordinator')).toEqual([
      'draft',
      'approved',
      'withdrawn',
    ]);
    expect(checkTransition('wgad_regular', 'draft', 'in_review', 'viewer').ok).toBe(false);
  });

  it('every table is closed: targets are states of the same kind, terminals lead nowhere, all start at draft', () => {
    for (const kind of ESCALATION_KINDS) {
      const states = statesOf(kind);
      expect(states[0]).toBe('draft');
      for (const [from, tos] of Object.entries(WORKFLOWS[kind])) {
        for (const to of tos) expect(states).toContain(to);
        if (isTerminal(from)) expect(tos).toEqual([]);
      }
      expect(states).toContain('closed');
      expect(states).toContain('withdrawn');
    }
  });

  it('every state is reachable from draft, and a terminal state from every state (property)', () => {
    const reachable = (kind: (typeof ESCALATION_KINDS)[number], start: string) => {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length) {
        for (const to of nextStates(kind, queue.shift() as string)) {
          if (!seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
      return seen;
    };
    for (const kind of ESCALATION_KINDS) {
      expect([...reachable(kind, 'draft')].sort()).toEqual(statesOf(kind).sort());
      for (const state of statesOf(kind)) {
        expect([...reachable(kind, state)].some((s) => isTerminal(s))).toBe(true);
      }
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...ESCALATION_KINDS),
        fc.array(fc.nat(10), { maxLength: 30 }),
        (kind, picks) => {
          let state = 'draft';
          for (const p of picks) {
            const next = nextStates(kind, state);
            if (next.length === 0) break;
            state = next[p % next.length];
          }
          return statesOf(kind).includes(state);
        },
      ),
    );
  });

  it('validates WGAD opinion numbers', () => {
    expect(OPINION_NUMBER.test('No. 12/2024')).toBe(true);
    expect(OPINION_NUMBER.test('No. 0/2024')).toBe(false);
    expect(OPINION_NUMBER.test('12/2024')).toBe(false);
    expect(OPINION_NUMBER.test('No. 12/24')).toBe(false);
  });
});

describe('escalation clock', () => {
  const wgad = { replyDays: 60, maxExtensionDays: 30, followUpMonths: 6 };

  it('the reply is due 60 days after transmission, plus an extension of up to a month', () => {
    expect(replyDueOn('2026-01-10', 0, wgad)).toBe('2026-03-11');
    expect(replyDueOn('2026-01-10', 30, wgad)).toBe('2026-04-10');
    expect(replyDueOn('2026-01-10', 90, wgad)).toBe('2026-04-10'); // capped
    expect(replyDueOn(null, 0, wgad)).toBeNull();
  });

  it('periods are configuration, not literals', () => {
    expect(replyDueOn('2026-01-10', 0, { ...wgad, replyDays: 30 })).toBe('2026-02-09');
  });

  it("follow-up is six months after the opinion's transmission, clamped to the month end", () => {
    expect(followUpDueOn('2026-03-15', wgad)).toBe('2026-09-15');
    expect(followUpDueOn('2026-08-31', wgad)).toBe('2027-02-28');
    expect(followUpDueOn('2027-08-31', wgad)).toBe('2028-02-29');
  });

  it('counts days until a deadline', () => {
    expect(daysUntil('2026-03-11', '2026-03-01')).toBe(10);
    expect(daysUntil('2026-03-11', '2026-03-12')).toBe(-1);
    expect(daysUntil(null, '2026-03-12')).toBeNull();
  });
});
