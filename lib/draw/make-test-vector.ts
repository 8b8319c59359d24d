/**
 * Regenerates lib/draw/test-vector.json (docs/draw-protocol.md §12) from the example of the specification and
 * prints the trace table of §12.2. Run after any change to the protocol (which is a new protocol version):
 *
 *   npx tsx lib/draw/make-test-vector.ts [--check]     (--check: compare with the stored file, write nothing)
 *
 * The trace re-runs §9–§10 step by step with the protocol's streams and checks that it ends where draw() does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { columnValues, encodeCandidates } from './candidates';
import { canonicalJson, deriveSeed, normalizePublicValue, planRecord } from './canonical';
import { stream } from './chacha';
import { draw, Pool, staffingProblems, targetCount, targetOf } from './draw';
import { candidateStrata, DEFAULT_WEIGHTS, riskWeights, sortFrozen } from './rules';
import { toHex } from './sha256';
import { buildBundle, publish, verifyBundle } from './verify';
import { PROTOCOL, type Candidate, type DrawPlan, type Frozen } from './types';

const e = (i: number) => `0190e5a1-0000-4000-8000-00000000000${i}`;
const p = (i: number) => `0190f7c2-0000-4000-8000-00000000000${i}`;
const unit = (i: number, name: string, town: string, category: string, riskGrade: string, creditClass: string, keyList: boolean, complaints: number): Candidate => ({
  id: e(i), name, creditCode: `92320102MA1W0000${i}X`, regionCode: town, townCode: town, agencyCode: '320102',
  categories: [category], specialty: category, riskGrade, creditClass, keyList, complaints,
});

const plan: DrawPlan = {
  id: '0190d3b0-0000-4000-8000-000000000001', name: '2025 年玄武区公共卫生“双随机”抽查（测试向量）', year: 2025, level: 'district',
  agencyCode: '320102', windowStart: '2025-03-01', windowEnd: '2025-11-30', matters: ['medical.practice', 'public_place.sanitation'],
  strata: [
    { key: 'pp', name: '公共场所', categories: ['public_place'], regionCodes: [], mode: 'count', count: 2, ratioBp: 0 },
    { key: 'med', name: '医疗机构', categories: ['medical'], regionCodes: ['320102'], mode: 'ratio', count: 0, ratioBp: 5000 },
  ],
  rules: { inspectorsPerTarget: 2, maxShareBp: 7500, avoidSameTown: true, avoidLastPair: true, credentialValidOn: '2025-03-01' },
};
const frozen: Frozen = sortFrozen({
  plan, weights: DEFAULT_WEIGHTS,
  candidates: encodeCandidates([
    unit(1, '玄武区钟山宾馆', '320102001', 'public_place.lodging', 'C', 'B', false, 2),
    unit(2, '玄武区梅园游泳馆', '320102002', 'public_place.swimming', 'A', 'A', true, 0),
    unit(3, '玄武区新街口美发店', '320102003', 'public_place.beauty', 'B', 'D', false, 0),
    unit(4, '玄武区王伟口腔诊所', '320102001', 'medical.clinic', 'D', 'C', false, 5),
    unit(5, '玄武区红山医院', '320102002', 'medical.hospital', 'B', 'A', false, 1),
    unit(6, '玄武区孝陵卫村卫生室', '320102003', 'medical.village', 'A', 'A', false, 0),
  ]),
  inspectors: [
    { id: p(1), name: '张伟', agencyCode: '320102', townCode: '320102009', specialties: ['medical', 'public_place'], credentialValidUntil: '2027-12-31' },
    { id: p(2), name: '王芳', agencyCode: '320102', townCode: '320102001', specialties: ['public_place.lodging'], credentialValidUntil: '2026-06-30' },
    { id: p(3), name: '李娜', agencyCode: '320102', townCode: '', specialties: ['medical.clinic', 'public_place'], credentialValidUntil: '2026-12-31' },
    { id: p(4), name: '刘强', agencyCode: '320102', townCode: '320102002', specialties: ['medical', 'public_place'], credentialValidUntil: '2025-02-28' },
  ],
  conflicts: [{ inspectorId: p(3), entityId: e(5) }],
  lastPairs: [{ entityId: e(1), inspectorIds: [p(1), p(3)] }],
});
// SHA-256('weijian-draw/2 test vector 1'): the first such secret whose trace shows both kinds of unstaffed target.
const secret = 'b0d355923c20d970314898674412a60840de42964d96b935e0abc8154c42b2c6';
const publicValue = ' 2025-03-03 上证指数收盘 3321.43 ';
const drawnAt = '2025-03-03T15:30:00+08:00';

const short = (id: string) => (id.startsWith('0190e5a1') ? 'e' : 'i') + Number(id.slice(-12));
const lines = (header: [string, number], parts: string[]) => [JSON.stringify([PROTOCOL, ...header]), ...parts].join('\n');

/** Step-by-step §9–§10 with the stream words behind every uniform(n). */
function trace(f: Frozen, seed: Uint8Array) {
  const rows: { step: string; n: number | string; x?: number; r?: number; outcome: string }[] = [];
  const list = f.candidates, strata = candidateStrata(list, f.plan), wOf = riskWeights(list, f.weights), ids = columnValues(list, 'id');
  const uniform = (s: ReturnType<typeof stream>, n: number) => {
    const hi = s.word() & 0x1fffff, lo = s.word(), x = hi * 2 ** 32 + lo;
    if (x >= 2 ** 53 - (2 ** 53 % n)) throw new Error('rejection in the example: pick another secret');
    return { x, r: x % n };
  };
  const picks: number[] = [];
  f.plan.strata.forEach((st, si) => {
    const members = list.place.map((_, i) => i).filter((i) => strata[i] === si);
    const k = targetCount(st, members.length), R = stream(seed, 'targets:' + st.key), w = members.map((i) => wOf[list.risk[i]]);
    for (let seq = 1; seq <= k; seq++) {
      const total = w.reduce((a, b) => a + b, 0), { x, r } = uniform(R, total);
      let acc = 0, j = 0;
      for (; acc + w[j] <= r; j++) acc += w[j];
      rows.push({ step: `${st.key} seq ${seq}`, n: `${total} (${w.filter((v) => v > 0).join('+')})`, x, r, outcome: `${short(ids[members[j]])} ([${acc}, ${acc + w[j]}))` });
      picks.push(members[j]); w[j] = 0;
    }
  });
  const pool = new Pool(f), per = f.plan.rules.inspectorsPerTarget, S = stream(seed, 'inspectors');
  const byAgency = new Map<string, number>();
  for (const i of picks) { const a = targetOf(list, i).agencyCode; byAgency.set(a, (byAgency.get(a) ?? 0) + 1); }
  for (const i of picks) {
    const c = targetOf(list, i), cap = Math.max(1, Math.ceil((byAgency.get(c.agencyCode)! * f.plan.rules.maxShareBp) / 10000));
    const chosen: number[] = [];
    for (let slot = 1; slot <= per; slot++) {
      const E = f.inspectors.map((_, x) => x).filter((x) => pool.failure(x, c, chosen, cap) === null);
      const why = f.inspectors.map((_, x) => x).filter((x) => !E.includes(x) && !chosen.includes(x))
        .map((x) => `${short(f.inspectors[x].id)} ${pool.failure(x, c, chosen, cap)}`).join(', ');
      if (E.length === 0) { rows.push({ step: `${short(c.id)} slot ${slot}`, n: `— (${why})`, outcome: 'unstaffed' }); chosen.length = 0; break; }
      const { x, r } = uniform(S, E.length);
      rows.push({ step: `${short(c.id)} slot ${slot}`, n: `${E.length}: [${E.map((y) => short(f.inspectors[y].id)).join(', ')}]${why ? ` (${why})` : ''}`, x, r, outcome: short(f.inspectors[E[r]].id) });
      chosen.push(E[r]);
    }
    for (const x of chosen) pool.assigned[x]++;
  }
  return rows;
}

