import { sql } from 'drizzle-orm';
import { loadConfig } from './config';
import { openDatabase } from './db/client';
import { buildApp } from './app';
import { initSecretKey } from './platform/crypto';
import { bootstrap } from './bootstrap';

const startedAt = Date.now();
const config = loadConfig();
initSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir });
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir }).catch((err) => {
  console.error(`\n启动失败：${err.message}\n`);
  process.exit(1);
});
await bootstrap(database, config, (msg) => console.log(msg));
const app = await buildApp(database, config, { logger: true });

// PGlite never auto-analyzes, nor does a PostgreSQL server whose autovacuum is off: keep planner statistics fresh.
const autovacuumOff = database.kind === 'postgres'
  && ((await database.db.execute(sql`select current_setting('autovacuum') as v`)) as unknown as { rows: { v: string }[] }).rows[0]?.v === 'off';
if (autovacuumOff) app.log.warn('PostgreSQL 的 autovacuum 已关闭：本系统每 6 小时自行执行 ANALYZE，建议开启 autovacuum');
const analyzeTimer = database.kind === 'pglite' || autovacuumOff
  ? setInterval(() => { database.analyze().catch((err) => app.log.warn(err, 'ANALYZE failed')); }, 6 * 3600_000).unref()
  : null;

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal} received, shutting down`);
  const force = setTimeout(() => process.exit(1), 15_000);
  try {
    if (analyzeTimer) clearInterval(analyzeTimer);
    await app.close();
    await database.close(); // PGlite: CHECKPOINT, close, release the data-dir lock
  } finally {
    clearTimeout(force);
    process.exit(0);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const where = config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
console.log(`\n卫监 Weijian 已启动：http://localhost:${config.port}  数据库：${where}  用时 ${Date.now() - startedAt} ms\n`);
