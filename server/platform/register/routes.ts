import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq, getTableName } from 'drizzle-orm';
import { importJobs } from '../../db/schema/index';
import { requireRole } from '../access';
import { AppError, notFound } from '../errors';
import { sha256Hex } from '../canonical';
import { buildErrorReport, buildExport, buildTemplate, readSheet, SheetError, XLSX_MIME } from '../excel';
import {
  createRecord, getRecord, importRecords, iterateRecords, ListQuery, listRecords, recordHistory, removeRecord, updateRecord,
  type ImportRowError,
} from './service';
import type { RegisterDef } from './types';

const IdParams = z.object({ id: z.string() });
const Body = z.record(z.string(), z.unknown());

function contentDisposition(filename: string) {
  return `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Mount the standard register API: list, detail, create, update, delete/restore, history, Excel. */
export function registerRoutes(app: FastifyInstance, def: RegisterDef) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = `/api/${def.name}`;
  const tags = [def.label];
  const read = { access: { roles: def.access.read } };
  const write = { access: { roles: def.access.write } };

  r.get(base, { config: read, schema: { tags, summary: `${def.label}列表`, querystring: ListQuery } }, async (req) =>
    listRecords(app.db, def, requireRole(req.actor, def.access.read), req.query));

  r.get(`${base}/template.xlsx`, { config: read, schema: { tags, summary: `${def.label}导入模板` } }, async (_req, reply) => {
    reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(`${def.label}导入模板.xlsx`));
    return buildTemplate(def.label, def.excel);
  });

  r.get(`${base}/export.xlsx`, { config: read, schema: { tags, summary: `导出${def.label}（当前筛选条件）`, querystring: ListQuery } }, async (req, reply) => {
    const actor = requireRole(req.actor, def.access.read);
    const buf = await buildExport(def.label, def.excel, iterateRecords(app.db, def, actor, req.query));
    const stamp = new Date().toISOString().slice(0, 10);
    reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(`${def.label}_${stamp}.xlsx`));
    return buf;
  });

  r.post(`${base}/import`, { config: write, schema: { tags, summary: `从 Excel 导入${def.label}（全部成功或全部不导入）` } }, async (req, reply) => {
    const actor = requireRole(req.actor, def.access.write);
    const file = await req.file();
    if (!file) throw new AppError(400, 'no_file', '请选择要导入的 .xlsx 文件');
    const buffer = await file.toBuffer();
    let errors: ImportRowError[] = [];
    let result: Awaited<ReturnType<typeof importRecords>> | null = null;
    try {
      const { rows, missingHeaders } = await readSheet(buffer, def.excel);
      if (missingHeaders.length) {
        errors = missingHeaders.map((h) => ({ row: 1, column: h, message: '缺少必填列（请使用导入模板）' }));
      } else if (rows.length === 0) {
        throw new AppError(400, 'empty_file', '文件中没有可导入的数据行');
      } else {
        const parsed = rows.map(({ row, cells }) => {
          const input: Record<string, unknown> = {};
          for (const col of def.excel) {
            const text = cells[col.key];
            if (text === undefined) continue;
            try {
              input[col.key] = col.parse ? col.parse(text) : text;
            } catch (err) {
              errors.push({ row, column: col.header, message: (err as Error).message });
            }
          }
          return { row, input: def.importTransform ? def.importTransform(input) : input };
        });
        // Rows with unreadable cells are still validated (to report everything at once) but then nothing is applied.
        const bad = new Set(errors.map((e) => e.row));
        const good = parsed.filter((p) => !bad.has(p.row));
        result = await importRecords(app.db, def, actor, def.importGroup ? def.importGroup(good) : good, { validateOnly: errors.length > 0 });
        if (!result.ok) errors = [...errors, ...result.errors].sort((a, b) => a.row - b.row);
      }
    } catch (err) {
      if (err instanceof SheetError) throw new AppError(400, 'bad_file', err.message);
      throw err;
    }
    const [job] = await app.db.insert(importJobs).values({
      userId: actor.userId, register: def.name, filename: file.filename?.slice(0, 255), fileSha256: sha256Hex(buffer),
      status: errors.length ? 'rejected' : 'applied',
      totalRows: result?.total ?? 0, created: result?.ok ? result.created : 0, updated: result?.ok ? result.updated : 0,
      errors,
    }).returning({ id: importJobs.id });
    if (errors.length) {
      return reply.status(422).send({
        error: 'import_invalid',
        message: `导入失败：共 ${errors.length} 处错误，所有数据均未导入。请下载错误报告，修改后重新上传。`,
        errorCount: errors.length,
        errors: errors.slice(0, 500),
        reportUrl: `/api/import-jobs/${job.id}/report.xlsx`,
      });
    }
    // PGlite never auto-analyzes: refresh planner statistics after a bulk load.
    if (result!.ok && result!.created + result!.updated >= 1000) await app.database.analyze(getTableName(def.table));
    return { ok: true, jobId: job.id, total: result!.total, created: result!.ok ? result!.created : 0, updated: result!.ok ? result!.updated : 0 };
  });

  r.get(`${base}/:id`, { config: read, schema: { tags, summary: `${def.label}详情`, params: IdParams } }, async (req) =>
    getRecord(app.db, def, requireRole(req.actor, def.access.read), req.params.id));

  r.get(`${base}/:id/history`, { config: read, schema: { tags, summary: `${def.label}变更历史`, params: IdParams } }, async (req) =>
    ({ items: await recordHistory(app.db, def, requireRole(req.actor, def.access.read), req.params.id) }));

  r.post(base, { config: write, schema: { tags, summary: `新增${def.label}`, body: Body } }, async (req, reply) => {
    const created = await createRecord(app.db, def, requireRole(req.actor, def.access.write), req.body);
    return reply.status(201).send(created);
  });

  r.put(`${base}/:id`, { config: write, schema: { tags, summary: `修改${def.label}（需提交 version）`, params: IdParams, body: Body } }, async (req) =>
    updateRecord(app.db, def, requireRole(req.actor, def.access.write), req.params.id, req.body));

  r.delete(`${base}/:id`, { config: { access: { roles: def.access.remove } }, schema: { tags, summary: `删除${def.label}（记录状态变更，不物理删除）`, params: IdParams, body: Body } }, async (req) =>
    removeRecord(app.db, def, requireRole(req.actor, def.access.remove), req.params.id, req.body));

  r.post(`${base}/:id/restore`, { config: { access: { roles: def.access.remove } }, schema: { tags, summary: `恢复已删除的${def.label}`, params: IdParams, body: Body } }, async (req) =>
    removeRecord(app.db, def, requireRole(req.actor, def.access.remove), req.params.id, req.body, true));
}

/** Download the error report of a refused import (only its author). */
export function importJobRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/import-jobs/:id/report.xlsx', { config: { access: { roles: 'any' } }, schema: { tags: ['导入'], summary: '下载导入错误报告', params: IdParams } }, async (req, reply) => {
    const actor = requireRole(req.actor, 'any');
    if (!z.uuid().safeParse(req.params.id).success) throw notFound('导入记录');
    const [job] = await app.db.select().from(importJobs).where(eq(importJobs.id, req.params.id));
    if (!job || job.userId !== actor.userId) throw notFound('导入记录');
    reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(`导入错误报告_${job.register}.xlsx`));
    return buildErrorReport(job.filename ?? '导入文件', job.errors as ImportRowError[]);
  });
}
