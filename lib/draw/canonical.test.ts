import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, commitmentOf, deriveSeed, frozenJson, frozenRecord, hashCandidates, hashInspectors, hashPlan, jsonPieces, JsonWriter, newSecret } from './canonical';
import { candidateAt, candidateRows, encodeCandidates, hasLines, sortedOrder } from './candidates';
import { forceNoble, sha256, toHex, type Hasher } from './sha256';
import { mediumFrozen } from './test-fixtures';

/** Collects what a JsonWriter feeds to its hasher. */
function written(write: (w: JsonWriter) => void): string {
  const chunks: Uint8Array[] = [];
  const h = { bytes: (b: Uint8Array) => { chunks.push(b.slice()); return h; } } as unknown as Hasher;
  const w = new JsonWriter(h);
  write(w);
  w.flush();
  return new TextDecoder().decode(Buffer.concat(chunks));
}

describe('canonical serialization', () => {
  it('JsonWriter writes exactly the UTF-8 of JSON.stringify (any string, incl. escapes and lone surrogates)', () => {
    const value = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.nat(), fc.boolean(), fc.array(fc.string({ unit: 'binary' })),
      fc.constantFrom(null, undefined, 1.5, -3, '\u2028\u007f\u0000"\\', '\ud800', '\udfff\ud800'));
    fc.assert(fc.property(fc.array(value), (xs) => {
      const got = written((w) => { w.begin(); for (const x of xs) w.put(x); w.end(); });
      return got === JSON.stringify(xs);
    }), { numRuns: 500 });
  });

  it('JsonWriter handles strings larger than its buffer', () => {
    const big = '南'.repeat(100_000) + '"x"';
    expect(written((w) => w.begin().put(big).end())).toBe(JSON.stringify([big]));
  });

  it('canonicalJson sorts object keys by UTF-16 code units recursively, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ z: true, y: null }], B: 'x', é: 2, __proto__x: 0 })).toBe('{"B":"x","__proto__x":0,"a":[{"y":null,"z":true}],"b":1,"é":2}');
    expect(canonicalJson(JSON.parse('{"__proto__":1,"a":2}'))).toBe('{"__proto__":1,"a":2}');
  });

  it('the three hashes and the commitment are the same with node:crypto and @noble/hashes', () => {
    const f = mediumFrozen();
    const all = (): string[] => [hashPlan(f.plan, f.weights), hashCandidates(f.candidates), hashInspectors(f.inspectors, f.conflicts, f.lastPairs), commitmentOf('00'.repeat(32))];
    // long strings are fed in pieces: never split between the halves of a surrogate pair
    const long = 'a'.repeat((1 << 20) - 1) + '\ud83d\ude00' + '名'.repeat(1 << 20) + '\ud83d';
    const all2 = () => [...all(), toHex(sha256(long))];
    const a = all2();
    forceNoble(true);
    try { expect(all2()).toEqual(a); } finally { forceNoble(false); }
  });

  it('hashCandidates hashes the documented lines: a header, the JSON of the dictionaries and index columns, then the text columns', () => {
    const f = mediumFrozen();
    const c = f.candidates;
    const text = [JSON.stringify(['weijian-draw/2', 'candidates', c.place.length]), JSON.stringify(c.places), JSON.stringify(c.kinds), JSON.stringify(c.risks),
      JSON.stringify(c.place), JSON.stringify(c.kind), JSON.stringify(c.risk), c.id, c.name, c.creditCode].join('\n');
    expect(c.id.split('\n')).toHaveLength(40);
    expect(hashCandidates(c)).toBe(toHex(sha256(text)));
    const ins = [JSON.stringify(['weijian-draw/2', 'inspectors', f.inspectors.length]),
      ...f.inspectors.map((i) => JSON.stringify([i.id, i.name, i.agencyCode, i.townCode, i.specialties, i.credentialValidUntil])),
      JSON.stringify(['weijian-draw/2', 'conflicts', f.conflicts.length]), ...f.conflicts.map((x) => JSON.stringify([x.inspectorId, x.entityId])),
      JSON.stringify(['weijian-draw/2', 'lastPairs', f.lastPairs.length]), ...f.lastPairs.map((p) => JSON.stringify([p.entityId, p.inspectorIds]))].join('\n');
    expect(hashInspectors(f.inspectors, f.conflicts, f.lastPairs)).toBe(toHex(sha256(ins)));
  });

  it('jsonPieces concatenate to exactly JSON.stringify, at any piece size', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.nat(), fc.boolean(), fc.array(fc.string()))), fc.integer({ min: 1, max: 7 }), (xs, size) => {
      expect([...jsonPieces(xs, size)].join('')).toBe(JSON.stringify(xs));
    }), { numRuns: 300 });
    expect([...jsonPieces([])].join('')).toBe('[]');
  });

  it('frozenJson gives the JSON of exactly the protocol fields, in pieces', () => {
    const f = mediumFrozen();
    const extra = { ...f, note: 'not covered', plan: { ...f.plan, internal: 1 } } as typeof f;
    const text = frozenJson(extra).join('');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(frozenRecord(f))));
    expect(text).not.toContain('not covered');
    expect(text).not.toContain('internal');
  });

  it('encodeCandidates sorts by id, interns places, kinds and risks, and decodes back to the same records', () => {
    const rows = candidateRows(mediumFrozen().candidates).reverse();
    const list = encodeCandidates(rows);
    expect(list.id).toBe([...rows.map((r) => r.id)].sort().join('\n'));
    expect(list.name.split('\n')).toHaveLength(rows.length);
    expect(new Set(list.places.map((p) => JSON.stringify(p))).size).toBe(list.places.length);
    expect(new Set(list.kinds.map((k) => JSON.stringify(k))).size).toBe(list.kinds.length);
    expect(new Set(list.risks.map((r) => JSON.stringify(r))).size).toBe(list.risks.length);
    expect(list.places.length).toBeLessThan(rows.length);
    expect(list.place.map((_, i) => candidateAt(list, i))).toEqual([...rows].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // a tuple is the same only when every element is: no separator can make two places collide
    const odd = encodeCandidates([{ ...rows[0], id: 'a', regionCode: 'x1:', townCode: '' }, { ...rows[0], id: 'b', regionCode: 'x', townCode: '1:' }]);
    expect(odd.places).toHaveLength(2);
    // one candidate with an empty name and code: the columns are '' and still hold one value each
    const single = encodeCandidates([{ ...rows[0], name: '', creditCode: '' }]);
    expect([single.name, single.creditCode, candidateAt(single, 0).name]).toEqual(['', '', '']);
    expect(hasLines('', 1) && hasLines('', 0) && !hasLines('x', 0) && hasLines('\n', 2) && !hasLines('a\nb', 3)).toBe(true);
    // a value with a line feed cannot be encoded (the freeze replaces line breaks in names first)
    expect(() => encodeCandidates([{ ...rows[0], name: '第一行\n第二行' }])).toThrow(/名称含有换行符/);
  });

  it('sortedOrder sorts by UTF-16 code units like the < operator, stably, for any strings', () => {
    const str = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('', 'a', 'ab', '0190e5a1-0000', '0190e5a1-0001', '\ud83d\ude00', '\uffff', '中'));
    fc.assert(fc.property(fc.array(str, { maxLength: 300 }), (xs) => {
      const order = [...sortedOrder(xs)];
      const want = xs.map((_, i) => i).sort((a, b) => (xs[a] < xs[b] ? -1 : xs[a] > xs[b] ? 1 : a - b));
      expect(order).toEqual(want);
    }), { numRuns: 300 });
    const ids = Array.from({ length: 5000 }, () => crypto.randomUUID());
    expect([...sortedOrder(ids)].map((i) => ids[i])).toEqual([...ids].sort());
  });

  it('hashPlan covers only the documented fields', () => {
    const f = mediumFrozen();
    const h = hashPlan(f.plan, f.weights);
    expect(hashPlan({ ...f.plan, extra: 1 } as typeof f.plan, f.weights)).toBe(h);
    expect(hashPlan({ ...f.plan, name: f.plan.name + ' ' }, f.weights)).not.toBe(h);
    expect(hashPlan(f.plan, { ...f.weights, keyList: f.weights.keyList + 1 })).not.toBe(h);
  });
});

