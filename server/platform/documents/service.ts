/**
 * The document service (执法文书): issuing numbered, immutable documents inside the caller's transaction,
 * listing and reading them within the jurisdiction, their .docx and PDF, and the public verification.
 *
 *   await db.transaction(async (tx) => {
 *     … the inspection's or case's own change …
 *     const doc = await issueDocument(tx, actor, { type: 'onsite_record', agencyId, data, inspectionId, signatures });
 *   });
 *
 * Numbers are gap-free per agency, type, 执法类别 and year: the counter row is incremented in the issuing
 * transaction and stays locked until it commits, so concurrent issues queue and a rolled-back issue frees
 * its number. The row written is never changed (a trigger refuses UPDATE and DELETE); a correction is a new
 * document with `supersedesId`.
 */
import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { agencies, documentCounters, documents, documentSignatures } from '../../db/schema/index';
import { canWriteRegion, isUnitOnly, scopeWhere, type Actor } from '../access';
import { recordAudit } from '../audit';
import { sha256Hex } from '../canonical';
import { todayIso } from '../dates';
import { AppError, forbidden, invalid, notFound, zodToFieldErrors, type FieldError } from '../errors';
import { documentType, isIssuable, MAPPINGS, typeName } from './catalogue';
import { normalizeVerifyCode, verifyCodeFrom } from './codes';
import { canonicalContent } from './content';
import { docxText } from './docx-model';
import { isPng } from './images';
import { CATEGORY_CHARS, counterCategory, enforcementCategoryOf, formatDocumentNumber } from './numbering';
import { docxToPdf } from './pdf';
import { renderDocx } from './render';
import { effectiveTemplate } from './templates';
import { commonView, qrPng, type ViewSignature } from './view';

// ---------------------------------------------------------------------------------------------------
// Settings

