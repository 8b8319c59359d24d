/**
 * The document service (执法文书, GUIDE §2.6) on a real database: issuing inside a transaction with gap-free
 * numbers under concurrency (a rolled-back issue frees its number), immutability enforced by the database,
 * corrections, signatures bound to the content hash (程序规定 Art. 26–27 refusal), no complainant identity in a
 * document addressed to the party, jurisdiction, the public verification without personal data, the PDF's
 * text, and template upload, validation, versions and fallback.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import PizZip from 'pizzip';
import { agencies, auditEvents, documentCounters, documents, users } from '../server/db/schema/index';
import type { Actor } from '../server/platform/access';
import { verifyAuditChain } from '../server/platform/audit';
import { todayIso } from '../server/platform/dates';
import { docxText } from '../server/platform/documents/docx-model';
import { documentContentHash, issueDocument, type IssueInput } from '../server/platform/documents/service';
import { onsiteRecord } from '../server/platform/documents/types/onsite-record';
import { supervisionOpinion } from '../server/platform/documents/types/supervision-opinion';
import { defaultTemplate } from '../server/platform/documents/templates';
import { samplePng } from '../server/platform/documents/view';
import { createTestApp, type Client, type TestContext } from './server';

let t: TestContext;
let admin: Client;
let inspector: Client;
let inspector2: Client;
let unit: Client;
let anon: Client;
let d1: { id: string; regionCode: string; name: string };
let d2: { id: string; regionCode: string; name: string };
let actors: Record<string, Actor>;
let unitEntityId: string;
const year = Number(todayIso().slice(0, 4));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
const flat = (s: string) => s.replace(/\s+/g, '');
/** Drizzle wraps the database error: the trigger's message is in the cause. */
const refusedAsImmutable = (e: unknown) => /issued documents are immutable/.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));

async function actorOf(username: string): Promise<Actor> {
  const [u] = await t.database.db.select().from(users).where(eq(users.username, username));
  return {
    userId: u.id, username, displayName: u.displayName, roles: u.roles as Actor['roles'], agencyId: u.agencyId, entityId: u.entityId,
    regionCode: u.regionCode, sessionId: 'test', csrfToken: 'test',
  };
}

const issue = (actor: Actor, input: IssueInput) => t.database.db.transaction((tx) => issueDocument(tx, actor, input));
const onsite = (over: Partial<IssueInput> = {}): IssueInput => ({ type: 'onsite_record', agencyId: d1.id, data: onsiteRecord.sample, ...over });

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  [admin, inspector, inspector2, unit] = await Promise.all(['admin', 'inspector', 'inspector2', 'unit'].map((u) => t.login(u)));
  anon = t.anonymous();
  actors = Object.fromEntries(await Promise.all(['admin', 'inspector', 'inspector2', 'chief', 'unit'].map(async (u) => [u, await actorOf(u)])));
  [d1] = await db.select({ id: agencies.id, regionCode: agencies.regionCode, name: agencies.name }).from(agencies).where(eq(agencies.id, actors.inspector.agencyId!));
  [d2] = await db.select({ id: agencies.id, regionCode: agencies.regionCode, name: agencies.name }).from(agencies).where(eq(agencies.id, actors.inspector2.agencyId!));
  unitEntityId = actors.unit.entityId!;
});
afterAll(() => t.close());

