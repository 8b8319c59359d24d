/**
 * The real server (`server/main.ts`) in a child process, as it runs in production: used by the SIGKILL
 * durability check and by bench:complaints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** Resolves when the process has exited (whatever the cause). */
  exited(): Promise<void>;
  /** SIGTERM (a clean shutdown) and wait. */
  stop(): Promise<void>;
}

/**
 * Start the server on `port` with `env` on top of this process's environment, and wait until /api/health
 * answers. `nodeArgs`: extra node flags (e.g. --cpu-prof). The first start on an empty database loads the
 * demo city, so allow minutes.
 */
export async function startServerProcess(env: Record<string, string>, port: number, nodeArgs: string[] = [], timeoutMs = 300_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error('server did not become healthy');
    }
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    base,
    exited,
    async stop() {
      const done = exited();
      child.kill('SIGTERM');
      await done;
    },
  };
}