let publicUrl = (process.env.WEIJIAN_PUBLIC_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
/** Set by the routes plugin from the app's Config (WEIJIAN_PUBLIC_URL): where the QR codes point. */
export const configureDocuments = (opts: { publicUrl: string }) => { publicUrl = opts.publicUrl.replace(/\/+$/, ''); };
export const verifyPageUrl = (code?: string) => `${publicUrl}/public/documents${code ? `/${code}` : ''}`;

// ---------------------------------------------------------------------------------------------------
// Issuing

export type SignatureRole = 'party' | 'inspector' | 'recorder' | 'witness';

export interface SignatureInput {
  role: SignatureRole;
  name: string;
  /** When the signer signed (on the phone, possibly offline). */
  signedAt: string | Date;
  /** The content hash the signer was shown (documentContentHash of the same type and data). */
  contentHash: string;
  /** PNG image of the signature; omitted when refused. */
  image?: Uint8Array | null;
  /** The party refused to sign (卫生健康行政处罚程序规定 Art. 26–27): the document says so. */
  refused?: boolean;
  note?: string | null;
}

export interface IssueInput {
  /** Type code from the catalogue, e.g. 'onsite_record'. */
  type: string;
  /** The issuing agency: its name heads the document, its docPrefix (地区简称+卫) starts a 文号. */
  agencyId: string;
  /** The type's data (validated by its schema; what the content hash covers). */
  data: unknown;
  /** 执法类别 of a 文号: a character (医, 公 …) or the unit's register category code (medical.clinic). */
  category?: string | null;
  inspectionId?: string | null;
  caseId?: string | null;
  /** The party's unit in the register (its account then reads the documents addressed to it). */
  entityId?: string | null;
  signatures?: readonly SignatureInput[];
  /** A correction: the document this one replaces, and why. */
  supersedesId?: string | null;
  correctionReason?: string | null;
  /**
   * Identities that must not appear in a document addressed to the party — a case passes the complainants of
   * its complaints. Issuing fails (and frees the number) when the rendered text contains any name, phone or
   * ID number given here.
   */
  protectedIdentities?: readonly { name?: string | null; phone?: string | null; idNumber?: string | null }[];
}

export interface IssuedDocument {
  id: string;
  type: string;
  typeName: string;
  number: string;
  year: number;
  seq: number;
  issuedOn: string;
  agencyId: string;
  agencyName: string;
  contentHash: string;
  sha256: string;
  verifyCode: string;
  verifyUrl: string;
  docxSize: number;
}

/** SHA-256 of the canonical {type, data} after the type's schema: what signatures bind to. */
export function documentContentHash(type: string, data: unknown): string {
  const m = MAPPINGS[type];
  if (!m) throw new AppError(400, 'unknown_type', `未知或尚不能签发的文书类型：${type}`);
  const parsed = m.schema.safeParse(data);
  if (!parsed.success) throw invalid(prefixed(zodToFieldErrors(parsed.error)));
  return sha256Hex(canonicalContent(type, parsed.data));
}

const prefixed = (errors: FieldError[]) => errors.map((e) => ({ ...e, field: `data.${e.field}` }));
const MAX_SIGNATURE_BYTES = 512 * 1024;
const ROLES: readonly SignatureRole[] = ['party', 'inspector', 'recorder', 'witness'];

function checkSignatures(sigs: readonly SignatureInput[], contentHash: string): FieldError[] {
  const errors: FieldError[] = [];
  const f = (i: number, message: string) => errors.push({ field: `signatures.${i}`, label: '签名', message });
  sigs.forEach((s, i) => {
    if (!ROLES.includes(s.role)) f(i, `未知的签名人角色：${s.role}`);
    if (!s.name?.trim()) f(i, '请填写签名人姓名');
    if (Number.isNaN(new Date(s.signedAt).getTime())) f(i, '签名时间无效');
    if (s.contentHash !== contentHash) f(i, `${s.name || '签名人'}的签名所对应的文书内容与签发内容不一致（签名后内容被修改，请重新签名）`);
    if (s.refused) {
      if (s.role !== 'party') f(i, '只有当事人可以记录为拒绝签名');
      if (s.image) f(i, '拒绝签名时不应附签名图片');
    } else if (!s.image) f(i, `请附${s.name || '签名人'}的签名图片`);
    else if (!isPng(s.image)) f(i, '签名图片须为 PNG');
    else if (s.image.length > MAX_SIGNATURE_BYTES) f(i, '签名图片不能超过 512 KB');
  });
  if (sigs.filter((s) => s.role === 'party').length > 1) errors.push({ field: 'signatures', label: '签名', message: '当事人签名只能有一个' });
  // 程序规定 Art. 27: when the party refuses, the officers (at least two) sign and note the refusal
  if (sigs.some((s) => s.role === 'party' && s.refused) && sigs.filter((s) => s.role === 'inspector' && !s.refused).length < 2) {
    errors.push({ field: 'signatures', label: '签名', message: '当事人拒绝签名的，应由两名执法人员签名并注明情况' });
  }
  return errors;
}

/** Names, phones and ID numbers of `ids` found in `text` (phones and ID numbers compared by their digits). */
export function identitiesIn(text: string, ids: IssueInput['protectedIdentities'] = []): string[] {
  const found: string[] = [];
  const digits = text.replace(/[^0-9Xx]/g, '');
  for (const p of ids ?? []) {
    if (p.name && p.name.trim().length >= 2 && text.includes(p.name.trim())) found.push('姓名');
    const phone = p.phone?.replace(/\D/g, '');
    if (phone && phone.length >= 7 && digits.includes(phone)) found.push('电话');
    const idn = p.idNumber?.replace(/[^0-9Xx]/g, '');
    if (idn && idn.length >= 15 && digits.toUpperCase().includes(idn.toUpperCase())) found.push('身份证号');
  }
  return [...new Set(found)];
}

/**
 * Issue a document inside the caller's transaction: validate, number, render, store, audit. The caller has
 * authorised the work it belongs to; here the actor must be able to write in the issuing agency's region.
 */
export async function issueDocument(tx: Db, actor: Actor, input: IssueInput): Promise<IssuedDocument> {
  const type = documentType(input.type);
  if (!type || !isIssuable(input.type)) throw new AppError(400, 'unknown_type', `未知或尚不能签发的文书类型：${input.type}`);
  const mapping = MAPPINGS[type.code];
  const parsed = mapping.schema.safeParse(input.data);
  if (!parsed.success) throw invalid(prefixed(zodToFieldErrors(parsed.error)));
  const data = parsed.data;
  const contentHash = sha256Hex(canonicalContent(type.code, data));
  const signatures = input.signatures ?? [];
  const sigErrors = checkSignatures(signatures, contentHash);
  if (sigErrors.length) throw invalid(sigErrors);

  const [agency] = await tx.select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode, docPrefix: agencies.docPrefix })
    .from(agencies).where(and(eq(agencies.id, input.agencyId), eq(agencies.recordStatus, 'active')));
  if (!agency) throw invalid([{ field: 'agencyId', label: '签发机关', message: '签发机关不存在或已停用' }]);
  if (!canWriteRegion(actor, agency.regionCode)) throw forbidden('只能以本机构或下级机构的名义签发文书');

  let category = '';
  if (type.numbering.form === 'wenhao') {
    const c = input.category ?? '';
    category = CATEGORY_CHARS.includes(c) ? c : (enforcementCategoryOf(c) ?? '');
    if (!category) throw invalid([{ field: 'category', label: '执法类别', message: `${type.name}的文号须有执法类别（${CATEGORY_CHARS.join('、')}）` }]);
  }
  category = counterCategory(type.numbering, category);

  if (input.supersedesId) {
    if (!input.correctionReason?.trim()) throw invalid([{ field: 'correctionReason', label: '更正理由', message: '请填写更正理由' }]);
    const [old] = await tx.select({ id: documents.id, type: documents.type, agencyId: documents.agencyId })
      .from(documents).where(and(eq(documents.id, input.supersedesId), scopeWhere(actor, { region: documents.regionCode }, 'write')));
    if (!old) throw invalid([{ field: 'supersedesId', label: '被更正的文书', message: '被更正的文书不存在或不在本辖区' }]);
    if (old.type !== type.code) throw invalid([{ field: 'supersedesId', label: '被更正的文书', message: '更正文书须与原文书种类相同' }]);
    const [already] = await tx.select({ number: documents.number }).from(documents).where(eq(documents.supersedesId, old.id));
    if (already) throw new AppError(409, 'already_corrected', `该文书已由 ${already.number} 更正，请更正最新的文书`);
  }

  const template = await effectiveTemplate(tx, type.code, agency.regionCode);
  const verifyCode = verifyCodeFrom(randomBytes(9));
  const verifyUrl = verifyPageUrl(verifyCode);
  const qr = await qrPng(verifyUrl);
  const issuedOn = todayIso();
  const year = Number(issuedOn.slice(0, 4));
  const viewSigs: ViewSignature[] = signatures.map((s) => ({
    role: s.role, name: s.name.trim(), signedAt: new Date(s.signedAt), refused: Boolean(s.refused), note: s.note ?? null, image: s.image ?? null,
  }));

  // The number: the counter row stays locked until this transaction ends (commit keeps it, rollback frees it).
  const [{ seq }] = await tx.insert(documentCounters).values({ agencyId: agency.id, type: type.code, category, year, lastSeq: 1 })
    .onConflictDoUpdate({
      target: [documentCounters.agencyId, documentCounters.type, documentCounters.category, documentCounters.year],
      set: { lastSeq: sql`${documentCounters.lastSeq} + 1` },
    }).returning({ seq: documentCounters.lastSeq });
  const number = formatDocumentNumber({ numbering: type.numbering, docPrefix: agency.docPrefix, category, year, seq });

  const view = {
    ...commonView({ agencyName: agency.name, title: type.name, number, numbering: type.numbering, issuedOn, verifyCode, verifyUrl: verifyPageUrl(), qr, signatures: viewSigs }),
    ...mapping.view(data),
  };
  const { docx } = renderDocx(template.content, view);
  if (type.addressedToParty && input.protectedIdentities?.length) {
    const leaked = identitiesIn(docxText(docx), input.protectedIdentities);
    if (leaked.length) {
      throw new AppError(400, 'protected_identity', `文书将送达当事人，不得载有投诉举报人的${leaked.join('、')}，请修改文书内容`);
    }
  }
  const sha256 = sha256Hex(docx);
  const partyName = mapping.partyName(data);

  const [row] = await tx.insert(documents).values({
    regionCode: agency.regionCode, agencyId: agency.id, agencyName: agency.name, type: type.code, category, year, seq, number,
    inspectionId: input.inspectionId ?? null, caseId: input.caseId ?? null, entityId: input.entityId ?? null,
    partyName: partyName?.slice(0, 200) ?? null, addressedToParty: type.addressedToParty, issuedOn, issuedBy: actor.userId,
    issuedByName: actor.displayName, data, contentHash, templateId: template.id, templateSha256: template.sha256,
    docx, docxSize: docx.length, sha256, verifyCode, supersedesId: input.supersedesId ?? null,
    correctionReason: input.supersedesId ? input.correctionReason!.trim() : null,
  }).returning({ id: documents.id });
  if (viewSigs.length) {
    await tx.insert(documentSignatures).values(viewSigs.map((s) => ({
      documentId: row.id, role: s.role, signerName: s.name.slice(0, 64), signedAt: s.signedAt, contentHash, refused: s.refused,
      note: s.note, image: s.image, imageSha256: s.image ? sha256Hex(Buffer.from(s.image)) : null,
    })));
  }
  await recordAudit(tx, actor, {
    action: input.supersedesId ? 'correct' : 'issue', resource: 'documents', resourceId: row.id, regionCode: agency.regionCode,
    after: {
      type: type.code, number, issuedOn, sha256, contentHash, verifyCode, templateSha256: template.sha256,
      inspectionId: input.inspectionId ?? null, caseId: input.caseId ?? null, supersedesId: input.supersedesId ?? null,
      signatures: viewSigs.map((s) => ({ role: s.role, refused: s.refused, imageSha256: s.image ? sha256Hex(Buffer.from(s.image)) : null })),
    },
    reason: input.supersedesId ? input.correctionReason!.trim() : null,
  });
  return {
    id: row.id, type: type.code, typeName: type.name, number, year, seq, issuedOn, agencyId: agency.id, agencyName: agency.name,
    contentHash, sha256, verifyCode, verifyUrl, docxSize: docx.length,
  };
}

