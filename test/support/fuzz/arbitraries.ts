import fc from 'fast-check';
import {
  deepValue,
  encodeLoose,
  hostilePathSegment,
  hostileRawJson,
  hostileValue,
  hugeString,
  justOver,
  NASTY_STRINGS,
  NUL_STRINGS,
} from './hostile';
import {
  resolve,
  type OpenApiDocument,
  type Operation,
  type Parameter,
  type Schema,
} from './openapi';
import { poolForName, realId, RealId, type IdPools } from './pools';

/**
 * fast-check arbitraries built from the OpenAPI document: a request for any operation, with
 * values that follow its schemas (enums, formats, lengths, ranges, nested objects, ids of
 * records that exist) mixed with hostile ones (see hostile.ts).
 */

export type Actor = 'admin' | 'viewer' | 'anonymous';

export type PathValue = { real: RealId } | { raw: string };
export type QueryPair = [key: string, value: string | RealId, encoded: boolean];
export type HeaderValue = { current: true } | { value: string };
export type Body = { json: unknown } | { raw: string; contentType?: string };

export interface FuzzRequest {
  actor: Actor;
  /** A hostile Authorization header instead of the actor's token. */
  auth?: string;
  path: PathValue[];
  query: QueryPair[];
  headers: Record<string, HeaderValue>;
  body?: Body;
}

export interface ArbitraryContext {
  doc: OpenApiDocument;
  pools: IdPools;
  /** The import route's template: the header line and its example row. */
  csvTemplate?: { header: string; example: string };
}

const isStringLike = (s: Schema): boolean =>
  s.type === 'string' ||
  // @nestjs/swagger writes nullable strings as type "object" (with or without constraints).
  (s.type === 'object' &&
    !s.properties &&
    s.minimum === undefined &&
    s.maximum === undefined &&
    !s.additionalProperties);

const isNumberLike = (s: Schema): boolean =>
  s.type === 'number' ||
  s.type === 'integer' ||
  (s.type === 'object' && !s.properties && (s.minimum !== undefined || s.maximum !== undefined));

const day = (d: Date) => d.toISOString().slice(0, 10);
const dates = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2030-12-31T00:00:00Z'),
  noInvalidDate: true,
});

/** A string the field should accept (most of the time): examples, random text, metacharacters. */
function validString(s: Schema, name: string, pools: IdPools, safe = false): fc.Arbitrary<unknown> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 60;
  const fits = (v: string) => [...v].length >= min && [...v].length <= max;
  switch (s.format) {
    case 'uuid': {
      const pool = poolForName(name);
      return pool
        ? fc.oneof(
            { weight: 5, arbitrary: realId(pools, pool) },
            { weight: 1, arbitrary: fc.uuid() },
          )
        : fc.uuid();
    }
    case 'date':
      return dates.map(day);
    case 'date-time':
      return fc.oneof(
        dates.map((d) => d.toISOString()),
        dates.map((d) => d.toISOString().replace('Z', '+02:00')),
      );
    case 'email':
      return fc.emailAddress().filter(fits);
    case 'uri':
    case 'url':
      return fc.webUrl().filter(fits);
  }
  if (/url|link/i.test(name)) return fc.webUrl().filter(fits);
  // Formats the document names only in words.
  if (/^(country|nationality|nationalities)$/i.test(name)) return fc.constantFrom('EG', 'KE', 'TR', 'ke');
  if (/email/i.test(name)) return fc.emailAddress().filter(fits);
  if (/timeZone/i.test(name)) return fc.constantFrom('Africa/Nairobi', 'UTC', 'America/Bogota');
  if (/^remindBefore$/.test(name)) return fc.constantFrom('P7D', 'P1D', 'PT2H');
  if (/^tags?$/.test(name))
    return fc.constantFrom('group:fuzz', 'urgent', 'a.b:c/d-e_f', 'Ünïcode 1');
  if (pools.has(name)) return realId(pools, name);
  if (safe) {
    // Plain words of a fitting length: for bodies that should pass every rule.
    if (typeof s.example === 'string' && fits(s.example)) return fc.constant(s.example);
    const words = `Fuzz ${name} text`;
    return fc.constant(words.padEnd(min, '.').slice(0, Math.max(min, Math.min(max, words.length))));
  }
  const options: fc.WeightedArbitrary<unknown>[] = [
    {
      weight: 3,
      arbitrary: fc.string({
        minLength: Math.max(min, 1),
        maxLength: Math.max(min, 1, Math.min(max, 40)),
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .string({
          unit: 'grapheme',
          minLength: Math.max(min, 1),
          maxLength: Math.max(min, 1, Math.min(max, 20)),
        })
        .filter(fits),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        ...NASTY_STRINGS.filter(fits).concat(['x'.repeat(Math.max(min, 1))]),
      ),
    },
    { weight: 1, arbitrary: fc.constant('x'.repeat(Math.min(max, 60_000))) },
  ];
  if (typeof s.example === 'string' && fits(s.example))
    options.push({ weight: 4, arbitrary: fc.constant(s.example) });
  if (Array.isArray(s.example))
    options.push({ weight: 2, arbitrary: fc.constantFrom(...s.example) });
  return fc.oneof(...options);
}