const published = publish(frozen, secret);
const seedInput = `${PROTOCOL}|seed|${secret}|${normalizePublicValue(publicValue)}|${published.planHash}|${published.candidatesHash}|${published.inspectorsHash}`;
const seed = deriveSeed({ secret, publicValue, ...published });
const result = draw(frozen, seed);
const bundle = buildBundle(frozen, published, secret, publicValue, drawnAt, result);
if (!verifyBundle(bundle, published).ok) throw new Error('the vector does not verify');
const steps = trace(frozen, seed);
const c = frozen.candidates;
const vector = {
  description: `${PROTOCOL} test vector: a complete bundle plus every intermediate value (see docs/draw-protocol.md §12).`,
  canonical: {
    plan: JSON.stringify([PROTOCOL, 'plan']) + '\n' + canonicalJson(planRecord(frozen.plan, frozen.weights)),
    candidates: lines(['candidates', c.place.length], [...(['places', 'kinds', 'risks', 'place', 'kind', 'risk'] as const).map((k) => JSON.stringify(c[k])), c.id, c.name, c.creditCode]),
    inspectors: [
      lines(['inspectors', frozen.inspectors.length], frozen.inspectors.map((i) => JSON.stringify([i.id, i.name, i.agencyCode, i.townCode, i.specialties, i.credentialValidUntil]))),
      lines(['conflicts', frozen.conflicts.length], frozen.conflicts.map((x) => JSON.stringify([x.inspectorId, x.entityId]))),
      lines(['lastPairs', frozen.lastPairs.length], frozen.lastPairs.map((x) => JSON.stringify([x.entityId, x.inspectorIds]))),
    ].join('\n'),
  },
  derived: columnValues(c, 'id').map((id, i) => ({ id, stratum: plan.strata[candidateStrata(c, plan)[i]].key, weight: riskWeights(c, DEFAULT_WEIGHTS)[c.risk[i]] })),
  seedInput,
  seed: toHex(seed),
  streams: Object.fromEntries(['targets:pp', 'targets:med', 'inspectors'].map((label) => {
    const s = stream(seed, label);
    return [label, Array.from({ length: label === 'inspectors' ? 12 : 4 }, () => s.word().toString(16).padStart(8, '0'))];
  })),
  trace: steps,
  staffingProblems: staffingProblems(frozen).map((x) => x.entityId),
  bundle,
};
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-vector.json');
const text = JSON.stringify(vector, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (fs.readFileSync(file, 'utf8') !== text) { console.error('test-vector.json differs from what this script generates'); process.exitCode = 1; }
} else fs.writeFileSync(file, text);

console.log(`planHash       ${published.planHash}\ncandidatesHash ${published.candidatesHash}\ninspectorsHash ${published.inspectorsHash}`);
console.log(`secret         ${secret}\ncommitment     ${published.commitment}\nseed           ${toHex(seed)}`);
for (const [label, words] of Object.entries(vector.streams)) console.log(label.padEnd(12), words.join(' '));
console.log('\n| Step | uniform(n) | x | r | outcome |\n|---|---|---|---|---|');
for (const s of steps) console.log(`| ${s.step} | ${s.n} | ${s.x ?? ''} | ${s.r ?? ''} | ${s.outcome} |`);
console.log('\nResult:');
for (const t of result.targets) {
  console.log(`${t.stratum.padEnd(4)}${t.seq}  ${short(t.entityId)}  ${t.unstaffed ? `unstaffed  ${t.unstaffed.reason}\n            counts ${JSON.stringify(t.unstaffed.counts)}` : `[${t.inspectorIds.map(short).join(', ')}]`}`);
}
console.log('staffingProblems:', vector.staffingProblems.map(short).join(', '));
console.log('places', JSON.stringify(c.places), '\nkinds', JSON.stringify(c.kinds), '\nrisks', JSON.stringify(c.risks));
