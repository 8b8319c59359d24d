/**
 * The verifier (GUIDE §4.1 item 1): anyone re-runs the draw from the published bundle and gets the same
 * targets and inspector pairs; any change to the inputs, the secret, the public value or the results is named.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashCandidates, hashInspectors, hashPlan } from './canonical';
import { INDEX_COLUMNS, TEXT_COLUMNS, type TextColumn } from './candidates';
import { bundleOf, mediumFrozen, SECRET } from './test-fixtures';
import { bundleEnvelope, publish, verifyBundle } from './verify';
import { frozenJson } from './canonical';
import type { Bundle } from './types';

const valid = bundleOf(mediumFrozen());
const clone = (): Bundle => structuredClone(valid);
/** Recompute the published hashes after a change (a forger who also rewrites what is "published" in the bundle). */
const republish = (b: Bundle) => { b.published = publish(b.frozen, b.secret); return b; };
/** Change the values of a text column of the bundle's candidate list. */
const edit = (b: Bundle, k: TextColumn, change: (values: string[]) => void) => {
  const v = b.frozen.candidates[k].split('\n');
  change(v);
  b.frozen.candidates[k] = v.join('\n');
};
/** The same change to every per-candidate column (text and index). */
const eachColumn = (b: Bundle, change: (values: unknown[]) => void) => {
  for (const k of TEXT_COLUMNS) edit(b, k, change);
  for (const k of INDEX_COLUMNS) change(b.frozen.candidates[k]);
};

