/** Publication, the result bundle, and the verifier (校验). */
import { columnValues, indexOfCandidate } from './candidates';
import { commitmentOf, deriveSeed, frozenRecord, hashCandidates, hashInspectors, hashPlan, normalizePublicValue } from './canonical';
import { drawValidated, RULES } from './draw';
import { candidateStrata, pick, ruleError, shapeError } from './rules';
import { isHex64 } from './sha256';
import { PROTOCOL, type Bundle, type DrawResult, type Frozen, type Published } from './types';

/** What is published before the draw: the three input hashes and the commitment to the secret. */
export function publish(f: Frozen, secret: string): Published {
  return {
    planHash: hashPlan(f.plan, f.weights), candidatesHash: hashCandidates(f.candidates),
    inspectorsHash: hashInspectors(f.inspectors, f.conflicts, f.lastPairs), commitment: commitmentOf(secret),
  };
}

const resultRecord = (result: DrawResult): DrawResult => ({
  targets: result.targets.map((t) => (t.unstaffed ? { ...t, unstaffed: { reason: t.unstaffed.reason, counts: t.unstaffed.counts } } : { ...t })),
});

/** Assemble the bundle published after the draw (only the protocol's fields are copied). */
export function buildBundle(f: Frozen, published: Published, secret: string, publicValue: string, drawnAt: string, result: DrawResult): Bundle {
  return { protocol: PROTOCOL, published: pick(published, PUBLISHED), secret, publicValue, drawnAt, result: resultRecord(result), frozen: frozenRecord(f) };
}

/**
 * The bundle's JSON text around its `frozen` member: `prefix + JSON of the frozen input + suffix` is the JSON
 * of buildBundle(…), so the bundle can be written from the stored frozen text without re-serializing it.
 */
export function bundleEnvelope(published: Published, secret: string, publicValue: string, drawnAt: string, result: DrawResult): { prefix: string; suffix: string } {
  const head = { protocol: PROTOCOL, published: pick(published, PUBLISHED), secret, publicValue, drawnAt, result: resultRecord(result) };
  const json = JSON.stringify(head);
  return { prefix: `${json.slice(0, -1)},"frozen":`, suffix: '}' };
}

export type Verification = { ok: true; targets: number; unstaffed: number } | { ok: false; code: string; message: string };

const HASH_LABELS: Record<keyof Published, string> = {
  planHash: '抽查计划哈希', candidatesHash: '候选对象名单哈希', inspectorsHash: '执法人员名单哈希', commitment: '种子承诺值',
};
const PUBLISHED: [string, 'str'][] = [['planHash', 'str'], ['candidatesHash', 'str'], ['inspectorsHash', 'str'], ['commitment', 'str']];
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (code: string, message: string): Verification => ({ ok: false, code, message });

function resultShapeError(r: unknown): string | null {
  if (!isObj(r) || !Array.isArray(r.targets)) return '数据格式错误：result.targets 应为数组';
  for (let i = 0; i < r.targets.length; i++) {
    const t = r.targets[i], p = `result.targets[${i}]`;
    if (!isObj(t)) return `数据格式错误：${p} 应为对象`;
    if (typeof t.stratum !== 'string' || typeof t.entityId !== 'string' || !Number.isSafeInteger(t.seq)) return `数据格式错误：${p} 缺少 stratum、seq 或 entityId`;
    if (!Array.isArray(t.inspectorIds) || !t.inspectorIds.every((x) => typeof x === 'string')) return `数据格式错误：${p}.inspectorIds 应为字符串数组`;
    const u = t.unstaffed;
    if (u !== undefined && u !== null && (!isObj(u) || typeof u.reason !== 'string' || !isObj(u.counts))) return `数据格式错误：${p}.unstaffed 格式错误`;
  }
  return null;
}

/**
 * Re-run the draw from a bundle and compare. Checks, in order: protocol; format (invalid_input); commitment;
 * the three hashes; `expected` (what was published before the draw); input rules (invalid_input); the
 * number of targets; each target; each inspector assignment; each unstaffed record. Returns the first failure.
 */
