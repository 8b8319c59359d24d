/**
 * Document endpoints: the issued documents of the jurisdiction (list, detail, .docx, PDF), preview before
 * issuing, the catalogue, the administrators' template management, and the public verification (扫码验真).
 * Issuing itself is a function (service.ts issueDocument) that inspections and cases call in their own
 * transactions.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../access';
import { AppError, invalid } from '../errors';
import { STAFF_ROLES, type Role } from '../roles';
import { DOCUMENT_TYPES, documentType, isIssuable, MAPPINGS } from './catalogue';
import { COMMON_FIELDS } from './mapping';
import { formatDocumentNumber } from './numbering';
import { docxToPdf } from './pdf';
import { renderDocx } from './render';
import { ActivateInput, DocumentQuery, PreviewInput, signatureFromJson } from './schema';
import {
  configureDocuments, documentDocx, documentPdf, getDocument, listDocuments, previewDocument, verifyDocument,
} from './service';
import {
  activateTemplate, defaultTemplate, effectiveTemplate, MAX_TEMPLATE_BYTES, templateContent, templateVersions, uploadTemplate,
} from './templates';
import { sampleView } from './view';

const tags = ['执法文书'];
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const READERS: Role[] = [...STAFF_ROLES, 'unit'];
const WRITERS: Role[] = ['admin', 'head', 'chief', 'legal', 'inspector'];
const ADMIN: Role[] = ['admin'];
const IdParams = z.object({ id: z.string() });
const TypeParams = z.object({ type: z.string() });

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const inline = (name: string) => `inline; filename*=UTF-8''${encodeURIComponent(name)}`;
const sendDocx = (reply: FastifyReply, name: string, content: Buffer) =>
  reply.header('content-type', DOCX_MIME).header('content-disposition', attachment(name)).send(content);
const sendPdf = (reply: FastifyReply, name: string, content: Buffer) =>
  reply.header('content-type', 'application/pdf').header('content-disposition', inline(name)).send(content);

function issuableType(code: string) {
  const t = documentType(code);
  if (!t || !isIssuable(code)) throw new AppError(404, 'not_found', '文书类型不存在或尚无模板');
  return t;
}

export async function documentRoutes(app: FastifyInstance) {
  configureDocuments({ publicUrl: app.config.publicUrl });
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- catalogue ----
  r.get('/api/document-types', { config: { access: { roles: STAFF_ROLES } }, schema: { tags, summary: '文书种类（编号方式、是否送达当事人、模板字段说明）' } }, async () => ({
    items: DOCUMENT_TYPES.map((t) => ({
      code: t.code, name: t.name, group: t.group, addressedToParty: t.addressedToParty,
      numbering: t.numbering.form === 'wenhao' ? '文号' : '编号',
      example: formatDocumentNumber({ numbering: t.numbering, docPrefix: '澄卫', category: '医', year: 2026, seq: 12 }),
      issuable: isIssuable(t.code),
      fields: isIssuable(t.code) ? [...COMMON_FIELDS, ...MAPPINGS[t.code].fields] : [],
    })),
  }));

  // ---- issued documents ----
  r.get('/api/documents', { config: { access: { roles: READERS } }, schema: { tags, summary: '文书列表（按检查、案件、当事人、种类筛选）', querystring: DocumentQuery } },
    async (req) => listDocuments(app.db, requireRole(req.actor, READERS), req.query));

  r.get('/api/documents/:id', { config: { access: { roles: READERS } }, schema: { tags, summary: '文书详情（签发信息、哈希、签名）', params: IdParams } },
    async (req) => getDocument(app.db, requireRole(req.actor, READERS), req.params.id));

  r.get('/api/documents/:id/docx', { config: { access: { roles: READERS } }, schema: { tags, summary: '下载文书（.docx，签发时生成的原文件）', params: IdParams } },
    async (req, reply) => {
      const f = await documentDocx(app.db, requireRole(req.actor, READERS), req.params.id);
      return sendDocx(reply.header('x-content-sha256', f.sha256), f.name, f.content);
    });

  r.get('/api/documents/:id/pdf', { config: { access: { roles: READERS } }, schema: { tags, summary: '文书 PDF（由 .docx 生成，可直接打印）', params: IdParams } },
    async (req, reply) => {
      const f = await documentPdf(app.db, requireRole(req.actor, READERS), req.params.id);
      return sendPdf(reply, f.name, f.content);
    });

  r.post('/api/documents/preview', {
    config: { access: { roles: WRITERS } },
    schema: { tags, summary: '预览文书（不编号、不保存；响应头 x-content-hash 为签名所依据的内容哈希）', body: PreviewInput, querystring: z.object({ format: z.enum(['pdf', 'docx']).default('pdf') }) },
  }, async (req, reply) => {
    const actor = requireRole(req.actor, WRITERS);
    const { contentHash, docx } = await previewDocument(app.db, actor, { ...req.body, signatures: req.body.signatures?.map(signatureFromJson) });
    reply.header('x-content-hash', contentHash);
    const name = `${documentType(req.body.type)?.name ?? '文书'}_预览`;
    return req.query.format === 'docx' ? sendDocx(reply, `${name}.docx`, docx) : sendPdf(reply, `${name}.pdf`, await docxToPdf(docx));
  });

  // ---- templates (administrators) ----
  const admin = { access: { roles: ADMIN } };
  r.get('/api/document-types/:type/templates', { config: admin, schema: { tags, summary: '模板版本（本辖区）与当前使用的模板', params: TypeParams } },
    async (req) => templateVersions(app.db, requireRole(req.actor, ADMIN), req.params.type));

  r.get('/api/document-types/:type/template.docx', { config: admin, schema: { tags, summary: '下载当前使用的模板（在 Word/WPS 中修改后上传）', params: TypeParams } },
    async (req, reply) => {
      const actor = requireRole(req.actor, ADMIN);
      const t = issuableType(req.params.type);
      const eff = await effectiveTemplate(app.db, t.code, actor.regionCode);
      return sendDocx(reply, `${t.name}_模板${eff.version ? `_v${eff.version}` : '_默认'}.docx`, Buffer.from(eff.content));
    });

  r.get('/api/document-types/:type/default.docx', { config: admin, schema: { tags, summary: '下载系统默认模板', params: TypeParams } },
    async (req, reply) => {
      requireRole(req.actor, ADMIN);
      const t = issuableType(req.params.type);
      return sendDocx(reply, `${t.name}_默认模板.docx`, defaultTemplate(t.code)!.content);
    });

  r.get('/api/document-types/:type/templates/:id/file', { config: admin, schema: { tags, summary: '下载某一版本的模板', params: TypeParams.extend({ id: z.uuid() }) } },
    async (req, reply) => {
      const t = issuableType(req.params.type);
      const row = await templateContent(app.db, requireRole(req.actor, ADMIN), t.code, req.params.id);
      return sendDocx(reply, `${t.name}_模板_v${row.version}.docx`, Buffer.from(row.content));
    });

  r.post('/api/document-types/:type/templates', {
    config: admin, schema: { tags, summary: '上传模板（multipart：file，可选 note）；须能以示例数据填充并生成 PDF，成为本辖区的新版本', params: TypeParams },
  }, async (req, reply) => {
    const actor = requireRole(req.actor, ADMIN);
    const t = issuableType(req.params.type);
    let content: Buffer | null = null;
    let name = `${t.name}.docx`;
    let note: string | null = null;
    try {
      for await (const part of req.parts({ limits: { fileSize: MAX_TEMPLATE_BYTES, files: 1, fields: 5 } })) {
        if (part.type === 'file') {
          content = await part.toBuffer();
          name = part.filename || name;
          if (part.file.truncated) throw invalid([{ field: 'file', label: '模板文件', message: `文件不能超过 ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB` }]);
        } else if (part.fieldname === 'note') note = String(part.value).trim().slice(0, 500) || null;
      }
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw invalid([{ field: 'file', label: '模板文件', message: `文件不能超过 ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB` }]);
      }
      throw e;
    }
    if (!content?.length) throw invalid([{ field: 'file', label: '模板文件', message: '请选择 .docx 模板文件' }]);
    return reply.status(201).send(await uploadTemplate(app.db, actor, t.code, { name, content }, note));
  });

  r.post('/api/document-types/:type/templates/activate', {
    config: admin, schema: { tags, summary: '启用某一版本或恢复系统默认模板（templateId = "default"）', params: TypeParams, body: ActivateInput },
  }, async (req) => {
    const actor = requireRole(req.actor, ADMIN);
    const t = issuableType(req.params.type);
    await activateTemplate(app.db, actor, t.code, req.body.templateId, req.body.reason ?? null);
    return templateVersions(app.db, actor, t.code);
  });

  r.get('/api/document-types/:type/sample', {
    config: admin,
    schema: { tags, summary: '以示例数据预览模板（PDF 或 .docx；可指定版本）', params: TypeParams, querystring: z.object({ format: z.enum(['pdf', 'docx']).default('pdf'), templateId: z.uuid().optional() }) },
  }, async (req, reply) => {
    const actor = requireRole(req.actor, ADMIN);
    const t = issuableType(req.params.type);
    const content = req.query.templateId
      ? (await templateContent(app.db, actor, t.code, req.query.templateId)).content
      : (await effectiveTemplate(app.db, t.code, actor.regionCode)).content;
    const { docx } = renderDocx(content, await sampleView(t.code));
    return req.query.format === 'docx' ? sendDocx(reply, `${t.name}_示例.docx`, docx) : sendPdf(reply, `${t.name}_示例.pdf`, await docxToPdf(docx));
  });

  // ---- public verification ----
  const max = app.config.publicRatePerMinute;
  r.get('/api/public/documents/:code', {
    config: { access: { public: true }, rateLimit: { max: Math.max(60, max * 6), timeWindow: '1 minute' } },
    schema: { tags: ['公开：文书验真'], summary: '文书验真：签发机关、文书种类、文号、签发日期、文件哈希（不含个人信息）', params: z.object({ code: z.string().max(32) }) },
  }, async (req) => verifyDocument(app.db, req.params.code));
}