/** Render a document without numbering or storing it (preview before signing or issuing). */
export async function previewDocument(db: Db, actor: Actor, input: Pick<IssueInput, 'type' | 'agencyId' | 'data' | 'signatures'>) {
  const type = documentType(input.type);
  if (!type || !isIssuable(input.type)) throw new AppError(400, 'unknown_type', `未知或尚不能签发的文书类型：${input.type}`);
  const mapping = MAPPINGS[type.code];
  const parsed = mapping.schema.safeParse(input.data);
  if (!parsed.success) throw invalid(prefixed(zodToFieldErrors(parsed.error)));
  const [agency] = await db.select({ name: agencies.name, regionCode: agencies.regionCode }).from(agencies)
    .where(and(eq(agencies.id, input.agencyId), scopeWhere(actor, { region: agencies.regionCode }, 'read')));
  if (!agency) throw invalid([{ field: 'agencyId', label: '签发机关', message: '签发机关不存在或不在本辖区' }]);
  const template = await effectiveTemplate(db, type.code, agency.regionCode);
  const contentHash = sha256Hex(canonicalContent(type.code, parsed.data));
  const view = {
    ...commonView({
      agencyName: agency.name, title: type.name, number: '（签发时编号）', numbering: { form: 'wenhao', nature: '' }, issuedOn: todayIso(),
      verifyCode: '（签发时生成）', verifyUrl: verifyPageUrl(), qr: await qrPng(verifyPageUrl()),
      signatures: (input.signatures ?? []).map((s) => ({ role: s.role, name: s.name, signedAt: new Date(s.signedAt), refused: Boolean(s.refused), note: s.note ?? null, image: s.image ?? null })),
    }),
    ...mapping.view(parsed.data),
  };
  return { contentHash, docx: renderDocx(template.content, view).docx };
}