function validNumber(s: Schema): fc.Arbitrary<number> {
  const min = s.minimum ?? -1000;
  const max = s.maximum ?? 100_000;
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
    ...(typeof s.example === 'number' ? [{ weight: 2, arbitrary: fc.constant(s.example) }] : []),
  );
}

/** A hostile value aimed at this schema: just out of range, the wrong type, or anything. */
export function hostileFor(ctx: ArbitraryContext, schema: Schema): fc.Arbitrary<unknown> {
  const s = resolve(ctx.doc, schema);
  const aimed: fc.Arbitrary<unknown>[] = [];
  if (isStringLike(s) || s.enum) {
    if (s.maxLength !== undefined) aimed.push(justOver(s.maxLength));
    if (s.enum) aimed.push(fc.constantFrom(...s.enum.map((e) => `${String(e).toUpperCase()} `)));
    if (s.format === 'uuid') aimed.push(hostilePathSegment());
    if (s.format === 'date' || s.format === 'date-time')
      aimed.push(
        fc.constantFrom(
          '2023-02-29',
          '2024-13-01',
          '0000-01-01',
          '9999-12-31',
          '24-01-01',
          '2024-1-1',
          '1e10',
          '2024-01-01T25:00:00Z',
          '+275760-09-13',
        ),
      );
    aimed.push(fc.integer(), fc.constant([]));
  } else if (isNumberLike(s)) {
    if (s.minimum !== undefined) aimed.push(fc.constant(s.minimum - 1));
    if (s.maximum !== undefined)
      aimed.push(fc.constant(s.maximum + 1), fc.constant(s.maximum + 0.5));
    aimed.push(validNumber(s).map(String), fc.constantFrom('1e3', '0x1F', ' 5', 'NaN'));
  } else if (s.type === 'boolean') {
    aimed.push(fc.constantFrom('true', 'false', 1, 0, 'yes', null));
  } else if (s.type === 'array') {
    aimed.push(
      fc.constant('not an array'),
      fc.array(hostileValue(), { maxLength: 5 }),
      fc.constant(Array.from({ length: 500 }, (_, i) => `item${i}`)),
    );
  } else if (s.properties) {
    aimed.push(fc.constantFrom('object as string', 1, [], [{}]));
  }
  return aimed.length
    ? fc.oneof(
        { weight: 2, arbitrary: fc.oneof(...aimed) },
        { weight: 2, arbitrary: hostileValue() },
      )
    : hostileValue();
}

/**
 * A value for `schema`; with `spice` > 0, each leaf is hostile with probability ~1/(spice+1).
 */