describe('issuing', () => {
  it('issues a numbered 现场笔录 that the office can list, read and download, with its hash audited', async () => {
    const doc = await issue(actors.inspector, onsite({ inspectionId: '00000000-0000-4000-8000-000000000001', entityId: unitEntityId }));
    expect(doc.number).toMatch(new RegExp(`^${year}—\\d{3}$`));
    expect(doc.verifyCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);

    const list = await inspector.get('/api/documents?inspectionId=00000000-0000-4000-8000-000000000001');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: doc.id, type: 'onsite_record', typeName: '现场笔录', number: doc.number, partyName: '澄江市临湖区春晖中医诊所', status: 'valid' }] });

    const detail = (await inspector.get(`/api/documents/${doc.id}`)).json();
    expect(detail).toMatchObject({ number: doc.number, contentHash: documentContentHash('onsite_record', onsiteRecord.sample), sha256: doc.sha256, templateId: null });

    const file = await inspector.get(`/api/documents/${doc.id}/docx`);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    expect(sha(file.rawPayload)).toBe(doc.sha256);
    const text = docxText(file.rawPayload);
    for (const s of [d1.name, '现场笔录', `编号：${doc.number}`, '王建国（执法证号：32020021001）', '医疗废物暂存处未设置警示标识', doc.verifyCode]) expect(text).toContain(s);

    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.resource, 'documents'), eq(auditEvents.resourceId, doc.id)));
    expect(audit.action).toBe('issue');
    expect(audit.after).toMatchObject({ number: doc.number, sha256: doc.sha256, contentHash: doc.contentHash });
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('validates the data in Chinese, naming the field (two officers: 行政处罚法 Art. 42)', async () => {
    await expect(issue(actors.inspector, onsite({ data: { ...onsiteRecord.sample, inspectors: [onsiteRecord.sample.inspectors[0]] } })))
      .rejects.toMatchObject({ statusCode: 400, fields: [{ field: 'data.inspectors', message: '现场检查的执法人员不得少于两人（《行政处罚法》第四十二条）' }] });
    await expect(issue(actors.inspector, onsite({ type: 'penalty_decision' }))).rejects.toMatchObject({ statusCode: 400, code: 'unknown_type' });
  });

  it('refuses to issue in the name of another district\'s agency', async () => {
    await expect(issue(actors.inspector, onsite({ agencyId: d2.id }))).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe('gap-free numbers (文书规范 Art. 4: one sequence per agency, type and year)', () => {
  it('32 concurrent issues of one type get 1..32 with no gap and no duplicate; a rolled-back issue frees its number', async () => {
    const { db } = t.database;
    const before = await db.select({ last: documentCounters.lastSeq }).from(documentCounters)
      .where(and(eq(documentCounters.agencyId, d2.id), eq(documentCounters.type, 'supervision_opinion'), eq(documentCounters.year, year)));
    const start = before[0]?.last ?? 0;
    const input: IssueInput = { type: 'supervision_opinion', agencyId: d2.id, data: supervisionOpinion.sample };
    const jobs = Array.from({ length: 34 }, (_, i) => (i === 5 || i === 20
      // two issues roll back after taking a number: their numbers must go to others
      ? db.transaction(async (tx) => { await issueDocument(tx, actors.inspector2, input); throw new Error('rollback'); }).then(() => null, () => null)
      : issue(actors.inspector2, input)));
    const issued = (await Promise.all(jobs)).filter((d) => d !== null);
    expect(issued).toHaveLength(32);
    const seqs = issued.map((d) => d!.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 32 }, (_, i) => start + i + 1));
    expect(new Set(issued.map((d) => d!.number)).size).toBe(32);
    const stored = await db.select({ seq: documents.seq }).from(documents)
      .where(and(eq(documents.agencyId, d2.id), eq(documents.type, 'supervision_opinion'), eq(documents.year, year)));
    expect(stored.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: start + 32 }, (_, i) => i + 1));
  });

  it('numbers each agency on its own', async () => {
    const a = await issue(actors.inspector, onsite());
    const b = await issue(actors.inspector, onsite());
    expect(b.seq).toBe(a.seq + 1);
    const other = await issue(actors.inspector2, onsite({ agencyId: d2.id }));
    expect(other.seq).toBe(1);
  });
});

