/**
 * Document service figures (issue 12 / 13):
 * - issuing a 现场笔录 (.docx rendered, numbered, stored, audited, in its own transaction): p95 ≤ 300 ms;
 * - its PDF (drawn from the stored .docx with pdfkit): ≤ 2 s (the first PDF of a process, which loads the
 *   fonts, is reported on its own);
 * - 32 concurrent issues of one type: numbers 1..32, no gap, no duplicate.
 *
 *   npm run bench:documents [-- --db pglite|postgres|both] [--issues 100] [--pdfs 20]
 *
 * Each database starts empty (a small demo city is loaded). Progress on stderr; the last stdout line is JSON.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../server/db/client';
import { documents, users } from '../server/db/schema/index';
import { loadDemoCity } from '../server/demo/load';
import type { Actor } from '../server/platform/access';
import { seedCalendar } from '../server/platform/calendar/store';
import { initSecretKey } from '../server/platform/crypto';
import { pdfFonts } from '../server/platform/documents/fonts';
import { docxToPdf } from '../server/platform/documents/pdf';
import { documentContentHash, issueDocument, type IssueInput } from '../server/platform/documents/service';
import { onsiteRecord } from '../server/platform/documents/types/onsite-record';
import { supervisionOpinion } from '../server/platform/documents/types/supervision-opinion';
import { samplePng } from '../server/platform/documents/view';
import { BENCH_DIR, ensureDir, ensurePgDatabase, log, PASSWORD, resetDataSet, round, summarize } from './lib';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    issues: { type: 'string', default: '100' },
    pdfs: { type: 'string', default: '20' },
  },
});
const ISSUES = Number(args.issues);
const PDFS = Number(args.pdfs);
const PG_URL = process.env.BENCH_DOCUMENTS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/weijian_bench_documents';
const TARGETS = { issueP95Ms: 300, pdfMs: 2000, concurrent: 32 };

async function openFresh(kind: 'pglite' | 'postgres'): Promise<Database> {
  initSecretKey({ secretKey: '5a'.repeat(32) });
  if (kind === 'pglite') {
    const dir = path.join(ensureDir(BENCH_DIR), 'documents-pglite');
    fs.rmSync(dir, { recursive: true, force: true });
    return openDatabase({ dataDir: dir });
  }
  await ensurePgDatabase(PG_URL);
  await resetDataSet({ kind: 'postgres', url: PG_URL, keyDir: BENCH_DIR });
  return openDatabase({ url: PG_URL });
}

async function actorOf(database: Database, username: string): Promise<Actor> {
  const [u] = await database.db.select().from(users).where(eq(users.username, username));
  return { userId: u.id, username, displayName: u.displayName, roles: u.roles as Actor['roles'], agencyId: u.agencyId, entityId: null, regionCode: u.regionCode, sessionId: 'bench', csrfToken: 'bench' };
}

async function run(kind: 'pglite' | 'postgres') {
  log(`${kind}: preparing an empty database with the demo city`);
  const database = await openFresh(kind);
  try {
    await seedCalendar(database.db);
    await loadDemoCity(database, { password: PASSWORD, entities: 300 });
    const inspector = await actorOf(database, 'inspector');
    const inspector2 = await actorOf(database, 'inspector2');
    const hash = documentContentHash('onsite_record', onsiteRecord.sample);
    const sigs = ['周明远', '王建国', '李晓燕'].map((name, i) => ({ role: i ? 'inspector' as const : 'party' as const, name, signedAt: new Date(), contentHash: hash, image: samplePng(300, 120, i) }));
    const input: IssueInput = { type: 'onsite_record', agencyId: inspector.agencyId!, data: onsiteRecord.sample, signatures: sigs };
    const issueOne = () => database.db.transaction((tx) => issueDocument(tx, inspector, input));

    for (let i = 0; i < 10; i++) await issueOne(); // warm-up: JIT, template cache, connections
    log(`${kind}: issuing ${ISSUES} 现场笔录 one after another`);
    const issueMs: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < ISSUES; i++) {
      const t0 = performance.now();
      const d = await issueOne();
      issueMs.push(performance.now() - t0);
      ids.push(d.id);
    }

    log(`${kind}: ${PDFS} PDFs`);
    const pdfMs: number[] = [];
    let pages = 0;
    for (const id of ids.slice(0, PDFS)) {
      const [row] = await database.db.select({ docx: documents.docx }).from(documents).where(eq(documents.id, id));
      const t0 = performance.now();
      const pdf = await docxToPdf(row.docx);
      pdfMs.push(performance.now() - t0);
      pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    }

    log(`${kind}: 32 concurrent issues of 卫生监督意见书`);
    const t0 = performance.now();
    const conc = await Promise.all(Array.from({ length: 32 }, () => database.db.transaction((tx) =>
      issueDocument(tx, inspector2, { type: 'supervision_opinion', agencyId: inspector2.agencyId!, data: supervisionOpinion.sample }))));
    const concurrentMs = performance.now() - t0;
    const seqs = conc.map((d) => d.seq).sort((a, b) => a - b);
    const stored = await database.db.select({ seq: documents.seq }).from(documents)
      .where(and(eq(documents.agencyId, inspector2.agencyId!), eq(documents.type, 'supervision_opinion')));
    const concurrent = {
      n: conc.length,
      numbers: `${conc.find((d) => d.seq === 1)?.number} … ${conc.find((d) => d.seq === 32)?.number}`,
      gapless: seqs.every((s, i) => s === i + 1) && stored.length === 32,
      duplicates: conc.length - new Set(conc.map((d) => d.number)).size,
      wallMs: round(concurrentMs),
    };
    const issue = summarize(issueMs);
    const pdf = summarize(pdfMs);
    return {
      db: kind, issueDocx: issue, pdf: { ...pdf, pages }, concurrent,
      ok: issue.p95 <= TARGETS.issueP95Ms && pdf.max <= TARGETS.pdfMs && concurrent.gapless && concurrent.duplicates === 0,
    };
  } finally {
    await database.close();
  }
}

const kinds = args.db === 'both' ? ['pglite', 'postgres'] as const : [args.db as 'pglite' | 'postgres'];
// the first PDF of a process reads and parses the fonts (2 × 15 MB): measured on its own, before anything else
const coldStart = performance.now();
const fonts = pdfFonts();
const sample = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../server/platform/documents/templates/onsite_record.docx'));
await docxToPdf(sample);
const pdfColdMs = round(performance.now() - coldStart);
const results = [];
for (const kind of kinds) results.push(await run(kind));
console.log(JSON.stringify({
  bench: 'documents', targets: TARGETS, pdfColdMs, pdfFont: fonts.regularSource, results,
  ok: results.every((r) => r.ok), loadavg: os.loadavg().map((x) => round(x, 2)), node: process.version,
}));