export function valueFor(
  ctx: ArbitraryContext,
  schema: Schema | undefined,
  name: string,
  spice = 0,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(ctx.doc, schema);
  /** spice < 0: only plain values that should pass every rule. */
  const safe = spice < 0;
  let arb: fc.Arbitrary<unknown>;
  if (s.enum?.length) arb = fc.constantFrom(...s.enum);
  else if (s.type === 'array' && resolve(ctx.doc, s.items).enum?.length) {
    // Enum arrays: distinct values, as many as the enum has.
    arb = fc.subarray(resolve(ctx.doc, s.items).enum!, { minLength: Math.min(s.minItems ?? 0, 1) });
  } else if (s.type === 'array') {
    const itemName = name.replace(/s$/, '');
    arb = fc.array(
      valueFor(ctx, s.items, itemName === name ? name : `${itemName}s`, spice, depth + 1),
      {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, safe ? 2 : 4),
      },
    );
    // Arrays of ids: name them as the array is named (defenderIds -> defenders).
    if (resolve(ctx.doc, s.items).format === 'uuid') {
      arb = fc.array(valueFor(ctx, s.items, name, spice, depth + 1), {
        minLength: Math.max(s.minItems ?? 0, 1),
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    }
  } else if (s.properties && depth < 6) arb = objectFor(ctx, s, spice, depth + 1);
  else if (isNumberLike(s)) arb = validNumber(s);
  else if (isStringLike(s)) arb = validString(s, name, ctx.pools, safe);
  else if (s.type === 'boolean') arb = fc.boolean();
  else arb = fc.constantFrom<unknown>({}, 'x', 1);
  if (s.nullable && !safe) arb = fc.option(arb, { nil: null, freq: 6 });
  if (spice > 0)
    arb = fc.oneof({ weight: spice, arbitrary: arb }, { weight: 1, arbitrary: hostileFor(ctx, s) });
  return arb;
}

function objectFor(
  ctx: ArbitraryContext,
  s: Schema,
  spice: number,
  depth: number,
): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, p] of Object.entries(props)) model[k] = valueFor(ctx, p, k, spice, depth);
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
}

/** Set an own property, even one named __proto__ (plain assignment would set the prototype). */
function withKey(o: unknown, key: string, value: unknown): unknown {
  const copy = o && typeof o === 'object' && !Array.isArray(o) ? { ...(o as object) } : {};
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

const UNKNOWN_KEYS = [
  'unknownField',
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'version',
  'createdAt',
  'createdBy',
  'role',
  'isAdmin',
  'deletedAt',
  '',
  ' ',
  'a'.repeat(5000),
  '\u0000',
  '$where',
  'fullName ',
];

/** A JSON body for `schema`: valid, lightly spiced, one field hostile, extra fields, or junk. */
export function bodyFor(ctx: ArbitraryContext, schema: Schema): fc.Arbitrary<Body> {
  const s = resolve(ctx.doc, schema);
  const keys = Object.keys(s.properties ?? {});
  const valid = valueFor(ctx, s, 'body');
  // Only the required fields, and the optional ones the document gives an example for.
  const minimal = fc.record(
    Object.fromEntries(
      Object.entries(s.properties ?? {})
        .filter(
          ([k, p]) => (s.required ?? []).includes(k) || resolve(ctx.doc, p).example !== undefined,
        )
        .map(([k, p]) => {
          const r = resolve(ctx.doc, p);
          return [k, (s.required ?? []).includes(k) ? valueFor(ctx, p, k) : fc.constant(r.example)];
        }),
    ),
    { requiredKeys: (s.required ?? []).filter((k) => k in (s.properties ?? {})) },
  );
  const parts: fc.WeightedArbitrary<unknown>[] = [
    { weight: 4, arbitrary: minimal },
    { weight: 4, arbitrary: valueFor(ctx, s, 'body', -1) },
    { weight: 4, arbitrary: valid },
    { weight: 3, arbitrary: valueFor(ctx, s, 'body', 8) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...UNKNOWN_KEYS), hostileValue())
        .map(([v, k, h]) => withKey(v, k, h)),
    },
    { weight: 1, arbitrary: hostileValue() },
    { weight: 1, arbitrary: deepValue() },
  ];
  if (keys.length) {
    // The minimal body and one more valid field: what a PATCH usually is.
    parts.push({
      weight: 4,
      arbitrary: fc
        .constantFrom(...keys)
        .chain((k) => fc.tuple(minimal, fc.constant(k), valueFor(ctx, s.properties![k], k)))
        .map(([m, k, v]) => withKey(m, k, v)),
    });
    parts.push({
      weight: 4,
      arbitrary: fc
        .constantFrom(...keys)
        .chain((k) =>
          fc
            .tuple(valid, fc.constant(k), hostileFor(ctx, s.properties![k]))
            .map(([v, key, h]) => withKey(v, key, h)),
        ),
    });
  }
  return fc.oneof(
    { weight: 9, arbitrary: fc.oneof(...parts).map((json) => ({ json }) as Body) },
    { weight: 1, arbitrary: hostileRawJson() as fc.Arbitrary<Body> },
  );
}

