/**
 * The `weijian` command on a real PGlite data directory: seed, audit verify (intact and tampered),
 * backup and restore, and the data-directory lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../server/db/client';

const root = path.resolve(__dirname, '..');
let dir: string;
const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/weijian.mjs'), ...args], {
  cwd: root, encoding: 'utf8', env: { ...process.env, WEIJIAN_DATA_DIR: dir, DATABASE_URL: '' }, timeout: 120_000,
});

beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-cli-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); fs.rmSync(`${dir}.bak`, { force: true }); });

describe('weijian CLI', () => {
  it('seeds a small demo city', () => {
    const r = run('seed', '--entities', '60');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/检查对象 60/);
  });

  it('audit verify passes on an intact chain, then names the first tampered event', async () => {
    const ok = run('audit', 'verify');
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n').at(-1)).toBe('verified');

    const db = await openDatabase({ dataDir: dir, migrate: false });
    const rows = (await db.db.execute(sql`select id from audit_events order by id`) as unknown as { rows: { id: number }[] }).rows;
    expect(rows.length).toBeGreaterThan(0);
    const victim = Number(rows[0].id);
    await db.db.execute(sql`update audit_events set reason = '被篡改的原因' where id = ${victim}`);
    await db.close();

    const bad = run('audit', 'verify');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`id=${victim}`);
  });

  it('refuses to open a data directory another process holds', async () => {
    const db = await openDatabase({ dataDir: dir, migrate: false });
    try {
      const r = run('audit', 'verify');
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/正被另一个进程（PID \d+）使用/);
    } finally {
      await db.close();
    }
  });

  it('backs up and restores the data directory', async () => {
    const file = `${dir}.bak`;
    const b = run('db', 'backup', file);
    expect(b.status).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
    // change something, then restore and see the old state
    let db = await openDatabase({ dataDir: dir, migrate: false });
    await db.db.execute(sql`update entities set name = '恢复前的改动'`);
    await db.close();
    const r = run('db', 'restore', file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    db = await openDatabase({ dataDir: dir, migrate: false });
    const rows = (await db.db.execute(sql`select count(*)::int as n from entities where name = '恢复前的改动'`) as unknown as { rows: { n: number }[] }).rows;
    await db.close();
    expect(rows[0].n).toBe(0);
    const moved = fs.readdirSync(path.dirname(dir)).filter((f) => f.startsWith(`${path.basename(dir)}.before-restore-`));
    expect(moved).toHaveLength(1);
    fs.rmSync(path.join(path.dirname(dir), moved[0]), { recursive: true, force: true });
  });
});
