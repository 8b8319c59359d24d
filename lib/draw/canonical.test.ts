import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, commitmentOf, deriveSeed, hashCandidates, hashInspectors, hashPlan, JsonWriter, newSecret } from './canonical';
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
    const all = () => [hashPlan(f.plan, f.weights), hashCandidates(f.candidates), hashInspectors(f.inspectors, f.conflicts, f.lastPairs), commitmentOf('00'.repeat(32))];
    const a = all();
    forceNoble(true);
    try { expect(all()).toEqual(a); } finally { forceNoble(false); }
  });

  it('hashCandidates hashes the documented lines', () => {
    const f = mediumFrozen();
    const text = [JSON.stringify(['weijian-draw/1', 'candidates', f.candidates.length]), ...f.candidates.map((c) => JSON.stringify([
      c.id, c.name, c.creditCode, c.regionCode, c.townCode, c.agencyCode, c.categories, c.specialty, c.riskGrade, c.creditClass, c.keyList, c.complaints, c.stratum, c.weight,
    ]))].join('\n');
    expect(hashCandidates(f.candidates)).toBe(toHex(sha256(text)));
    const ins = [JSON.stringify(['weijian-draw/1', 'inspectors', f.inspectors.length]),
      ...f.inspectors.map((i) => JSON.stringify([i.id, i.name, i.agencyCode, i.townCode, i.specialties, i.credentialValidUntil])),
      JSON.stringify(['weijian-draw/1', 'conflicts', f.conflicts.length]), ...f.conflicts.map((c) => JSON.stringify([c.inspectorId, c.entityId])),
      JSON.stringify(['weijian-draw/1', 'lastPairs', f.lastPairs.length]), ...f.lastPairs.map((p) => JSON.stringify([p.entityId, p.inspectorIds]))].join('\n');
    expect(hashInspectors(f.inspectors, f.conflicts, f.lastPairs)).toBe(toHex(sha256(ins)));
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
    expect(toHex(seed)).toBe(toHex(sha256(`weijian-draw/1|seed|${'ab'.repeat(32)}|3321.43 上证|${'1'.repeat(64)}|${'2'.repeat(64)}|${'3'.repeat(64)}`)));
    expect(deriveSeed({ ...base, publicValue: 'Cafe\u0301' })).toEqual(deriveSeed({ ...base, publicValue: 'Caf\u00e9' }));
    expect(deriveSeed({ ...base, publicValue: '3321.44' })).not.toEqual(deriveSeed({ ...base, publicValue: '3321.43' }));
    expect(() => deriveSeed({ ...base, publicValue: ' \u3000\n' })).toThrow('公开随机值不能为空');
  });
});