/** A CSV body for the import route: the template with hostile cells, or a broken file. */
export function csvBodyFor(ctx: ArbitraryContext): fc.Arbitrary<Body> {
  const header = ctx.csvTemplate?.header ?? 'fullName,country';
  const example = ctx.csvTemplate?.example ?? 'Amina Haddad,EG';
  const columns = header.split(',').length;
  const cell = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS, ...NUL_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('"', '""', '"a"b', 'a\nb', '"multi\nline"', ',,,', '\r'),
    },
    { weight: 1, arbitrary: hugeString().map((x) => x.slice(0, 100_000)) },
  );
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  // The example row under a fresh name (the same file twice is refused as a repeat).
  const named = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
    .filter((n) => n.trim().length > 0)
    .map((n) => [quote(n.trim()), ...example.split(',').slice(1)].join(','));
  const row = fc
    .tuple(named, fc.nat({ max: columns - 1 }), cell, fc.boolean())
    .map(([base, i, v, raw]) => {
      const cells = base.split(',');
      cells[i] = raw ? v : quote(v);
      return cells.join(',');
    });
  const good = fc
    .tuple(
      fc.array(fc.oneof({ weight: 3, arbitrary: named }, { weight: 1, arbitrary: row }), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([rows, eol]) => ({ raw: [header, ...rows].join(eol) + eol, contentType: 'text/csv' }));
  const broken = fc
    .constantFrom(
      '',
      '\uFEFF',
      header,
      `${header}\n"unterminated,${example}`,
      `${header},${header}\n${example}`,
      `${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n1`,
      `${header}\n${example},extra,cells`,
      `${header}\n${'x'.repeat(300_000)}`,
      `${header}\n\u0000\u0000\u0000`,
      'not,the,right,header\n1,2,3,4',
      `${header}\n${example}\n${example}`.replace(/,/g, ';'),
    )
    .map((raw) => ({ raw, contentType: 'text/csv' }));
  return fc.oneof(
    { weight: 10, arbitrary: good },
    { weight: 3, arbitrary: broken },
    {
      weight: 1,
      arbitrary: fc.constant({ raw: header + '\n' + example, contentType: 'application/json' }),
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        raw: header + '\n' + example,
        contentType: 'text/csv; charset=latin1',
      }),
    },
  );
}

