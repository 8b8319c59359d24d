/**
 * The published test vector (docs/draw-protocol.md §12, lib/draw/test-vector.json): every intermediate value of
 * a small draw, for independent implementations of the verifier (GUIDE §4.1 item 1). If this test fails, the
 * implementation no longer follows weijian-draw/2.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import vector from './test-vector.json';
import { arbFrozen, bundleOf, mediumFrozen } from './test-fixtures';
import { deriveSeed, hashCandidates, hashInspectors, hashPlan } from './canonical';
import { stream } from './chacha';
import { draw, staffingProblems } from './draw';
import { sha256, toHex } from './sha256';
import { candidateStrata, riskWeights } from './rules';
import { verifyBundle } from './verify';
import type { Bundle, Frozen } from './types';

const b = vector.bundle as unknown as Bundle;
const f: Frozen = b.frozen;

describe('weijian-draw/2 test vector', () => {
  it('is what lib/draw/make-test-vector.ts generates from the example of the specification', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(path.dirname(fileURLToPath(import.meta.url)), 'make-test-vector.ts'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('canonical texts hash to the published hashes', () => {
    expect(toHex(sha256(vector.canonical.plan))).toBe(b.published.planHash);
    expect(toHex(sha256(vector.canonical.candidates))).toBe(b.published.candidatesHash);
    expect(toHex(sha256(vector.canonical.inspectors))).toBe(b.published.inspectorsHash);
    expect(hashPlan(f.plan, f.weights)).toBe(b.published.planHash);
    expect(hashCandidates(f.candidates)).toBe(b.published.candidatesHash);
    expect(hashInspectors(f.inspectors, f.conflicts, f.lastPairs)).toBe(b.published.inspectorsHash);
    expect(toHex(sha256(Uint8Array.from(Buffer.from(b.secret, 'hex'))))).toBe(b.published.commitment);
  });

  it('seed and streams', () => {
    const seed = deriveSeed({ secret: b.secret, publicValue: b.publicValue, ...b.published });
    expect(toHex(sha256(vector.seedInput))).toBe(vector.seed);
    expect(toHex(seed)).toBe(vector.seed);
    for (const [label, words] of Object.entries(vector.streams)) {
      const s = stream(seed, label);
      expect(words.map(() => s.word().toString(16).padStart(8, '0'))).toEqual(words);
    }
  });

  it('result, verification, staffing warnings', () => {
    const seed = Uint8Array.from(Buffer.from(vector.seed, 'hex'));
    expect(draw(f, seed)).toEqual(b.result);
    expect(verifyBundle(b, b.published)).toEqual({ ok: true, targets: 4, unstaffed: 2 });
    const ids = f.candidates.id.split('\n');
    expect(staffingProblems(f).map((p) => p.entityId)).toEqual([ids[0], ids[4]]);
    expect(vector.staffingProblems).toEqual([ids[0], ids[4]]);
  });

  it('derived strata and weights', () => {
    const strata = candidateStrata(f.candidates, f.plan), w = riskWeights(f.candidates, f.weights);
    expect(vector.derived).toEqual(f.candidates.id.split('\n').map((id, i) => ({ id, stratum: f.plan.strata[strata[i]].key, weight: w[f.candidates.risk[i]] })));
    expect(vector.derived.map((d) => d.weight)).toEqual([325, 300, 350, 600, 200, 100]);
  });
});

const hasPython = spawnSync('python3', ['--version']).status === 0;
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference-verifier.py');

describe.skipIf(!hasPython)('the independent Python implementation (written from docs/draw-protocol.md) agrees', () => {
  const run = (bundle: unknown) => {
    const file = path.join(os.tmpdir(), `weijian-draw-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(bundle));
    try { return execFileSync('python3', [script, file], { encoding: 'utf8' }); } finally { fs.rmSync(file, { force: true }); }
  };
  it('on the test vector and the medium fixture', () => {
    expect(execFileSync('python3', [script], { encoding: 'utf8' })).toMatch(/^OK: 4 targets, 2 unstaffed/);
    expect(run(bundleOf(mediumFrozen()))).toMatch(/^OK/);
  });
  it('on random inputs exercising every rule', () => {
    fc.assert(fc.property(arbFrozen, fc.string(), (f, pv) => { expect(run(bundleOf(f, `指数 ${pv}x`))).toMatch(/^OK/); }), { numRuns: 25 });
  });
});