describe('immutability and corrections', () => {
  it('the database refuses any change or removal of an issued document or its signatures', async () => {
    const doc = await issue(actors.inspector, onsite({ signatures: [] }));
    const { db } = t.database;
    await expect(db.execute(sql`update documents set number = 'x' where id = ${doc.id}`)).rejects.toSatisfy(refusedAsImmutable);
    await expect(db.execute(sql`delete from documents where id = ${doc.id}`)).rejects.toSatisfy(refusedAsImmutable);
    const hash = documentContentHash('onsite_record', onsiteRecord.sample);
    const signed = await issue(actors.inspector, onsite({ signatures: [{ role: 'party', name: '周明远', signedAt: new Date(), contentHash: hash, image: samplePng() }] }));
    await expect(db.execute(sql`update document_signatures set signer_name = 'x' where document_id = ${signed.id}`)).rejects.toSatisfy(refusedAsImmutable);
    const [still] = await db.select({ number: documents.number }).from(documents).where(eq(documents.id, doc.id));
    expect(still.number).toBe(doc.number);
  });

  it('a correction is a new document that references the old one; the old one shows as corrected', async () => {
    const old = await issue(actors.inspector, onsite());
    await expect(issue(actors.inspector, onsite({ supersedesId: old.id }))).rejects.toMatchObject({ statusCode: 400, fields: [{ field: 'correctionReason' }] });
    const fixed = await issue(actors.inspector, onsite({ supersedesId: old.id, correctionReason: '检查地点笔误' }));
    expect(fixed.number).not.toBe(old.number);
    await expect(issue(actors.inspector, onsite({ supersedesId: old.id, correctionReason: '再次更正' }))).rejects.toMatchObject({ statusCode: 409 });
    const v = (await anon.get(`/api/public/documents/${old.verifyCode}`)).json();
    expect(v).toMatchObject({ status: 'superseded', supersededBy: { number: fixed.number } });
    expect((await inspector.get(`/api/documents/${fixed.id}`)).json()).toMatchObject({ supersedes: { id: old.id, number: old.number }, correctionReason: '检查地点笔误' });
  });
});

describe('signatures (bound to the content hash; 程序规定 Art. 26–27)', () => {
  const hash = () => documentContentHash('onsite_record', onsiteRecord.sample);
  const sig = (role: 'party' | 'inspector', name: string, over: Record<string, unknown> = {}) =>
    ({ role, name, signedAt: new Date().toISOString(), contentHash: hash(), image: samplePng(300, 120, name.length), ...over });

  it('stores the signatures with their image hashes and puts the images in the signature block', async () => {
    const doc = await issue(actors.inspector, onsite({ signatures: [sig('party', '周明远'), sig('inspector', '王建国'), sig('inspector', '李晓燕')] }));
    const detail = (await inspector.get(`/api/documents/${doc.id}`)).json();
    expect(detail.signatures).toHaveLength(3);
    expect(detail.signatures.find((s: { role: string }) => s.role === 'party')).toMatchObject({ signerName: '周明远', refused: false, contentHash: hash(), imageSha256: sha(samplePng(300, 120, 3)) });
    const docx = (await inspector.get(`/api/documents/${doc.id}/docx`)).rawPayload;
    const xml = new PizZip(docx).file('word/document.xml')!.asText();
    expect((xml.match(/<w:drawing>/g) ?? []).length).toBe(4); // QR + 3 signatures
  });

  it('refuses a signature captured over other content', async () => {
    const other = documentContentHash('onsite_record', { ...onsiteRecord.sample, place: '另一地点' });
    await expect(issue(actors.inspector, onsite({ signatures: [sig('party', '周明远', { contentHash: other })] })))
      .rejects.toMatchObject({ statusCode: 400, fields: [{ field: 'signatures.0', message: expect.stringContaining('签名后内容被修改') }] });
    await expect(issue(actors.inspector, onsite({ signatures: [sig('party', '周明远', { image: Buffer.from('GIF89a not a png at all') })] })))
      .rejects.toMatchObject({ statusCode: 400, fields: [{ message: '签名图片须为 PNG' }] });
  });

  it('records a refusal to sign only with two officers\' signatures, and prints it', async () => {
    const refusal = sig('party', '周明远', { refused: true, image: null, note: '当事人拒绝签名，执法人员王建国、李晓燕见证' });
    await expect(issue(actors.inspector, onsite({ signatures: [refusal, sig('inspector', '王建国')] })))
      .rejects.toMatchObject({ statusCode: 400, fields: [{ message: '当事人拒绝签名的，应由两名执法人员签名并注明情况' }] });
    const doc = await issue(actors.inspector, onsite({ signatures: [refusal, sig('inspector', '王建国'), sig('inspector', '李晓燕')] }));
    const text = docxText((await inspector.get(`/api/documents/${doc.id}/docx`)).rawPayload);
    expect(text).toContain('拒绝签名（当事人拒绝签名，执法人员王建国、李晓燕见证）');
  });
});

