/**
 * `weijian draw verify` (GUIDE §4.1): anyone re-runs a published draw from its bundle, with no database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  buildBundle, DEFAULT_WEIGHTS, deriveSeed, draw, encodeCandidates, publish, sortInspectors,
  type Bundle, type Candidate, type Frozen,
} from '../lib/draw/index';

const root = path.resolve(__dirname, '..');
let dir: string;
const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/weijian.mjs'), 'draw', 'verify', ...args], {
  cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', WEIJIAN_DATA_DIR: '/nonexistent' }, timeout: 60_000,
});

function sampleBundle(): Bundle {
  const hex = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const candidates: Candidate[] = Array.from({ length: 40 }, (_, i) => ({
    id: hex(i + 1), name: `测试单位${i + 1}`, creditCode: `91329902MA${String(i).padStart(7, '0')}X`, regionCode: '329902001001',
    townCode: '329902001', agencyCode: '329902', categories: ['public_place.lodging'], specialty: 'public_place.lodging',
    riskGrade: i % 3 === 0 ? 'C' : 'A', creditClass: 'A', keyList: false, complaints: 0,
  }));
  const inspectors = Array.from({ length: 6 }, (_, i) => ({
    id: hex(1000 + i), name: `执法员${i + 1}`, agencyCode: '329902', townCode: '', specialties: ['public_place'], credentialValidUntil: '2030-12-31',
  }));
  const frozen: Frozen = {
    plan: {
      id: hex(9999), name: '测试计划', year: 2026, level: 'district', agencyCode: '329902', windowStart: '2026-03-01', windowEnd: '2026-12-31',
      matters: ['GGCS-01'], strata: [{ key: 'pp', name: '住宿', categories: ['public_place'], regionCodes: [], mode: 'count', count: 5, ratioBp: 0 }],
      rules: { inspectorsPerTarget: 2, maxShareBp: 10000, avoidSameTown: false, avoidLastPair: true, credentialValidOn: '2026-12-31' },
    },
    weights: DEFAULT_WEIGHTS, candidates: encodeCandidates(candidates), inspectors: sortInspectors(inspectors), conflicts: [], lastPairs: [],
  };
  const secret = 'ab'.repeat(32);
  const published = publish(frozen, secret);
  const publicValue = '福彩3D 第2026301期 471';
  const result = draw(frozen, deriveSeed({ secret, publicValue, ...published }));
  return buildBundle(frozen, published, secret, publicValue, '2026-03-02T02:00:00.000Z', result);
}

let bundle: Bundle;
const write = (name: string, data: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, data);
  return f;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-draw-'));
  bundle = sampleBundle();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('weijian draw verify', () => {
  it('prints verified for an intact bundle, plain or gzipped, and with the published commitment', () => {
    const ok = run(write('ok.json', JSON.stringify(bundle)));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n').at(-1)).toBe('verified');
    expect(ok.stdout).toContain('5 个检查对象');
    expect(run(write('ok.json.gz', gzipSync(JSON.stringify(bundle)))).status).toBe(0);
    expect(run(path.join(dir, 'ok.json'), '--commitment', bundle.published.commitment).status).toBe(0);
  });

  it('exits 1 naming the first mismatch when a result was altered', () => {
    const t = structuredClone(bundle);
    const outsider = t.frozen.candidates.id.split('\n').find((id) => !t.result.targets.some((x) => x.entityId === id))!;
    t.result.targets[2].entityId = outsider;
    const r = run(write('altered.json', JSON.stringify(t)));
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('verified');
    expect(r.stderr).toMatch(/验证失败（target）：第 3 个抽中对象不一致/);
  });

  it('exits 1 when the secret does not match its commitment, or the candidate list was changed', () => {
    const s = structuredClone(bundle);
    s.secret = 'cd'.repeat(32);
    const r1 = run(write('secret.json', JSON.stringify(s)));
    expect(r1.status).toBe(1);
    expect(r1.stderr).toContain('验证失败（commitment）');
    const c = structuredClone(bundle);
    c.frozen.candidates.name = c.frozen.candidates.name.replace('测试单位3', '测试单位三');
    const r2 = run(write('cands.json', JSON.stringify(c)));
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain('验证失败（candidates_hash）');
  });

  it('exits 1 when the bundle differs from the commitment published before the draw', () => {
    const r = run(path.join(dir, 'ok.json'), '--commitment', 'f'.repeat(64));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('验证失败（expected_mismatch）');
  });

  it('rejects a file that is not a bundle', () => {
    const r = run(write('junk.json', '{"hello":'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('不是有效的 JSON');
    expect(run(path.join(dir, 'missing.json')).status).toBe(2);
  });
});
