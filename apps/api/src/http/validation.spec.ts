import { inspectInput } from './validation';

describe('inspectInput', () => {
  it('names strings and keys holding NUL or a lone surrogate, at any depth', () => {
    expect(
      inspectInput({
        email: '\ud800@example.org',
        ok: 'Amina 👩🏽‍⚖️ حداد',
        contacts: [{ name: 'a\udfffb' }, { name: 'x\u0000' }],
        ['k\ud83d']: 1,
      }).sort((a, b) => a.field.localeCompare(b.field)),
    ).toEqual([
      {
        field: 'contacts[0].name',
        message: 'must be valid Unicode text (a lone surrogate was sent)',
      },
      { field: 'contacts[1].name', message: 'must not contain the NUL character (U+0000)' },
      { field: 'email', message: 'must be valid Unicode text (a lone surrogate was sent)' },
      { field: 'k\ud83d', message: 'must be valid Unicode text (a lone surrogate was sent)' },
    ]);
  });

  it('accepts well-formed surrogate pairs (emoji, astral scripts) and plain values', () => {
    expect(inspectInput({ a: '😀', b: '𝕏𝔸𝕄', c: ['\u{10FFFF}'], d: 1, e: null })).toEqual([]);
  });

  it('refuses nesting deeper than any DTO without overflowing itself', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspectInput({ a: deep })).toEqual([
      { field: 'a' + '[0]'.repeat(15), message: 'is nested too deeply' },
    ]);
  });
});
