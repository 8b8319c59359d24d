/** Web Worker: downloads and verifies a draw bundle off the main thread, so the page stays responsive. */
import { runVerification, type VerifyMessage, type VerifyRequest } from './verify';

interface WorkerScope { postMessage(m: VerifyMessage): void; onmessage: ((e: MessageEvent<VerifyRequest>) => void) | null }
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const post = (m: VerifyMessage) => scope.postMessage(m);
  runVerification(e.data, post).then(
    (outcome) => post({ type: 'done', outcome }),
    (err: unknown) => post({ type: 'done', outcome: { ok: false, code: 'error', message: `验证程序出错：${(err as Error)?.message ?? String(err)}`, ms: 0 } }),
  );
};