export function verifyBundle(bundle: unknown, expected?: Partial<Published>): Verification {
  if (!isObj(bundle) || bundle.protocol !== PROTOCOL) {
    return fail('protocol', `协议版本不符：数据包声明的协议为 ${JSON.stringify(isObj(bundle) ? bundle.protocol ?? null : null)}，本校验程序只支持 ${PROTOCOL}`);
  }
  const b = bundle as unknown as Bundle;
  const pub = bundle.published;
  if (!isObj(pub) || !(Object.keys(HASH_LABELS) as (keyof Published)[]).every((k) => isHex64(pub[k]))) {
    return fail('invalid_input', '数据格式错误：published 应包含 planHash、candidatesHash、inspectorsHash、commitment 四个 64 位小写十六进制哈希值');
  }
  if (!isHex64(b.secret)) return fail('invalid_input', '数据格式错误：secret 应为 64 位小写十六进制数');
  if (typeof b.publicValue !== 'string' || normalizePublicValue(b.publicValue) === '') return fail('invalid_input', '数据格式错误：publicValue（公开随机值）缺失或为空');
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(b.publicValue)) return fail('invalid_input', '数据格式错误：publicValue 含有无效的 Unicode 字符');
  if (typeof b.drawnAt !== 'string') return fail('invalid_input', '数据格式错误：drawnAt 应为字符串');
  if (!isObj(bundle.frozen)) return fail('invalid_input', '数据格式错误：frozen（冻结的抽取输入）应为对象');
  const shape = shapeError(bundle.frozen) ?? resultShapeError(bundle.result);
  if (shape) return fail('invalid_input', shape);
  const f = b.frozen;

  const p = b.published;
  const commitment = commitmentOf(b.secret);
  if (commitment !== p.commitment) {
    return fail('commitment', `秘密种子与抽取前公布的承诺值不符：公布的承诺值为 ${p.commitment}，数据包中秘密种子的 SHA-256 为 ${commitment}`);
  }
  const actual: Published = {
    planHash: hashPlan(f.plan, f.weights), candidatesHash: hashCandidates(f.candidates),
    inspectorsHash: hashInspectors(f.inspectors, f.conflicts, f.lastPairs), commitment,
  };
  const codes = { planHash: 'plan_hash', candidatesHash: 'candidates_hash', inspectorsHash: 'inspectors_hash' } as const;
  for (const k of ['planHash', 'candidatesHash', 'inspectorsHash'] as const) {
    if (actual[k] !== p[k]) return fail(codes[k], `${HASH_LABELS[k]}不符：数据包中的数据计算得 ${actual[k]}，公布值为 ${p[k]}，说明数据在公布后被改动`);
  }
  for (const k of Object.keys(HASH_LABELS) as (keyof Published)[]) {
    const want = expected?.[k];
    if (want !== undefined && want !== p[k]) {
      return fail('expected_mismatch', `${HASH_LABELS[k]}与抽取前公布的不一致：抽取前公布为 ${want}，数据包中为 ${p[k]}`);
    }
  }
  const strata = candidateStrata(f.candidates, f.plan);
  const rule = ruleError(f, strata);
  if (rule) return fail('invalid_input', rule);

  const seed = deriveSeed({ secret: b.secret, publicValue: b.publicValue, ...actual });
  let want: DrawResult['targets'];
  try { want = drawValidated(f, seed, strata).targets; } catch (e) { return fail('invalid_input', (e as Error).message); }
  const got = b.result.targets;
  if (got.length !== want.length) return fail('target_count', `抽中对象数量不一致：按协议应为 ${want.length} 个，数据包中为 ${got.length} 个`);

  const nameOf = (id: string) => {
    const i = indexOfCandidate(f.candidates, id);
    return i >= 0 ? columnValues(f.candidates, 'name')[i] : f.inspectors.find((x) => x.id === id)?.name ?? '';
  };
  const stratumName = (key: string) => f.plan.strata.find((s) => s.key === key)?.name ?? key;
  for (let i = 0; i < want.length; i++) {
    const w = want[i], g = got[i];
    if (w.stratum !== g.stratum || w.seq !== g.seq || w.entityId !== g.entityId) {
      return fail('target', `第 ${i + 1} 个抽中对象不一致（分层「${stratumName(w.stratum)}」第 ${w.seq} 位）：按协议应为 ${w.entityId} ${nameOf(w.entityId)}，数据包中为 ${g.entityId}（分层 ${g.stratum} 第 ${g.seq} 位）`);
    }
  }
  const people = (ids: string[]) => (ids.length ? ids.map((id) => `${id} ${nameOf(id)}`).join('、') : '（无）');
  for (let i = 0; i < want.length; i++) {
    const w = want[i], g = got[i];
    if (w.inspectorIds.length !== g.inspectorIds.length || w.inspectorIds.some((x, j) => x !== g.inspectorIds[j])) {
      return fail('inspectors', `第 ${i + 1} 个抽中对象 ${w.entityId} ${nameOf(w.entityId)} 的执法人员不一致：按协议应为 ${people(w.inspectorIds)}，数据包中为 ${people(g.inspectorIds)}`);
    }
  }
  let unstaffed = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i].unstaffed, g = got[i].unstaffed ?? undefined;
    if (w) unstaffed++;
    const same = !w ? !g : !!g && g.reason === w.reason && Object.keys(g.counts).length === RULES.length && RULES.every((r) => g.counts[r] === w.counts[r]);
    if (!same) {
      return fail('unstaffed', `第 ${i + 1} 个抽中对象 ${want[i].entityId} ${nameOf(want[i].entityId)} 的未派员记录不一致：按协议应为 ${w ? `“${w.reason}”` : '已派员'}，数据包中为 ${g ? `“${g.reason}”` : '已派员'}`);
    }
  }
  return { ok: true, targets: want.length, unstaffed };
}