// ---------------------------------------------------------------------------------------------------
// Reading

const superseding = alias(documents, 'superseding');

/** Staff: the jurisdiction of the issuing agency. A unit's account: the documents addressed to its unit. */
function readScope(actor: Actor): SQL {
  const scope = scopeWhere(actor, { region: documents.regionCode, entity: documents.entityId }, 'read');
  return isUnitOnly(actor) ? and(scope, eq(documents.addressedToParty, true))! : scope;
}

const listColumns = {
  id: documents.id, type: documents.type, number: documents.number, agencyId: documents.agencyId, agencyName: documents.agencyName,
  partyName: documents.partyName, issuedOn: documents.issuedOn, issuedAt: documents.issuedAt, issuedByName: documents.issuedByName,
  inspectionId: documents.inspectionId, caseId: documents.caseId, entityId: documents.entityId, sha256: documents.sha256,
  verifyCode: documents.verifyCode, docxSize: documents.docxSize, supersedesId: documents.supersedesId,
  supersededById: superseding.id, supersededByNumber: superseding.number,
};

type ListRow = { [K in keyof typeof listColumns]: unknown } & { type: string };
const present = <T extends ListRow>(r: T) => ({ ...r, typeName: typeName(r.type), status: r.supersededById ? 'superseded' : 'valid' });

export interface DocumentQuery {
  inspectionId?: string;
  caseId?: string;
  entityId?: string;
  type?: string;
  page?: number;
  pageSize?: number;
}

