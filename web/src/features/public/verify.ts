/**
 * Verification of a draw bundle, shared by the Web Worker (verify.worker.ts) and the main-thread fallback:
 * parse the bundle, run lib/draw's verifyBundle against the hashes this page published before the draw,
 * and check that the public value in the bundle is the one published on the page.
 */
import { normalizePublicValue, verifyBundle, type Published } from '../../../../lib/draw/index';

export type Stage = 'download' | 'parse' | 'verify';

export interface VerifyRequest {
  /** Absolute URL of the bundle, or a local file chosen by the user. */
  url?: string;
  file?: Blob;
  expected: Partial<Published>;
  /** The public value shown on the page (checked against the bundle when given). */
  publicValue?: string | null;
}

export type VerifyOutcome =
  | { ok: true; targets: number; unstaffed: number; candidates: number; ms: number; publicValue: string; drawnAt: string }
  | { ok: false; code: string; message: string; ms: number };

export type VerifyMessage = { type: 'progress'; stage: Stage; loaded?: number } | { type: 'done'; outcome: VerifyOutcome };

async function readText(req: VerifyRequest, progress: (m: VerifyMessage) => void): Promise<string> {
  if (req.file) {
    progress({ type: 'progress', stage: 'download', loaded: req.file.size });
    return req.file.text();
  }
  let res: Response;
  try {
    res = await fetch(req.url!, { credentials: 'omit' });
  } catch {
    throw new Error('数据包下载失败：无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) throw new Error(res.status === 404 ? '数据包下载失败：该计划尚未完成抽取或数据包不存在' : `数据包下载失败（HTTP ${res.status}）`);
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let loaded = 0;
  let last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    const now = Date.now();
    if (now - last > 100) { progress({ type: 'progress', stage: 'download', loaded }); last = now; }
  }
  parts.push(decoder.decode());
  progress({ type: 'progress', stage: 'download', loaded });
  return parts.join('');
}

export async function runVerification(req: VerifyRequest, progress: (m: VerifyMessage) => void): Promise<VerifyOutcome> {
  let text: string;
  try {
    text = await readText(req, progress);
  } catch (err) {
    return { ok: false, code: 'download', message: (err as Error).message, ms: 0 };
  }
  const t0 = performance.now();
  progress({ type: 'progress', stage: 'parse' });
  let bundle: Record<string, unknown>;
  try {
    bundle = JSON.parse(text);
  } catch {
    return { ok: false, code: 'json', message: '数据包不是有效的 JSON 文件，请确认下载的是本计划的抽取数据包', ms: performance.now() - t0 };
  }
  text = '';
  progress({ type: 'progress', stage: 'verify' });
  const res = verifyBundle(bundle, req.expected);
  const ms = performance.now() - t0;
  if (!res.ok) return { ...res, ms };
  const pv = typeof bundle.publicValue === 'string' ? bundle.publicValue : '';
  if (req.publicValue && normalizePublicValue(pv) !== normalizePublicValue(req.publicValue)) {
    return { ok: false, code: 'public_value', message: `公开随机值与本页公示不一致：本页公示为“${req.publicValue}”，数据包中为“${pv}”`, ms };
  }
  const frozen = bundle.frozen as { candidates?: { place?: unknown[] } } | undefined;
  const candidates = frozen?.candidates?.place?.length ?? 0;
  return { ok: true, targets: res.targets, unstaffed: res.unstaffed, candidates, ms, publicValue: pv, drawnAt: String(bundle.drawnAt ?? '') };
}