function pathValueFor(ctx: ArbitraryContext, op: Operation, p: Parameter): fc.Arbitrary<PathValue> {
  const s = resolve(ctx.doc, p.schema);
  let real: fc.Arbitrary<PathValue>;
  if (s.enum?.length)
    real = fc.constantFrom(...s.enum).map((v) => ({ raw: encodeLoose(String(v)) }));
  else {
    const segs = op.path.split('/');
    const before = segs[segs.indexOf(`{${p.name}}`) - 1];
    const pool = /id$/i.test(p.name)
      ? ctx.pools.has(before)
        ? before
        : (poolForName(p.name) ?? before)
      : p.name;
    real = realId(ctx.pools, pool).map((r) => ({ real: r }));
  }
  return fc.oneof(
    { weight: 10, arbitrary: real },
    { weight: 1, arbitrary: fc.uuid().map((raw) => ({ raw })) },
    { weight: 1, arbitrary: hostilePathSegment().map((raw) => ({ raw })) },
  );
}

/** Query values as text: numbers and booleans as a client would write them. */
const asQueryText = (v: unknown): string | RealId =>
  v instanceof RealId
    ? v
    : typeof v === 'string'
      ? v
      : v === null
        ? ''
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v);

/** Cursors that decode (base64url JSON) to keys of the wrong shape, type or range. */
const tamperedCursor = (): fc.Arbitrary<string> =>
  fc
    .constantFrom<unknown>(
      { k: '1', i: '-'.repeat(36) },
      { k: '275760-09-13T00:00:00Z', i: 'ffffffff-ffff-ffff-ffff-ffffffffffff' },
      { k: 'Tuesday 1 March', i: '00000000-0000-0000-0000-000000000000' },
      { k: '2024-02-30', i: '7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab' },
      { k: "2024-01-01' OR 1=1 --", i: '7f1c1b1e-1d2a-4c3b-9a8e-0123456789ab' },
      { i: Number.MAX_SAFE_INTEGER + 2 },
      { i: -1 },
      { i: 1e300 },
      { i: '1' },
      { k: 1, i: 2 },
      { k: null, i: null },
      [],
      'string',
      JSON.parse('{"__proto__":{"k":"x"},"k":"2024-01-01","i":"x"}'),
    )
    .map((v) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url'));

function queryFor(ctx: ArbitraryContext, op: Operation): fc.Arbitrary<QueryPair[]> {
  const params = op.queryParams;
  const valid = (p: Parameter) =>
    (p.name === 'cursor'
      ? realId(ctx.pools, `cursor ${op.path}`, 'none')
      : valueFor(ctx, p.schema, p.name)
    ).map((v) => [p.name, asQueryText(v), false] as QueryPair);
  const hostile = (p: Parameter) =>
    fc
      .oneof(
        hostileFor(ctx, resolve(ctx.doc, p.schema)).filter(
          (v) => typeof v !== 'string' || v.length <= 20_000,
        ),
        fc.constantFrom(...NASTY_STRINGS),
        ...(p.name === 'cursor' ? [tamperedCursor()] : []),
      )
      .map((v) => [p.name, asQueryText(v), false] as QueryPair);
  // Each parameter absent or valid: the request should pass.
  const validSet = fc
    .tuple(...params.map((p) => fc.option(valid(p), { nil: undefined, freq: 2 })))
    .map((ps) => ps.filter((x): x is QueryPair => x !== undefined));
  const parts: fc.WeightedArbitrary<QueryPair[]>[] = [{ weight: 5, arbitrary: validSet }];
  if (params.length) {
    // ...plus one hostile value, or one parameter repeated.
    parts.push({
      weight: 4,
      arbitrary: fc
        .tuple(
          validSet,
          fc.constantFrom(...params).chain((p) => hostile(p)),
        )
        .map(([vs, h]) => [...vs.filter(([k]) => k !== h[0]), h]),
    });
    parts.push({
      weight: 1,
      arbitrary: fc
        .tuple(
          validSet,
          fc
            .constantFrom(...params)
            .chain((p) => fc.array(fc.oneof(valid(p), hostile(p)), { minLength: 2, maxLength: 5 })),
        )
        .map(([vs, rep]) => [...vs, ...rep]),
    });
  }
  parts.push({
    weight: 1,
    arbitrary: fc
      .tuple(
        validSet,
        fc.constantFrom(
          'unknown',
          '__proto__',
          'constructor',
          'prototype',
          'a[b]',
          '__proto__[x]',
          '',
          'limit[]',
        ),
        fc.constantFrom(...NASTY_STRINGS),
      )
      .map(([vs, k, v]) => [...vs, [k, v, false] as QueryPair]),
  });
  parts.push({
    weight: 1,
    arbitrary: fc
      .tuple(
        validSet,
        fc.constantFrom(
          '%ZZ=1',
          'a=%',
          '=x',
          '&&&',
          'x=%ED%A0%80',
          'q=%C0%AE',
          'limit=1&limit=',
          'a=1;b=2',
          '?=?',
          'q=%00',
        ),
      )
      .map(([vs, raw]) => [...vs, [raw, '', true] as QueryPair]),
  });
  return fc.oneof(...parts);
}

const BAD_ETAGS = [
  '"0"',
  '"999999"',
  '*',
  'W/"1"',
  '"abc"',
  '1',
  '""',
  '"1", "2"',
  '" 1"',
  '"-1"',
  '"1e3"',
  '"9007199254740993"',
  'x'.repeat(4000),
];

function headerFor(p: Parameter): fc.Arbitrary<HeaderValue | undefined> {
  const name = p.name.toLowerCase();
  const bad = fc.constantFrom(...BAD_ETAGS).map((value) => ({ value }) as HeaderValue);
  if (name === 'if-match') {
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant({ current: true } as HeaderValue) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: bad },
    );
  }
  if (name === 'if-none-match') {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant({ value: '*' } as HeaderValue) },
      { weight: 1, arbitrary: bad },
    );
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          'text/csv',
          'application/json',
          '*/*',
          'text/html;q=0.9, */*;q=0.1',
          'x/y',
          '',
          ';;;',
          'a'.repeat(3000),
        )
        .map((value) => ({ value }) as HeaderValue),
    },
  );
}

