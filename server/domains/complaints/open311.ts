/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/), JSON format, so that other platforms
 * (a 12345 hotline, a city service app) can submit complaints and follow them:
 *
 *   GET  /open311/v2/services.json          the complaint categories as services
 *   POST /open311/v2/requests.json          form-encoded or JSON: service_code, description, address_string,
 *                                           lat, long, first_name, last_name, phone, email; extensions:
 *                                           external_ref (the sender's own id), submission_key (idempotency)
 *   GET  /open311/v2/requests/{id}.json     status of one request (id = our tracking code)
 *
 * Like the public form: rate-limited, no identity and no complaint text in what is returned.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AppError, zodToFieldErrors } from '../../platform/errors';
import { publicRates, publicTracking } from './public';
import { registerComplaint } from './service';
import { COMPLAINT_CATEGORIES, PublicComplaintInput, type ComplaintStatus } from './schema';

const DESCRIPTIONS: Record<string, string> = {
  illegal_practice: '无证行医、非医师行医、超范围执业等',
  medical_beauty: '非法医疗美容、生活美容机构违规开展医疗美容',
  medical_service: '医疗机构执业、医务人员执业行为',
  public_place: '住宿、游泳、沐浴、美容美发等公共场所卫生',
  drinking_water: '集中式供水、二次供水、涉水产品',
  school: '学校教学环境、传染病防控、饮用水',
  occupational: '用人单位职业病危害防治',
  radiation: '放射诊疗、放射防护',
  infectious: '传染病防治、消毒隔离、医疗废物',
  disinfection: '消毒产品生产、经营和使用',
  other: '其他卫生健康监督事项',
};

const CLOSED: ComplaintStatus[] = ['closed', 'rejected'];

export async function open311Routes(app: FastifyInstance) {
  const pub = { public: true as const };
  const { submitRate, readRate } = publicRates(app);

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 32 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  // GeoReport errors are an array of {code, description}
  app.setErrorHandler((error: FastifyError, _req, reply) => {
    let status = error.statusCode ?? 500;
    let description = error.message;
    if (error instanceof ZodError) {
      status = 400;
      description = zodToFieldErrors(error).map((f) => `${f.field}: ${f.message}`).join('; ');
    } else if (error instanceof AppError) {
      description = error.fields?.length ? error.fields.map((f) => `${f.field}: ${f.message}`).join('; ') : error.message;
    } else if (status === 429) description = '请求过于频繁，请稍后再试';
    else if (status >= 500) { status = 500; description = '服务器内部错误'; }
    return reply.status(status).send([{ code: status, description }]);
  });

  app.get('/open311/v2/services.json', { config: { access: pub }, schema: { tags: ['Open311'], summary: 'GeoReport v2：服务（投诉类别）列表' } }, async () =>
    Object.entries(COMPLAINT_CATEGORIES).map(([code, name]) => ({
      service_code: code, service_name: name, description: DESCRIPTIONS[code] ?? name, metadata: false, type: 'realtime',
      keywords: name, group: '卫生健康监督',
    })));

  app.post('/open311/v2/requests.json', {
    config: { access: pub, rateLimit: submitRate }, bodyLimit: 32 * 1024,
    schema: { tags: ['Open311'], summary: 'GeoReport v2：提交服务请求（投诉举报）' },
  }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, string | number | undefined>;
    const str = (k: string) => (b[k] == null || b[k] === '' ? null : String(b[k]));
    const name = [str('last_name'), str('first_name')].filter(Boolean).join('') || null;
    const phone = str('phone');
    const input = PublicComplaintInput.parse({
      category: str('service_code') ?? undefined, content: str('description') ?? undefined, address: str('address_string') ?? undefined,
      lat: str('lat'), lng: str('long'), anonymous: !name && !phone, name, phone, submissionKey: str('submission_key'),
    });
    const res = await registerComplaint(app.db, input, { channel: 'open311', actor: null, externalRef: str('external_ref')?.slice(0, 64) ?? null });
    return reply.status(res.replay ? 200 : 201).send([{
      service_request_id: res.trackingCode, service_notice: '已登记，可凭 service_request_id 查询办理进度', account_id: null,
    }]);
  });

  app.get('/open311/v2/requests/:id.json', {
    config: { access: pub, rateLimit: readRate },
    schema: { tags: ['Open311'], summary: 'GeoReport v2：查询服务请求' },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const t = await publicTracking(app, id);
    const last = t.timeline[t.timeline.length - 1];
    return [{
      service_request_id: t.trackingCode,
      status: CLOSED.includes(t.status) ? 'closed' : 'open',
      status_notes: t.reply?.text ?? t.rejectReason ?? last?.text ?? null,
      service_name: t.categoryLabel, service_code: t.category,
      agency_responsible: t.agencyName,
      service_notice: t.statusLabel,
      requested_datetime: t.receivedAt,
      updated_datetime: last?.at ?? t.receivedAt,
      expected_datetime: t.concludeDue ? `${t.concludeDue}T17:00:00+08:00` : null,
    }];
  });
}