describe('verifyBundle', () => {
  it('accepts a valid bundle, also after a JSON round trip', () => {
    expect(valid.result.targets.length).toBe(5 + 4 + 3); // ceil(25% × 20 public places), 4 medical, 3 others
    expect(verifyBundle(valid)).toEqual({ ok: true, targets: 12, unstaffed: valid.result.targets.filter((t) => t.unstaffed).length });
    expect(verifyBundle(JSON.parse(JSON.stringify(valid)))).toMatchObject({ ok: true });
    expect(verifyBundle(JSON.parse(JSON.stringify(valid)), valid.published)).toMatchObject({ ok: true });
  });

  const tamper: [string, (b: Bundle) => unknown, string][] = [
    ['protocol version', (b) => { (b as { protocol: string }).protocol = 'weijian-draw/1'; }, 'protocol'],
    ['candidate id', (b) => { edit(b, 'id', (v) => { v[3] = 'e003x'; }); }, 'candidates_hash'],
    ['candidate name', (b) => { edit(b, 'name', (v) => { v[3] += '（分店）'; }); }, 'candidates_hash'],
    ['candidate credit code', (b) => { edit(b, 'creditCode', (v) => { v[3] = '91320102MA00000000'; }); }, 'candidates_hash'],
    ['candidate risk (weight)', (b) => { const c = b.frozen.candidates; c.risk[3] = (c.risk[3] + 1) % c.risks.length; }, 'candidates_hash'],
    ['candidate kind (stratum)', (b) => { const c = b.frozen.candidates; c.kind[4] = (c.kind[4] + 1) % c.kinds.length; }, 'candidates_hash'],
    ['candidate place', (b) => { const c = b.frozen.candidates; c.place[4] = (c.place[4] + 1) % c.places.length; }, 'candidates_hash'],
    ['a risk grade in the dictionary', (b) => { b.frozen.candidates.risks[0][0] = 'D'; }, 'candidates_hash'],
    ['a town in the dictionary', (b) => { b.frozen.candidates.places[0][1] = '320102009'; }, 'candidates_hash'],
    ['removed candidate', (b) => { eachColumn(b, (v) => v.splice(5, 1)); }, 'candidates_hash'],
    ['added candidate', (b) => { const c = b.frozen.candidates; for (const k of TEXT_COLUMNS) c[k] += '\ne999'; c.place.push(0); c.kind.push(0); c.risk.push(0); }, 'candidates_hash'],
    ['reordered candidates', (b) => { eachColumn(b, (v) => { [v[0], v[1]] = [v[1], v[0]]; }); }, 'candidates_hash'],
    ['inspector town', (b) => { b.frozen.inspectors[2].townCode = '320102009'; }, 'inspectors_hash'],
    ['inspector specialty', (b) => { b.frozen.inspectors[2].specialties = ['school']; }, 'inspectors_hash'],
    ['inspector credential', (b) => { b.frozen.inspectors[9].credentialValidUntil = '2030-01-01'; }, 'inspectors_hash'],
    ['removed inspector', (b) => { b.frozen.inspectors.pop(); }, 'inspectors_hash'],
    ['removed conflict (回避, Art. 43)', (b) => { b.frozen.conflicts.pop(); }, 'inspectors_hash'],
    ['added conflict', (b) => { b.frozen.conflicts.push({ inspectorId: 'i09', entityId: 'e039' }); }, 'inspectors_hash'],
    ['last pair', (b) => { b.frozen.lastPairs[0].inspectorIds = ['i01', 'i05']; }, 'inspectors_hash'],
    ['plan name', (b) => { b.frozen.plan.name += '（修订）'; }, 'plan_hash'],
    ['strata count', (b) => { b.frozen.plan.strata.pop(); }, 'plan_hash'],
    ['stratum ratio', (b) => { b.frozen.plan.strata[0].ratioBp = 3000; }, 'plan_hash'],
    ['rules: inspectors per target', (b) => { b.frozen.plan.rules.inspectorsPerTarget = 3; }, 'plan_hash'],
    ['rules: avoid same town', (b) => { b.frozen.plan.rules.avoidSameTown = false; }, 'plan_hash'],
    ['weights', (b) => { b.frozen.weights.riskGrade.D = 1000; }, 'plan_hash'],
    ['secret', (b) => { b.secret = 'f'.repeat(64); }, 'commitment'],
    ['commitment', (b) => { b.published.commitment = '0'.repeat(64); }, 'commitment'],
    ['published plan hash', (b) => { b.published.planHash = '0'.repeat(64); }, 'plan_hash'],
    ['published candidates hash', (b) => { b.published.candidatesHash = '0'.repeat(64); }, 'candidates_hash'],
    ['published inspectors hash', (b) => { b.published.inspectorsHash = '0'.repeat(64); }, 'inspectors_hash'],
    ['public value', (b) => { b.publicValue = '2025-03-03 上证指数收盘 3321.44'; }, 'target'],
    ['a result target entity', (b) => { b.result.targets[2].entityId = 'e039'; }, 'target'],
    ['result order', (b) => { const t = b.result.targets; [t[0], t[1]] = [t[1], t[0]]; }, 'target'],
    ['result seq', (b) => { b.result.targets[1].seq = 7; }, 'target'],
    ['a result inspector id', (b) => { const t = b.result.targets.find((x) => x.inspectorIds.length)!; t.inspectorIds[1] = 'i09'; }, 'inspectors'],
    ['result inspector order', (b) => { const t = b.result.targets.find((x) => x.inspectorIds.length)!; t.inspectorIds.reverse(); }, 'inspectors'],
    ['a dropped target', (b) => { b.result.targets.pop(); }, 'target_count'],
    ['a missing field', (b) => { delete (b.frozen.candidates as Partial<Bundle['frozen']['candidates']>).name; }, 'invalid_input'],
    ['a missing frozen input', (b) => { delete (b as Partial<Bundle>).frozen; }, 'invalid_input'],
    ['a consistent forgery that breaks the rules', (b) => { b.frozen.plan.strata.pop(); republish(b); }, 'invalid_input'],
    ['an unstaffed record', (b) => {
      const t = b.result.targets.find((x) => x.inspectorIds.length)!;
      t.unstaffed = { reason: '可派执法人员不足 2 名：本机构无执法人员', counts: {} };
    }, 'unstaffed'],
  ];
  for (const [what, mutate, code] of tamper) {
    it(`detects a changed ${what} → ${code}`, () => {
      const b = clone();
      mutate(b);
      const v = verifyBundle(JSON.parse(JSON.stringify(b)));
      expect(v).toMatchObject({ ok: false, code });
      expect((v as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('names the first differing target in Chinese', () => {
    const b = clone();
    const want = b.result.targets[2];
    b.result.targets[2] = { ...want, entityId: 'e039' };
    const name = b.frozen.candidates.name.split('\n')[b.frozen.candidates.id.split('\n').indexOf(want.entityId)];
    const stratum = b.frozen.plan.strata.find((s) => s.key === want.stratum)!.name;
    expect(verifyBundle(b)).toEqual({
      ok: false, code: 'target',
      message: `第 3 个抽中对象不一致（分层「${stratum}」第 ${want.seq} 位）：按协议应为 ${want.entityId} ${name}，数据包中为 e039（分层 ${want.stratum} 第 ${want.seq} 位）`,
    });
  });

  it('drawnAt is informational and not covered', () => {
    const b = clone();
    b.drawnAt = '2031-01-01T00:00:00Z';
    expect(verifyBundle(b)).toMatchObject({ ok: true });
  });

  it('any change to the inputs changes the seed, so the results no longer match', () => {
    const b = clone();
    edit(b, 'name', (v) => { v[3] += '（分店）'; }); // the name itself plays no part in the draw
    republish(b);
    expect(verifyBundle(b)).toMatchObject({ ok: false, code: 'target' });
  });

  it('a complete forgery (inputs changed, re-hashed, re-drawn) is only caught against the hashes published before the draw', () => {
    const f = mediumFrozen();
    f.candidates.name = f.candidates.name.replace('\n', '（分店）\n');
    const forged = bundleOf(f);
    expect(verifyBundle(forged)).toMatchObject({ ok: true }); // internally consistent…
    expect(verifyBundle(forged, valid.published)).toMatchObject({ ok: false, code: 'expected_mismatch' }); // …but not what was published
    expect(verifyBundle(clone(), { candidatesHash: '0'.repeat(64) })).toMatchObject({ ok: false, code: 'expected_mismatch' });
    expect(verifyBundle(clone(), { commitment: valid.published.commitment })).toMatchObject({ ok: true });
  });

  it('a consistently re-hashed bundle with a new secret still fails the pre-published commitment', () => {
    const b = clone();
    b.secret = 'e'.repeat(64);
    republish(b);
    expect(verifyBundle(b, valid.published)).toMatchObject({ ok: false, code: 'expected_mismatch' });
  });

  it('never throws on arbitrary JSON, and never accepts it', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const r = verifyBundle(v);
      return !r.ok && ['protocol', 'invalid_input'].includes(r.code);
    }), { numRuns: 300 });
    for (const v of [null, 1, 'x', [], { protocol: 'weijian-draw/2' }, { ...clone(), frozen: { ...clone().frozen, candidates: null } }, { ...clone(), result: { targets: [{}] } }]) {
      expect(verifyBundle(v)).toMatchObject({ ok: false });
    }
  });

  it('never throws when any field of a valid bundle is replaced by arbitrary JSON', () => {
    const paths: string[][] = [];
    const walk = (v: unknown, p: string[]) => {
      paths.push(p);
      if (v && typeof v === 'object') for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...p, k]);
    };
    walk(JSON.parse(JSON.stringify(valid)), []);
    fc.assert(fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (p, v) => {
      const b = JSON.parse(JSON.stringify(valid));
      let o = b;
      for (const k of p.slice(0, -1)) o = o[k];
      o[p[p.length - 1]] = v;
      const r = verifyBundle(b);
      return r.ok === true || typeof r.message === 'string';
    }), { numRuns: 500 });
  });

  it('the bundle text is the envelope around the stored frozen text (written without re-serializing it)', () => {
    const f = mediumFrozen();
    const { prefix, suffix } = bundleEnvelope(valid.published, valid.secret, valid.publicValue, valid.drawnAt, valid.result);
    const text = prefix + frozenJson(f).join('') + suffix;
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(valid)));
    expect(verifyBundle(JSON.parse(text), valid.published)).toMatchObject({ ok: true });
  });

  it('publish() gives the hashes the verifier recomputes', () => {
    const f = mediumFrozen();
    expect(publish(f, SECRET)).toEqual({
      planHash: hashPlan(f.plan, f.weights), candidatesHash: hashCandidates(f.candidates),
      inspectorsHash: hashInspectors(f.inspectors, f.conflicts, f.lastPairs), commitment: valid.published.commitment,
    });
  });
});
