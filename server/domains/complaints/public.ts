/**
 * Public intake and tracking of complaints — no login. What a citizen can see is the status, the public
 * text of each step and the reply: never internal notes, handler names or anyone's identity.
 *
 * Reliability: rate-limited per client (config.publicRatePerMinute, WEIJIAN_PUBLIC_RATE, submissions per minute and IP, default 10;
 * six times as many look-ups, at least 60), JSON bodies ≤ 32 KB, at most 6 photos of ≤ 5 MB recognised as images by
 * their bytes; the complaint is stored in one transaction before the tracking code is answered.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, asc, eq, gte, inArray, like, sql } from 'drizzle-orm';
import { complaintEvents, complaints, regions } from '../../db/schema/index';
import { AppError, invalid, notFound } from '../../platform/errors';
import { normalizeTrackingCode, imageType, PHOTO_LIMITS } from './rules';
import { agencyList, registerComplaint, searchUnits, type PhotoFile } from './service';
import { CHANNELS, COMPLAINT_CATEGORIES, COMPLAINT_STATUS, PublicComplaintInput, type Channel, type ComplaintCategory, type ComplaintStatus } from './schema';

const tags = ['公开：投诉举报'];
/** Per-client limits of the public complaint endpoints (portal and Open311): submissions, and look-ups six times as many. */
export function publicRates(app: FastifyInstance) {
  const max = app.config.publicRatePerMinute;
  return { submitRate: { max, timeWindow: '1 minute' }, readRate: { max: Math.max(60, max * 6), timeWindow: '1 minute' } };
}