const HOSTILE_AUTH = [
  'Bearer ',
  'Bearer null',
  'Bearer undefined',
  `Bearer ${'a'.repeat(10_000)}`,
  'Bearer ../../etc/passwd',
  "Bearer ' OR 1=1 --",
  'Basic YWRtaW46YWRtaW4=',
  'bearer',
  'Bearer a.b.c',
  'Token 123',
];

/** A request for `op`: who sends it, its path, query, headers and body. */
export function requestFor(ctx: ArbitraryContext, op: Operation): fc.Arbitrary<FuzzRequest> {
  const actor = fc.oneof(
    { weight: 8, arbitrary: fc.constant<Actor>('admin') },
    { weight: 1, arbitrary: fc.constant<Actor>('viewer') },
    { weight: 1, arbitrary: fc.constant<Actor>('anonymous') },
  );
  const auth = fc.oneof(
    { weight: 20, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_AUTH) },
  );
  const path = op.pathParams.length
    ? fc.tuple(...op.pathParams.map((p) => pathValueFor(ctx, op, p)))
    : fc.constant([] as PathValue[]);
  const headers = op.headerParams.length
    ? fc.tuple(...op.headerParams.map(headerFor)).map((vs) => {
        const out: Record<string, HeaderValue> = {};
        op.headerParams.forEach((p, i) => {
          if (vs[i]) out[p.name.toLowerCase()] = vs[i];
        });
        return out;
      })
    : fc.constant({} as Record<string, HeaderValue>);
  let body: fc.Arbitrary<Body | undefined>;
  if (op.body?.contentType === 'text/csv') body = csvBodyFor(ctx);
  else if (op.body) body = bodyFor(ctx, op.body.schema);
  else
    body = fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: hostileValue().map((json) => ({ json }) as Body) },
      { weight: 1, arbitrary: hostileRawJson() as fc.Arbitrary<Body> },
    );
  return fc.record({ actor, auth, path, query: queryFor(ctx, op), headers, body });
}