export async function listDocuments(db: Db, actor: Actor, q: DocumentQuery) {
  const conds: (SQL | undefined)[] = [readScope(actor)];
  if (q.inspectionId) conds.push(eq(documents.inspectionId, q.inspectionId));
  if (q.caseId) conds.push(eq(documents.caseId, q.caseId));
  if (q.entityId) conds.push(eq(documents.entityId, q.entityId));
  if (q.type) conds.push(eq(documents.type, q.type));
  const where = and(...conds);
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(200, Math.max(1, q.pageSize ?? 50));
  const [items, [{ total }]] = await Promise.all([
    db.select(listColumns).from(documents).leftJoin(superseding, eq(superseding.supersedesId, documents.id))
      .where(where).orderBy(desc(documents.issuedAt), desc(documents.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ total: count() }).from(documents).where(where),
  ]);
  return { items: items.map(present), total: Number(total), page, pageSize };
}

async function loadReadable(db: Db, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('文书');
  const [row] = await db.select({ ...listColumns, contentHash: documents.contentHash, data: documents.data, templateId: documents.templateId,
    templateSha256: documents.templateSha256, correctionReason: documents.correctionReason, addressedToParty: documents.addressedToParty,
    issuedBy: documents.issuedBy, year: documents.year, seq: documents.seq, category: documents.category })
    .from(documents).leftJoin(superseding, eq(superseding.supersedesId, documents.id))
    .where(and(eq(documents.id, id), readScope(actor)));
  if (!row) throw notFound('文书');
  return row;
}

export async function getDocument(db: Db, actor: Actor, id: string) {
  const row = await loadReadable(db, actor, id);
  const sigs = await db.select({
    id: documentSignatures.id, role: documentSignatures.role, signerName: documentSignatures.signerName, signedAt: documentSignatures.signedAt,
    refused: documentSignatures.refused, note: documentSignatures.note, imageSha256: documentSignatures.imageSha256, contentHash: documentSignatures.contentHash,
  }).from(documentSignatures).where(eq(documentSignatures.documentId, id));
  const [supersedes] = row.supersedesId
    ? await db.select({ id: documents.id, number: documents.number }).from(documents).where(eq(documents.id, row.supersedesId))
    : [];
  return { ...present(row), signatures: sigs, supersedes: supersedes ?? null, verifyUrl: verifyPageUrl(row.verifyCode) };
}

const fileName = (r: { type: string; number: string }, ext: string) => `${typeName(r.type)}_${r.number}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');

export async function documentDocx(db: Db, actor: Actor, id: string) {
  const row = await loadReadable(db, actor, id);
  const [{ docx }] = await db.select({ docx: documents.docx }).from(documents).where(eq(documents.id, id));
  return { content: Buffer.from(docx), name: fileName(row, 'docx'), sha256: row.sha256 };
}

/** PDFs are drawn from the stored .docx on demand; the last few are kept in memory by the file's hash. */
const pdfCache = new Map<string, Buffer>();
export async function documentPdf(db: Db, actor: Actor, id: string) {
  const { content, name, sha256 } = await documentDocx(db, actor, id);
  let pdf = pdfCache.get(sha256);
  if (!pdf) {
    pdf = await docxToPdf(content, { title: name.replace(/\.docx$/, '') });
    pdfCache.set(sha256, pdf);
    if (pdfCache.size > 32) pdfCache.delete(pdfCache.keys().next().value!);
  }
  return { content: pdf, name: name.replace(/\.docx$/, '.pdf') };
}

// ---------------------------------------------------------------------------------------------------
// Public verification (扫码验真): no personal data — agency, type, number, date, file hash, and whether a
// later document corrected it.

export async function verifyDocument(db: Db, code: string) {
  const normalized = normalizeVerifyCode(code);
  if (!normalized) throw new AppError(404, 'not_found', '验真码格式不正确，请核对后重新输入');
  const [row] = await db.select({
    agency: documents.agencyName, type: documents.type, number: documents.number, issuedOn: documents.issuedOn, sha256: documents.sha256,
    supersededByNumber: superseding.number, supersededOn: superseding.issuedOn,
  }).from(documents).leftJoin(superseding, eq(superseding.supersedesId, documents.id)).where(eq(documents.verifyCode, normalized));
  if (!row) throw new AppError(404, 'not_found', '未查到该验真码对应的文书，请核对验真码；如仍有疑问，请联系签发机关');
  return {
    code: normalized, agency: row.agency, type: typeName(row.type), number: row.number, issuedOn: row.issuedOn, sha256: row.sha256,
    status: row.supersededByNumber ? 'superseded' as const : 'valid' as const,
    supersededBy: row.supersededByNumber ? { number: row.supersededByNumber, issuedOn: row.supersededOn } : null,
  };
}