/** Parse a multipart submission: text fields into an object, photos checked by their bytes. */
async function readMultipart(req: FastifyRequest): Promise<{ body: Record<string, unknown>; photos: PhotoFile[] }> {
  const body: Record<string, unknown> = {};
  const photos: PhotoFile[] = [];
  try {
    for await (const part of req.parts({ limits: { fileSize: PHOTO_LIMITS.maxBytes, files: PHOTO_LIMITS.maxFiles, fields: 30, fieldSize: 16 * 1024 } })) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.file.truncated) throw new AppError(413, 'too_large', `照片“${part.filename}”超过 ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`);
        if (content.length === 0) continue;
        const mime = imageType(content);
        if (!mime) throw invalid([{ field: 'photos', label: '照片', message: `“${part.filename}”不是图片（只接受 JPEG、PNG、GIF、WebP、HEIC 照片）` }]);
        photos.push({ name: part.filename || 'photo', mime, content });
      } else body[part.fieldname] = part.value;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw invalid([{ field: 'photos', label: '照片', message: `照片最多 ${PHOTO_LIMITS.maxFiles} 张` }]);
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'too_large', `照片不能超过 ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError(413, 'too_large', '提交的内容过多');
    throw e;
  }
  return { body, photos };
}

export async function publicComplaintRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { submitRate, readRate } = publicRates(app);

  r.get('/api/public/complaints/meta', {
    config: { access: { public: true }, rateLimit: readRate }, schema: { tags, summary: '投诉类别与可选区域' },
  }, async () => {
    const list = await agencyList(app.db);
    const top = list.filter((a) => a.level !== '镇街').sort((a, b) => a.regionCode.length - b.regionCode.length || (a.regionCode < b.regionCode ? -1 : 1))[0];
    const prefix = top ? top.regionCode.replace(/0+$/, '').slice(0, 4) : '';
    const rows = await app.db.select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode }).from(regions)
      .where(and(eq(regions.recordStatus, 'active'), inArray(regions.level, [3, 4]), like(regions.code, `${prefix}%`))).orderBy(asc(regions.code));
    const districts = rows.filter((x) => x.level === 3).map((d) => ({
      code: d.code, name: d.name, towns: rows.filter((t) => t.level === 4 && t.parentCode === d.code).map((t) => ({ code: t.code, name: t.name })),
    }));
    return {
      categories: Object.entries(COMPLAINT_CATEGORIES).map(([code, label]) => ({ code, label })),
      districts,
      limits: { photos: PHOTO_LIMITS.maxFiles, photoBytes: PHOTO_LIMITS.maxBytes, contentChars: 2000 },
    };
  });

  r.get('/api/public/complaints/units', {
    config: { access: { public: true }, rateLimit: readRate },
    schema: { tags, summary: '搜索被投诉单位（名录库，按名称）', querystring: z.object({ q: z.string().trim().min(2, '请至少输入 2 个字').max(50) }) },
  }, async (req) => ({ items: (await searchUnits(app.db, req.query.q)).map(({ id, name, address }) => ({ id, name, address })) }));

  r.post('/api/public/complaints', {
    config: { access: { public: true }, rateLimit: submitRate },
    bodyLimit: 32 * 1024,
    schema: {
      tags,
      summary: '提交投诉举报（JSON，或附照片时 multipart/form-data：文本字段同 JSON，照片字段名 photos）',
      description: 'JSON：{"category","content","address","unitName"?,"entityId"?,"regionCode"?,"lng"?,"lat"?,"occurredOn"?,"anonymous":true} 或以 "name","phone" 代替匿名；可带 "submissionKey"（重复提交返回同一查询码）。成功返回 201 {"trackingCode"}。',
    },
  }, async (req, reply) => {
    let raw: unknown = req.body;
    let photos: PhotoFile[] = [];
    if (req.isMultipart()) ({ body: raw, photos } = await readMultipart(req));
    const input = PublicComplaintInput.parse(raw ?? {});
    const res = await registerComplaint(app.db, input, { channel: 'public_web', actor: null, photos });
    return reply.status(res.replay ? 200 : 201).send({ trackingCode: res.trackingCode });
  });

  r.get('/api/public/complaints/:code', {
    config: { access: { public: true }, rateLimit: readRate },
    schema: { tags, summary: '按查询码查看办理进度和答复', params: z.object({ code: z.string().max(32) }) },
  }, async (req) => publicTracking(app, req.params.code));
}

/** The tracking page's content. A merged duplicate follows its master: its status, later steps and reply. */
export async function publicTracking(app: FastifyInstance, codeInput: string) {
  const code = normalizeTrackingCode(codeInput);
  if (!code) throw new AppError(404, 'not_found', '查询码有误，请核对后重新输入（共 12 位字母和数字）');
  const [c] = await app.db.select().from(complaints).where(and(eq(complaints.trackingCode, code), eq(complaints.recordStatus, 'active')));
  if (!c) throw notFound('该查询码对应的投诉');
  const [master] = c.mergedInto ? await app.db.select().from(complaints).where(eq(complaints.id, c.mergedInto)) : [];
  const mergedAt = master ? (await app.db.select({ at: complaintEvents.at }).from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, c.id), eq(complaintEvents.action, 'merge'))).orderBy(asc(complaintEvents.id)).limit(1))[0]?.at : undefined;
  const own = await app.db.select({ at: complaintEvents.at, text: complaintEvents.publicText, toStatus: complaintEvents.toStatus })
    .from(complaintEvents).where(and(eq(complaintEvents.complaintId, c.id), sql`${complaintEvents.publicText} is not null`)).orderBy(asc(complaintEvents.id));
  const followed = master ? await app.db.select({ at: complaintEvents.at, text: complaintEvents.publicText, toStatus: complaintEvents.toStatus })
    .from(complaintEvents).where(and(eq(complaintEvents.complaintId, master.id), sql`${complaintEvents.publicText} is not null`,
      mergedAt ? gte(complaintEvents.at, mergedAt) : undefined)).orderBy(asc(complaintEvents.id)) : [];
  const lead = master ?? c;
  const names = new Map((await agencyList(app.db)).map((a) => [a.id, a.name]));
  const status = lead.status as ComplaintStatus;
  return {
    trackingCode: c.trackingCode,
    category: c.category, categoryLabel: COMPLAINT_CATEGORIES[c.category as ComplaintCategory] ?? c.category,
    channelLabel: CHANNELS[c.channel as Channel] ?? c.channel,
    receivedAt: c.receivedAt,
    anonymous: c.anonymous,
    merged: !!master,
    status, statusLabel: COMPLAINT_STATUS[status],
    agencyName: names.get(lead.agencyId) ?? '',
    acceptDue: lead.status === 'registered' ? lead.acceptDue : null,
    concludeDue: ['rejected', 'closed'].includes(lead.status) ? null : lead.extendedDue ?? lead.concludeDue,
    rejectReason: c.rejectReason,
    timeline: [...own, ...followed].map((e) => ({ at: e.at, text: e.text!, statusLabel: e.toStatus ? COMPLAINT_STATUS[e.toStatus as ComplaintStatus] : null })),
    reply: lead.replyText ? { text: lead.replyText, at: lead.repliedAt } : null,
    closedAt: lead.status === 'closed' ? lead.closedAt : null,
  };
}
