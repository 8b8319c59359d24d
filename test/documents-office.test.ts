/**
 * Issued .docx files open in LibreOffice (Debian's libreoffice-writer, installed by .ci/run): converted with
 * `soffice --headless --convert-to pdf`, their text read back with pdftotext (poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../server/db/schema/index';
import type { Actor } from '../server/platform/access';
import { documentContentHash, issueDocument } from '../server/platform/documents/service';
import { onsiteRecord } from '../server/platform/documents/types/onsite-record';
import { supervisionOpinion } from '../server/platform/documents/types/supervision-opinion';
import { samplePng } from '../server/platform/documents/view';
import { documents } from '../server/db/schema/index';
import { createTestApp, type TestContext } from './server';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
let t: TestContext;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wj-office-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// CI installs LibreOffice; a developer machine without it skips (and says so)
describe.skipIf(!SOFFICE && !process.env.CI)('LibreOffice opens the issued documents', () => {
  it('现场笔录 and 卫生监督意见书 convert to PDF with their text', { timeout: 480_000 }, async () => {
    const { db } = t.database;
    const [u] = await db.select().from(users).where(eq(users.username, 'inspector'));
    const actor: Actor = { userId: u.id, username: 'inspector', displayName: u.displayName, roles: ['inspector'], agencyId: u.agencyId, entityId: null, regionCode: u.regionCode, sessionId: 't', csrfToken: 't' };
    const hash = documentContentHash('onsite_record', onsiteRecord.sample);
    const sigs = ['周明远', '王建国', '李晓燕'].map((name, i) => ({ role: i ? 'inspector' as const : 'party' as const, name, signedAt: new Date(), contentHash: hash, image: samplePng(300, 120, i) }));
    const onsite = await db.transaction((tx) => issueDocument(tx, actor, { type: 'onsite_record', agencyId: u.agencyId!, data: onsiteRecord.sample, signatures: sigs }));
    const opinion = await db.transaction((tx) => issueDocument(tx, actor, { type: 'supervision_opinion', agencyId: u.agencyId!, data: supervisionOpinion.sample }));
    for (const d of [onsite, opinion]) {
      const [row] = await db.select({ docx: documents.docx }).from(documents).where(eq(documents.id, d.id));
      fs.writeFileSync(path.join(dir, `${d.type}.docx`), row.docx);
    }
    execFileSync(SOFFICE!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir,
      path.join(dir, 'onsite_record.docx'), path.join(dir, 'supervision_opinion.docx')], { stdio: 'ignore', timeout: 420_000 });
    const text = (name: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, `${name}.pdf`), '-']).toString('utf8').replace(/\s+/g, '');

    const a = text('onsite_record');
    for (const s of ['现场笔录', `编号：${onsite.number}`, '被检查人：澄江市临湖区春晖中医诊所', '执法人员：王建国（执法证号：32020021001）',
      '医疗废物暂存处未设置警示标识', `验真码：${onsite.verifyCode}`, '第1页共2页']) expect(a).toContain(s.replace(/\s+/g, ''));
    const b = text('supervision_opinion');
    for (const s of ['卫生监督意见书', `编号：${opinion.number}`, '被监督人：澄江市临湖区春晖中医诊所', '责令你单位于2026年5月26日前改正下列问题',
      '立即停止使用非卫生技术人员从事医疗卫生技术工作', `验真码：${opinion.verifyCode}`]) expect(b).toContain(s.replace(/\s+/g, ''));
  });
});
