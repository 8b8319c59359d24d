/**
 * bench:import — upload a 50,000-row entity workbook through POST /api/entities/import as `admin`,
 * against a fresh PGlite demo data directory (.bench/import-pglite, recreated on every run).
 *
 *   npm run bench:import [-- --rows 50000] [--save-xlsx file.xlsx]
 *
 * The workbook follows the import template served by the app (headers read from
 * GET /api/entities/template.xlsx) and is filled with realistic rows from the demo generator (valid credit
 * codes, region codes and grids of the demo city). Last line of stdout: one JSON object with the figures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { bootstrap } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { entities } from '../server/db/schema/index';
import { CATEGORIES, LICENCE_KINDS, OPERATING_STATUSES } from '../server/domains/entities/categories';
import { isValidCreditCode } from '../server/domains/entities/credit-code';
import { generateDemoCity, generateEntityBatches, type DemoLicence, type EntityInsert } from '../server/demo/generate';
import { BENCH_DIR, log, login, openDataSet, PASSWORD, round, startApp } from './lib';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '50000' }, 'save-xlsx': { type: 'string' } } });
const ROWS = Number(args.rows);
const TARGET_S = 30;

const categoryLabel = new Map(CATEGORIES.map((c) => [c.code, c.label]));

/** Cell text for each template header (without the trailing '*'), from a generated entity. */
const CELL: Record<string, (e: EntityInsert) => string | number | null | undefined> = {
  统一社会信用代码: (e) => e.creditCode,
  单位名称: (e) => e.name,
  地址: (e) => e.address,
  所属区划代码: (e) => e.regionCode,
  网格编码: (e) => e.gridCode,
  专业类别: (e) => e.categories.map((c) => categoryLabel.get(c) ?? c).join('、'),
  法定代表人: (e) => e.legalRep,
  联系电话: (e) => e.contactPhone,
  经度: (e) => e.lng,
  纬度: (e) => e.lat,
  床位数: (e) => e.beds,
  经营状态: (e) => OPERATING_STATUSES[e.operatingStatus as keyof typeof OPERATING_STATUSES],
  许可证类型: (e) => (lic(e) ? LICENCE_KINDS[lic(e)!.kind] : null),
  许可证号: (e) => lic(e)?.number,
  '许可范围/诊疗科目': (e) => lic(e)?.scope?.join('、'),
  发证日期: (e) => lic(e)?.issuedAt,
  有效期至: (e) => lic(e)?.validUntil,
  下次校验日期: (e) => lic(e)?.nextCheckAt,
};
const lic = (e: EntityInsert) => (e.licences as DemoLicence[] | undefined)?.[0];

async function buildWorkbook(headers: string[], rows: EntityInsert[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('检查对象');
  ws.columns = headers.map((h) => ({ header: h, key: h, width: 16, style: { numFmt: '@' } }));
  const getters = headers.map((h) => {
    const get = CELL[h.replace(/[*＊\s]/g, '')];
    if (!get) throw new Error(`template header ${h} is not mapped by the benchmark`);
    return get;
  });
  for (const e of rows) {
    ws.addRow(getters.map((g) => {
      const v = g(e);
      return v == null ? null : typeof v === 'number' ? String(v) : v;
    }));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main() {
  const dataDir = path.join(BENCH_DIR, 'import-pglite');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const ds = { kind: 'pglite' as const, dataDir, keyDir: dataDir };

  let t = performance.now();
  const database = await openDataSet(ds);
  await bootstrap(database, { ...loadConfig({}), demo: true, demoPassword: PASSWORD }, (m) => log(m));
  const [{ before }] = await database.db.select({ before: sql<number>`count(*)::int` }).from(entities);
  log(`fresh demo data dir in ${((performance.now() - t) / 1000).toFixed(1)} s, ${before} entities`);

  const running = await startApp(database);
  try {
    const admin = await login(running.base, 'admin');

    const res = await fetch(`${running.base}/api/entities/template.xlsx`, { headers: { cookie: admin.cookie } });
    if (res.status !== 200) throw new Error(`template: ${res.status}`);
    const tpl = new ExcelJS.Workbook();
    await tpl.xlsx.load(await res.arrayBuffer());
    const headers: string[] = [];
    tpl.worksheets[0].getRow(1).eachCell((c) => { headers.push(String(c.value)); });

    t = performance.now();
    const city = generateDemoCity();
    const rows: EntityInsert[] = [];
    // indices far from the demo city's (0…) and the bulk seed's (1,000,000…): credit codes stay unique
    for (const batch of generateEntityBatches(city, ROWS, { seed: 'bench-import', startIndex: 3_000_000, batchSize: 5000 })) rows.push(...batch);
    if (!rows.every((e) => isValidCreditCode(e.creditCode))) throw new Error('generated an invalid credit code');
    const xlsx = await buildWorkbook(headers, rows);
    const buildS = (performance.now() - t) / 1000;
    if (args['save-xlsx']) fs.writeFileSync(args['save-xlsx'], xlsx);
    log(`workbook: ${ROWS} rows, ${headers.length} columns, ${(xlsx.length / 1048576).toFixed(1)} MB, built in ${buildS.toFixed(1)} s`);

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(xlsx)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `bench-${ROWS}.xlsx`);
    t = performance.now();
    const up = await fetch(`${running.base}/api/entities/import`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      body: form,
    });
    const body = (await up.json()) as { ok?: boolean; total?: number; created?: number; updated?: number; errorCount?: number; errors?: unknown[] };
    const seconds = (performance.now() - t) / 1000;
    if (up.status !== 200) throw new Error(`import refused: ${up.status} ${JSON.stringify({ ...body, errors: body.errors?.slice(0, 10) })}`);

    const [{ after }] = await database.db.select({ after: sql<number>`count(*)::int` }).from(entities);
    const verified = Number(after) - Number(before) === ROWS && body.created === ROWS;
    log(`import: ${seconds.toFixed(1)} s, created ${body.created}, entities ${before} → ${after}`);
    console.log(JSON.stringify({
      bench: 'import',
      db: 'pglite',
      rows: ROWS,
      fileMB: round(xlsx.length / 1048576, 1),
      seconds: round(seconds, 1),
      rowsPerSecond: round(ROWS / seconds, 0),
      created: body.created,
      updated: body.updated,
      entitiesBefore: Number(before),
      entitiesAfter: Number(after),
      verified,
      targetSeconds: TARGET_S,
      met: verified && seconds <= TARGET_S,
      loadAverage: os.loadavg().map((x) => round(x, 2)),
    }));
    if (!verified) process.exitCode = 1;
  } finally {
    await running.close();
    await database.close();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), (err) => {
  console.error(err);
  process.exit(1);
});