describe('commitment and seed', () => {
  it('commitment = SHA-256 of the 32 secret bytes', () => {
    expect(commitmentOf('00'.repeat(32))).toBe('66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
    expect(() => commitmentOf('00')).toThrow();
    expect(() => commitmentOf('zz'.repeat(32))).toThrow();
    const s = newSecret();
    expect(s).toMatch(/^[0-9a-f]{64}$/);
    expect(newSecret()).not.toBe(s);
  });

  it('seed = SHA-256 of the documented string; the public value is trimmed and NFC-normalised', () => {
    const base = { secret: 'ab'.repeat(32), planHash: '1'.repeat(64), candidatesHash: '2'.repeat(64), inspectorsHash: '3'.repeat(64) };
    const seed = deriveSeed({ ...base, publicValue: ' 3321.43 上证\u3000' });
    expect(toHex(seed)).toBe(toHex(sha256(`weijian-draw/2|seed|${'ab'.repeat(32)}|3321.43 上证|${'1'.repeat(64)}|${'2'.repeat(64)}|${'3'.repeat(64)}`)));
    expect(deriveSeed({ ...base, publicValue: 'Cafe\u0301' })).toEqual(deriveSeed({ ...base, publicValue: 'Caf\u00e9' }));
    expect(deriveSeed({ ...base, publicValue: '3321.44' })).not.toEqual(deriveSeed({ ...base, publicValue: '3321.43' }));
    expect(() => deriveSeed({ ...base, publicValue: ' \u3000\n' })).toThrow('公开随机值不能为空');
  });
});
