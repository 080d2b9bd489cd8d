// Hostile inputs for the fuzz suite (fuzz.test.ts), from fast-check: the values a careless or
// malicious caller sends — NUL and other control characters, broken unicode, huge and negative
// numbers, absurd dates, wrong types, deep nesting, long strings — and a way to plant one of them in
// an otherwise well-formed input, so validation is exercised field by field and not only at the root.
import fc from 'fast-check';

const CONTROL = ['\0', '\u0001', '\b', '\u000b', '\u001b', '\u001f', '\u007f'];
const NASTY = [
  "'",
  '"',
  '\\',
  '%',
  '%00',
  '%E0%A4%A',
  '<script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is one of the hostile texts
  '${x}',
  '../',
  '\uD800',
  '\uDFFF',
  '😀',
  '\u202e',
];

/** Strings built from control characters, broken surrogates, quotes and escapes. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  // one control character inside ordinary text: the case a lax schema lets through to the database
  fc
    .tuple(fc.string({ maxLength: 4 }), fc.constantFrom(...CONTROL), fc.string({ maxLength: 4 }))
    .map(([a, c, b]) => `${a}${c}${b}`),
  fc
    .array(fc.oneof(fc.constantFrom(...CONTROL, ...NASTY), fc.string({ maxLength: 6 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\t', 'null', 'undefined', 'NaN', '-1', '1e309', '0x10'),
  fc.integer({ min: 201, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

/** Numbers at and past every edge a database or a JSON parser has. */
export const hostileNumber: fc.Arbitrary<number | string> = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    -0.5,
    1.5,
    2 ** 31,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    2 ** 63,
    1e308,
    -1e308,
    Number.MIN_VALUE,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
);

/** Dates a calendar cannot hold, or Meta never had. */
export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0001-01-01',
    '9999-12-31',
    '1900-01-01',
    '2999-12-31',
    '1970-01-01',
    '2026-02-30',
    '2026-13-01',
    '0000-00-00',
    '+275760-09-13',
    '-000001-01-01',
    '2026-1-1',
    '2026-11-25T00:00:00Z',
    'today',
  ),
  fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
);

/** An object or array nested `depth` deep. */
export function nested(depth: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i += 1) v = i % 2 ? { a: v } : [v];
  return v;
}

// Nesting deeper than JSON.stringify can write (it recurses) travels as a marker string, which
// expandDeep turns into the nested JSON text once the input has been serialised; where nobody expands
// it (the MCP client serialises for us), it is just one more hostile string.
const DEEP_MARKER = /"@@deep:(\d+)@@"/g;

export const deepNesting: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 50, max: 3000 }).map((d) => nested(d)),
  fc.integer({ min: 10_000, max: 300_000 }).map((d) => `@@deep:${d}@@`),
);

/** JSON text with every deep-nesting marker replaced by that many nested arrays. */
export function expandDeep(json: string): string {
  return json.replace(DEEP_MARKER, (_m, n: string) => `${'['.repeat(Number(n))}1${']'.repeat(Number(n))}`);
}

/** Any hostile value: a field of any type may receive one. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: hostileDate },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': 1 }) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

/** The key paths of a sample input, nested objects included ([] is the root). */
export function keyPaths(sample: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(sample)) {
    // a list of objects (ingest's facts): plant into its first element's fields
    return sample.length > 0 && typeof sample[0] === 'object' ? keyPaths(sample[0], [...prefix, '0']) : [];
  }
  if (!sample || typeof sample !== 'object') return [];
  return Object.entries(sample).flatMap(([k, v]) => [[...prefix, k], ...keyPaths(v, [...prefix, k])]);
}

function setPath(sample: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(sample)) {
    const copy = [...sample];
    copy[Number(head)] = setPath(copy[Number(head)], rest, value);
    return copy;
  }
  const base = sample && typeof sample === 'object' ? sample : {};
  return { ...base, [head]: setPath((base as Record<string, unknown>)[head], rest, value) };
}

/** One generated input: what was sent, and the field the hostile value went into ([] = the whole input). */
export interface Planted {
  input: unknown;
  field: string[];
}

/**
 * A well-formed sample with one hostile value planted: in one of its fields (nested ones too), in a
 * field it does not have, or in place of the whole input (a string, an array, a number …).
 */
export function plantedIn(sample: Record<string, unknown>, extraKeys: string[] = []): fc.Arbitrary<Planted> {
  const paths = [...keyPaths(sample), ...extraKeys.map((k) => [k])];
  const field: fc.Arbitrary<Planted> = paths.length
    ? fc
        .tuple(fc.constantFrom(...paths), hostileValue)
        .map(([path, value]) => ({ input: setPath(sample, path, value), field: path }))
    : hostileValue.map((value) => ({ input: value, field: [] }));
  const unknownKey = fc
    .tuple(hostileString, hostileValue)
    .filter(([k]) => !(k in sample))
    .map(([k, value]) => ({ input: { ...sample, [k]: value }, field: [k] }));
  const whole = hostileValue.map((value) => ({ input: value, field: [] as string[] }));
  return fc.oneof(
    { weight: 6, arbitrary: field },
    { weight: 1, arbitrary: unknownKey },
    { weight: 2, arbitrary: whole },
  );
}