describe('no complainant identity in a document addressed to the party (GUIDE §2.4)', () => {
  it('refuses to issue when the rendered text carries a protected name or phone, and the number is not used up', async () => {
    const protectedIdentities = [{ name: '赵举报', phone: '139-1234-5678' }];
    const first = await issue(actors.inspector, onsite({ protectedIdentities }));
    const leaking = { ...onsiteRecord.sample, findings: ['据举报人赵举报反映，该诊所夜间行医。'] };
    await expect(issue(actors.inspector, onsite({ data: leaking, protectedIdentities }))).rejects.toMatchObject({ statusCode: 400, code: 'protected_identity', message: expect.stringContaining('姓名') });
    const phone = { ...onsiteRecord.sample, findings: ['来电 13912345678 反映该诊所夜间行医。'] };
    await expect(issue(actors.inspector, onsite({ data: phone, protectedIdentities }))).rejects.toMatchObject({ code: 'protected_identity', message: expect.stringContaining('电话') });
    const next = await issue(actors.inspector, onsite({ protectedIdentities }));
    expect(next.seq).toBe(first.seq + 1);
  });
});

describe('jurisdiction', () => {
  it('another district sees nothing of it, by list or by id; the unit sees only what is addressed to it', async () => {
    const doc = await issue(actors.inspector, onsite({ caseId: '00000000-0000-4000-8000-0000000000c1', entityId: unitEntityId }));
    const mine = await issue(actors.inspector, onsite({ caseId: '00000000-0000-4000-8000-0000000000c1' }));
    expect((await inspector2.get('/api/documents?caseId=00000000-0000-4000-8000-0000000000c1')).json()).toMatchObject({ total: 0, items: [] });
    for (const path of ['', '/docx', '/pdf']) expect((await inspector2.get(`/api/documents/${doc.id}${path}`)).statusCode).toBe(404);
    expect((await admin.get('/api/documents?caseId=00000000-0000-4000-8000-0000000000c1')).json().total).toBe(2); // the city sees its districts
    const forUnit = (await unit.get('/api/documents?caseId=00000000-0000-4000-8000-0000000000c1')).json();
    expect(forUnit.items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    expect((await unit.get(`/api/documents/${mine.id}`)).statusCode).toBe(404);
    expect((await anon.get('/api/documents')).statusCode).toBe(401);
  });
});

describe('public verification (扫码验真) without login', () => {
  it('answers agency, type, number, date and hash — and no personal data', async () => {
    const hash = documentContentHash('onsite_record', onsiteRecord.sample);
    const doc = await issue(actors.inspector, onsite({ entityId: unitEntityId, signatures: [{ role: 'party', name: '周明远', signedAt: new Date(), contentHash: hash, image: samplePng() }] }));
    const res = await anon.get(`/api/public/documents/${doc.verifyCode.toLowerCase()}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['agency', 'code', 'issuedOn', 'number', 'sha256', 'status', 'supersededBy', 'type']);
    expect(body).toEqual({ code: doc.verifyCode, agency: d1.name, type: '现场笔录', number: doc.number, issuedOn: todayIso(), sha256: doc.sha256, status: 'valid', supersededBy: null });
    for (const secret of ['周明远', '王建国', '32020021001', '0510-85551234', '春晖', '文昌路']) expect(res.body).not.toContain(secret);
    expect((await anon.get('/api/public/documents/ABCDE')).json().message).toBe('验真码格式不正确，请核对后重新输入');
    const unknown = doc.verifyCode === '00000-00000' ? '11111-11111' : '00000-00000';
    expect((await anon.get(`/api/public/documents/${unknown}`)).statusCode).toBe(404);
  });
});

describe('PDF', () => {
  it('prints the same content (pdfkit, npm font), page numbers included', async () => {
    const doc = await issue(actors.inspector, onsite());
    const res = await inspector.get(`/api/documents/${doc.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = flat(pdfText(res.rawPayload));
    for (const s of [d1.name, '现场笔录', `编号：${doc.number}`, '被检查人：澄江市临湖区春晖中医诊所', '医疗废物暂存处未设置警示标识', `验真码：${doc.verifyCode}`, '第1页共']) {
      expect(text).toContain(flat(s));
    }
  });

  it('previews a document without numbering it, with the content hash signatures are taken over', async () => {
    const res = await inspector.post('/api/documents/preview?format=pdf', { type: 'supervision_opinion', agencyId: d1.id, data: supervisionOpinion.sample });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-content-hash']).toBe(documentContentHash('supervision_opinion', supervisionOpinion.sample));
    const text = flat(pdfText(res.rawPayload));
    expect(text).toContain('卫生监督意见书');
    expect(text).toContain('责令你单位于2026年5月26日前改正下列问题');
    expect(text).toContain('（签发时编号）');
  });
});

describe('templates (administrator)', () => {
  const upload = (who: Client, type: string, content: Buffer, name = 'tpl.docx') => who.upload(`/api/document-types/${type}/templates`, name, content);
  const edit = (edit: (xml: string) => string) => {
    const zip = new PizZip(defaultTemplate('onsite_record')!.content);
    zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
    return zip.generate({ type: 'nodebuffer' });
  };

  it('refuses templates that do not render, lose required tags or use unknown ones, naming the problem', async () => {
    const notDocx = await upload(admin, 'onsite_record', Buffer.from('hello'));
    expect(notDocx.statusCode).toBe(400);
    expect(notDocx.json().message).toContain('文件不是有效的 Word 文档（.docx）');
    const noCode = await upload(admin, 'onsite_record', edit((x) => x.replace('{verifyCode}', '')));
    expect(noCode.json().message).toBe('模板未通过校验：缺少必需的字段：{verifyCode}');
    const unknown = await upload(admin, 'onsite_record', edit((x) => x.replace('{partyName}', '{partyName}{partyMood}')));
    expect(unknown.json().message).toContain('有未知的字段：{partyMood}');
    const broken = await upload(admin, 'onsite_record', edit((x) => x.replace('{/findings}', '')));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toMatch(/模板未通过校验：.*循环/);
    expect((await upload(inspector, 'onsite_record', edit((x) => x))).statusCode).toBe(403);
  });

  it('an accepted upload is used for new documents (docx and PDF), versioned and audited; activating the default falls back', async () => {
    const before = await issue(actors.inspector, onsite());
    const mark = '（本市修订格式）';
    const res = await upload(admin, 'onsite_record', edit((x) => x.replace('现场笔录</w:t>', `现场笔录${mark}</w:t>`)), '现场笔录_本市.docx');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().version).toBe(1);
    const custom = await issue(actors.inspector, onsite());
    const customDocx = (await inspector.get(`/api/documents/${custom.id}/docx`)).rawPayload;
    expect(docxText(customDocx)).toContain(`现场笔录${mark}`);
    expect(flat(pdfText((await inspector.get(`/api/documents/${custom.id}/pdf`)).rawPayload))).toContain(flat(`现场笔录${mark}`));
    expect((await inspector.get(`/api/documents/${custom.id}`)).json().templateId).toBe(res.json().id);
    // the document issued before keeps its own file
    expect(docxText((await inspector.get(`/api/documents/${before.id}/docx`)).rawPayload)).not.toContain(mark);

    const versions = (await admin.get('/api/document-types/onsite_record/templates')).json();
    expect(versions).toMatchObject({ items: [{ version: 1, active: true, fileName: '现场笔录_本市.docx' }], effective: { isDefault: false, version: 1 } });
    const download = await admin.get('/api/document-types/onsite_record/template.docx');
    expect(docxText(download.rawPayload)).toContain(mark);

    const back = await admin.post('/api/document-types/onsite_record/templates/activate', { templateId: 'default', reason: '恢复默认格式' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().effective.isDefault).toBe(true);
    const after = await issue(actors.inspector, onsite());
    expect(docxText((await inspector.get(`/api/documents/${after.id}/docx`)).rawPayload)).not.toContain(mark);

    const audits = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.resource, 'document_templates'));
    expect(audits.map((a) => a.action)).toEqual(['upload', 'activate']);
  });

  it('previews a type\'s template with its sample data', async () => {
    const res = await admin.get('/api/document-types/supervision_opinion/sample?format=pdf');
    expect(res.statusCode).toBe(200);
    expect(flat(pdfText(res.rawPayload))).toContain('编号：2026—012');
    const types = (await inspector.get('/api/document-types')).json().items;
    expect(types).toHaveLength(25);
    expect(types.find((x: { code: string }) => x.code === 'penalty_decision')).toMatchObject({ numbering: '文号', example: '澄卫医罚〔2026〕12号', issuable: false });
  });
});
