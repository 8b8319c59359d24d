/**
 * bench/draw-pure.ts — the pure draw module (lib/draw) at scale, no database:
 *
 *   npx tsx bench/draw-pure.ts [--candidates 1000000] [--inspectors 500]
 *
 * Synthetic frozen inputs: 1,000,000 candidates in 10 districts (agencies) × 10 towns, 10 strata of 1,000
 * targets each (count mode, 10,000 targets), 500 inspectors (50 per agency), 2 inspectors per target,
 * ~1,000 declared conflicts and ~10,000 last pairs. Measures hashCandidates (node:crypto and the pure-JS
 * @noble/hashes used in browsers), frozenJson and publish (the stored JSON and the three hashes, as publication does),
 * staffingProblems, draw() (including its input validation), the bundle's JSON size, and — in a fresh child
 * process, as a third party would run it — JSON.parse of the
 * serialized bundle plus verifyBundle against the pre-published hashes. Times are wall clock, with the process
 * CPU time beside the main ones (less sensitive to other load; the load average is printed). The secret is
 * random, so the draw differs between runs. Last line of stdout: one JSON object.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  bundleEnvelope, draw, frozenJson, hashCandidates, newSecret, publish, staffingProblems, verifyBundle, type Published, type Verification,
} from '../lib/draw/index';
import { syntheticFrozen } from './synthetic-draw';
import { forceNoble } from '../lib/draw/sha256';
import { deriveSeed } from '../lib/draw/canonical';

const { values: args } = parseArgs({
  options: {
    candidates: { type: 'string', default: '1000000' }, inspectors: { type: 'string', default: '500' },
    verify: { type: 'string' }, expected: { type: 'string' }, // internal: the child process that verifies a bundle file
  },
});
const N = Number(args.candidates), I = Number(args.inspectors);

const ms = (t0: number) => Math.round(performance.now() - t0);
/** Wall and CPU (user + system) milliseconds of f; the CPU figure is less sensitive to other load on the machine. */
function measure<T>(f: () => T): [T, number, number] {
  const t0 = performance.now(), c0 = process.cpuUsage();
  const r = f();
  const c = process.cpuUsage(c0);
  return [r, ms(t0), Math.round((c.user + c.system) / 1000)];
}

if (args.verify) {
  const text = fs.readFileSync(args.verify, 'utf8');
  const [parsed, parseMs, parseCpuMs] = measure((): unknown => JSON.parse(text));
  const [verdict, verifyMs, verifyCpuMs] = measure(() => verifyBundle(parsed, args.expected ? JSON.parse(args.expected) as Published : undefined));
  console.log(JSON.stringify({ parseMs, parseCpuMs, verifyMs, verifyCpuMs, verdict }));
  process.exit(0);
}

let t0 = performance.now();
const frozen = syntheticFrozen({ candidates: N, inspectors: I, targets: 10_000 });
const generateMs = ms(t0);
console.log(`generated ${N} candidates, ${I} inspectors in ${generateMs} ms`);

const [, hashCandidatesMs, hashCandidatesCpuMs] = measure(() => hashCandidates(frozen.candidates));
forceNoble(true);
const [, hashCandidatesNobleMs] = measure(() => hashCandidates(frozen.candidates));
forceNoble(false);
console.log(`hashCandidates: ${hashCandidatesMs} ms (cpu ${hashCandidatesCpuMs} ms, node:crypto), ${hashCandidatesNobleMs} ms (@noble/hashes, as in browsers)`);

const secret = newSecret();
// publication as the server does it: the frozen JSON (stored, compressed) and the three hashes
const [pieces, frozenJsonMs] = measure(() => frozenJson(frozen));
const [published, publishMs] = measure(() => publish(frozen, secret));
const [problems, staffingProblemsMs] = measure(() => staffingProblems(frozen));
console.log(`frozenJson: ${frozenJsonMs} ms; publish (hashes): ${publishMs} ms; staffingProblems: ${staffingProblemsMs} ms (${problems.length} candidates cannot be staffed)`);

const publicValue = '2025-03-03 上证指数收盘 3321.43';
const seed = deriveSeed({ secret, publicValue, ...published });
const [result, drawMs, drawCpuMs] = measure(() => draw(frozen, seed));
const unstaffed = result.targets.filter((t) => t.unstaffed).length;
console.log(`draw: ${drawMs} ms (cpu ${drawCpuMs} ms), ${result.targets.length} targets, ${unstaffed} unstaffed`);

// the bundle as the server writes it: the stored frozen text inside the envelope
const [json, stringifyMs] = measure(() => {
  const { prefix, suffix } = bundleEnvelope(published, secret, publicValue, '2025-03-03T15:30:00+08:00', result);
  return prefix + pieces.join('') + suffix;
});
const bundleMB = Math.round(Buffer.byteLength(json, 'utf8') / 1e5) / 10;
console.log(`bundle: ${bundleMB} MB (envelope ${stringifyMs} ms)`);

// A third party verifies in its own process from the published file: run that in a fresh child process.
const file = path.join(os.tmpdir(), `weijian-draw-bench-${process.pid}.json`);
fs.writeFileSync(file, json);
const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--verify', file, '--expected', JSON.stringify(published)], {
  encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20,
});
fs.rmSync(file, { force: true });
const v = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { parseMs: number; parseCpuMs: number; verifyMs: number; verifyCpuMs: number; verdict: Verification };
const verifyTotalMs = v.parseMs + v.verifyMs, verifyTotalCpuMs = v.parseCpuMs + v.verifyCpuMs, verdict = v.verdict;
console.log(`verify (fresh process): ${verifyTotalMs} ms (cpu ${verifyTotalCpuMs} ms) = JSON.parse ${v.parseMs} ms + verifyBundle ${v.verifyMs} ms →`, verdict);
if (!verdict.ok) process.exitCode = 1;

console.log(JSON.stringify({
  candidates: N, inspectors: I, targets: result.targets.length, unstaffed, generateMs, hashCandidatesMs, hashCandidatesCpuMs,
  hashCandidatesNobleMs, frozenJsonMs, publishMs, staffingProblemsMs, drawMs, drawCpuMs, bundleMB, parseMs: v.parseMs, verifyMs: v.verifyMs, verifyTotalMs, verifyTotalCpuMs,
  ok: verdict.ok, loadAverage: os.loadavg()[0], cpus: os.cpus().length,
}));
