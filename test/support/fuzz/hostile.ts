import fc from 'fast-check';

/**
 * Hostile values for property-based fuzzing: what a careless or malicious client sends.
 * Everything here is plain data (no network): the arbitraries in `arbitraries.ts` mix these
 * into otherwise valid requests.
 */

/** Short strings that break naive code: SQL, HTML, templates, paths, spreadsheets, unicode. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '   padded   ',
  "' OR '1'='1",
  "'; DROP TABLE defenders; --",
  '" OR ""="',
  '\\',
  '%',
  '_%_',
  '$1',
  '${process.env}',
  '{{constructor.constructor("return process")()}}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '</textarea><svg onload=alert(1)>',
  '&amp;&lt;&#0;',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '=HYPERLINK("http://evil.example","x")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  ' 42 ',
  'true',
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  // unicode: lone surrogates, BOM, zero-width, RTL override, combining marks, emoji, astral
  '\uD800',
  '\uDFFF',
  'a\uDBFFb',
  '\uFEFFbom',
  'zero\u200Bwidth',
  'rtl\u202Eevil\u202C',
  'e\u0301\u0302\u0303\u0304\u0305',
  'Z\u0351\u036B\u0343\u036A\u0302\u036B\u033D\u034F\u0334\u0319\u0324\u031E\u0349\u035A',
  '👩🏽‍⚖️🏳️‍🌈',
  '𝕏𝔸𝕄',
  '\u{10FFFF}',
  '\uFFFF\uFFFE',
  '\u2028\u2029',
  'tab\tnew\nline\rreturn',
  '\u0001\u0007\u001B[31m',
  'ﷺ',
  'İıß',
  'أمينة حداد',
  '王小明',
];

/** NUL has its own entry: PostgreSQL text cannot hold it, so it is the classic 500. */
export const NUL_STRINGS: readonly string[] = ['\u0000', 'a\u0000b', 'nul at end\u0000'];

/** Strings of 100k+ characters (bodies stay under the 1 MB body limit). */
export const hugeString = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('a', 'é', '😀', '<', "'", '\u0301', ' ', '%'),
      fc.integer({ min: 100_000, max: 200_000 }),
    )
    .map(([c, n]) => c.repeat(Math.ceil(n / c.length)));

/** A string just past a length limit, in characters of several widths. */
export const justOver = (max: number): fc.Arbitrary<string> =>
  fc.constantFrom('x', 'é', '😀', 'e\u0301', '\uFE0F').map((c) => c.repeat(max + 1));

/** Nested arrays/objects, `depth` levels deep (JSON.stringify copes with these depths). */
export const deepValue = (): fc.Arbitrary<unknown> =>
  fc.tuple(fc.integer({ min: 17, max: 400 }), fc.boolean()).map(([depth, arrays]) => {
    let v: unknown = 'bottom';
    for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
    return v;
  });

/** Objects with own keys that poison prototypes when merged naively. */
export const prototypeKeys = (): fc.Arbitrary<unknown> =>
  fc.constantFrom(
    JSON.parse('{"__proto__":{"isAdmin":true,"role":"admin"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
    JSON.parse('{"prototype":{"polluted":true}}'),
    JSON.parse('{"__proto__":null}'),
    { hasOwnProperty: 'x', toString: 1, valueOf: [] },
  );

/** Numbers that are not what a field expects. */
export const oddNumbers = (): fc.Arbitrary<number> =>
  fc.constantFrom(
    -1,
    0,
    -0,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2147483648,
    -2147483649,
    Number.MIN_VALUE,
    99999999999,
  );

/** Any hostile JSON value, of any type. */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...NUL_STRINGS) },
    { weight: 2, arbitrary: hugeString() },
    { weight: 2, arbitrary: deepValue() },
    { weight: 2, arbitrary: prototypeKeys() },
    { weight: 2, arbitrary: oddNumbers() },
    {
      weight: 3,
      arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], [[]], { '': '' }),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...NASTY_STRINGS), { maxLength: 300 }) },
    { weight: 1, arbitrary: fc.array(fc.uuid(), { minLength: 51, maxLength: 400 }) },
  );

/** Invalid ids and path segments: not uuids, too long, dot segments, encoded slashes. */
export const hostilePathSegment = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'not-a-uuid',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '7F1C1B1E-1D2A-4C3B-9A8E-0123456789AB',
      '{7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab}',
      '7f1c1b1e1d2a4c3b9a8e0123456789ab',
      '7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab ',
      '1',
      '-1',
      '1e3',
      'null',
      'undefined',
      '2024-02-30',
      '..',
      '.',
      '%2e%2e',
      '%2F',
      '%00',
      '%ZZ',
      '%',
      '%E0%A4%A',
      '%C0%AE%C0%AE',
      '%ED%A0%80',
      '%F0%80%80%AF',
      '%EF%BB%BF',
      "'%20OR%201=1--",
      '%3Cscript%3E',
      '__proto__',
      'constructor',
    ),
    fc.integer({ min: 201, max: 20_000 }).map((n) => 'a'.repeat(n)),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeLoose),
  );

/**
 * Percent-encode like encodeURIComponent, but never throw: a lone surrogate (which
 * encodeURIComponent refuses) becomes its CESU-8 bytes, an invalid UTF-8 sequence.
 */
export function encodeLoose(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += encodeURIComponent(s[i] + s[i + 1]);
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      out += `%${(0xe0 | (c >> 12)).toString(16).toUpperCase()}%${(0x80 | ((c >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`;
      continue;
    }
    out += encodeURIComponent(s[i]);
  }
  return out;
}

/** Raw bodies that are not a JSON value a DTO could take. */
export const hostileRawJson = (): fc.Arbitrary<{ raw: string; contentType?: string }> =>
  fc
    .oneof(
      fc.constantFrom(
        '',
        '{',
        '{"a":}',
        "{'single':'quotes'}",
        '{"a":1,}',
        'undefined',
        'NaN',
        '\uFEFF{}',
        '{"__proto__":{"isAdmin":true}}',
        '{"a":{"__proto__":{"polluted":true}}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"a":1,"a":2}',
        '{"\\u0000":1}',
        '"\\ud800"',
        '{"x":"\\udfff"}',
        '1e99999',
        '-',
        '[' + '1,'.repeat(50_000) + '1]',
      ),
      fc
        .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.boolean())
        .map(([depth, arrays]) =>
          arrays
            ? '['.repeat(depth) + ']'.repeat(depth)
            : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
        ),
      fc.integer({ min: 1_000, max: 100_000 }).map((depth) => '['.repeat(depth)),
      fc
        .constantFrom(
          ['text/plain', '{"fullName":"x"}'],
          ['application/x-www-form-urlencoded', 'fullName=x&country=EG'],
          [
            'multipart/form-data; boundary=x',
            '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
          ],
          [
            'application/xml',
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
          ],
          ['application/json; charset=utf-16', '{}'],
          ['application/json; charset=latin1', '{"fullName":"\u00e9"}'],
          ['text/csv', 'a,b\n1,2'],
          ['application/vnd.api+json', '{}'],
        )
        .map(([contentType, raw]) => ({ raw, contentType })),
    )
    .map((v) => (typeof v === 'string' ? { raw: v } : v));
