/**
 * weijian — administration commands.
 *   weijian seed [--entities N] [--seed S]     load the demo city (N > 5000 appends bulk entities for benchmarks)
 *   weijian audit verify                       verify the audit hash chain; exit 1 naming the first broken event
 *   weijian draw verify <bundle.json> [--commitment H] [--candidates-hash H]
 *                                              re-run a published random draw (lib/draw); exit 1 naming the first mismatch
 *   weijian db backup <file>                   PGlite: dump the data directory (.tar.gz); PostgreSQL: pg_dump -Fc
 *   weijian db restore <file>                  restore a backup into an empty data directory / database
 *   weijian admin create --username U --password P --region CODE --agency NAME --prefix 锡卫
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { initSecretKey } from '../platform/crypto';
import { verifyAuditChain } from '../platform/audit';

const argv = process.argv.slice(2);
const config = loadConfig();

function usage(code = 2): never {
  console.error(`用法：
  weijian seed [--entities N] [--seed S]
  weijian audit verify
  weijian draw verify <抽取数据包.json> [--commitment 承诺值] [--candidates-hash 候选名单哈希] [--plan-hash 计划哈希] [--inspectors-hash 人员名单哈希]
  weijian db backup <file>
  weijian db restore <file>
  weijian admin create --username U --password P --region 行政区划代码 --agency 机构名称 --prefix 文号前缀`);
  process.exit(code);
}

async function open(opts: { migrate?: boolean } = {}) {
  initSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir });
  return openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, migrate: opts.migrate });
}

async function main() {
  const [cmd, sub, ...rest] = argv;
  if (cmd === 'seed') {
    const { values } = parseArgs({ args: argv.slice(1), options: { entities: { type: 'string' }, seed: { type: 'string' } } });
    const total = values.entities ? Number(values.entities) : 5000;
    if (!Number.isInteger(total) || total < 1) usage();
    const database = await open();
    try {
      const { loadDemoCity, appendEntities } = await import('../demo/load');
      const { seedCalendar } = await import('../platform/calendar/store');
      const [{ n }] = (await database.db.execute(sql`select count(*)::int as n from users`) as unknown as { rows: { n: number }[] }).rows;
      await seedCalendar(database.db);
      const base = Math.min(total, 5000);
      if (Number(n) === 0) {
        const s = await loadDemoCity(database, { password: config.demoPassword, seed: values.seed, entities: base });
        console.log(`演示城市 ${s.cityName}：检查对象 ${s.entities}，执法人员 ${s.inspectors}，从业人员 ${s.practitioners}，账号 ${s.users}`);
        const { loadDemoPlans } = await import('../demo/plans');
        await loadDemoPlans(database, { seed: values.seed });
        console.log('双随机抽查计划：上年度已完成 1 个，本年度实施中 1 个');
        const { loadDemoLeads } = await import('../demo/leads');
        const l = await loadDemoLeads(database, { seed: values.seed });
        console.log(`线索台账：${l.leads} 条线索`);
        const { loadDemoComplaints } = await import('../demo/complaints');
        const c = await loadDemoComplaints(database, { seed: values.seed });
        console.log(`投诉举报：${c.complaints} 件`);
      } else {
        console.log('数据库已有数据，跳过演示城市的基础数据');
      }
      if (total > base) {
        const t = Date.now();
        const added = await appendEntities(database, total - base, {
          seed: values.seed,
          onProgress: (k) => { if (k % 100_000 === 0) console.log(`  已追加 ${k} 个检查对象（${((Date.now() - t) / 1000).toFixed(0)} s）`); },
        });
        console.log(`追加检查对象 ${added} 个，用时 ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
    } finally {
      await database.close();
    }
    return;
  }
  if (cmd === 'audit' && sub === 'verify') {
    const database = await open();
    try {
      const res = await verifyAuditChain(database.db);
      if (res.ok) {
        console.log(`审计链完整：共 ${res.count} 条事件，末端哈希 ${res.lastHash}`);
        console.log('verified');
        return;
      }
      console.error(`审计链断裂：第一个异常事件 id=${res.brokenId}：${res.reason}（此前 ${res.count} 条事件校验通过）`);
      process.exitCode = 1;
    } finally {
      await database.close();
    }
    return;
  }
  if (cmd === 'draw' && sub === 'verify') {
    await import('./draw-verify'); // runs itself from process.argv (bin/weijian.mjs loads it directly)
    return;
  }
  if (cmd === 'db' && (sub === 'backup' || sub === 'restore')) {
    const file = rest[0];
    if (!file) usage();
    if (config.databaseUrl) {
      const tool = sub === 'backup' ? 'pg_dump' : 'pg_restore';
      const args = sub === 'backup' ? ['-Fc', '-f', file, config.databaseUrl] : ['--clean', '--if-exists', '-d', config.databaseUrl, file];
      const r = spawnSync(tool, args, { stdio: 'inherit' });
      if (r.error) throw new Error(`无法运行 ${tool}：${r.error.message}`);
      process.exitCode = r.status ?? 1;
      return;
    }
    if (sub === 'backup') {
      const database = await open({ migrate: false });
      try {
        const blob = await database.dump!();
        fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
        console.log(`已备份到 ${path.resolve(file)}（${(blob.size / 1048576).toFixed(1)} MB）`);
      } finally {
        await database.close();
      }
      return;
    }
    // restore into the data directory, keeping the old one aside
    if (!fs.existsSync(file)) throw new Error(`备份文件不存在：${file}`);
    const dir = config.dataDir;
    if (fs.existsSync(path.join(dir, 'weijian.lock'))) {
      const { lockDataDir } = await import('../db/client');
      lockDataDir(dir)(); // throws if a live process holds it
    }
    let aside: string | null = null;
    if (fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f !== 'secret.key')) {
      aside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(dir, aside);
      fs.mkdirSync(dir, { recursive: true });
      if (fs.existsSync(path.join(aside, 'secret.key'))) fs.copyFileSync(path.join(aside, 'secret.key'), path.join(dir, 'secret.key'));
    }
    const blob = new Blob([fs.readFileSync(file)]);
    initSecretKey({ secretKey: config.secretKey, dataDir: dir });
    const database = await openDatabase({ dataDir: dir, loadDataDir: blob });
    await database.close();
    console.log(`已从 ${file} 恢复到 ${dir}${aside ? `；原数据目录已移至 ${aside}` : ''}`);
    return;
  }
  if (cmd === 'admin' && sub === 'create') {
    const { values } = parseArgs({
      args: rest,
      options: { username: { type: 'string' }, password: { type: 'string' }, region: { type: 'string' }, 'region-name': { type: 'string' }, agency: { type: 'string' }, prefix: { type: 'string' } },
    });
    if (!values.username || !values.password || !values.region || !values.agency || !values.prefix) usage();
    const { createFirstAdmin } = await import('./admin');
    const database = await open();
    try {
      await createFirstAdmin(database.db, {
        username: values.username, password: values.password, regionCode: values.region, regionName: values['region-name'] ?? values.agency,
        agencyName: values.agency, docPrefix: values.prefix,
      });
      console.log(`已创建系统管理员 ${values.username}`);
    } finally {
      await database.close();
    }
    return;
  }
  usage(cmd ? 2 : 0);
}

main().catch((err) => {
  console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
