import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, between, desc, eq, like, lt, sql } from 'drizzle-orm';
import { auditEvents, calendarDays, entities, inspectors, practitioners, regions, settings } from '../db/schema/index';
import { requireRole, scopeWhere } from './access';
import { recordAudit, verifyAuditChain } from './audit';
import { invalid } from './errors';
import { isRealDate } from './fields';
import { daysFromToday, REMINDER_DAYS, todayIso } from './dates';
import { ROLES, STAFF_ROLES } from './roles';
import { invalidateCalendar, loadCalendar, removeCalendarDay, upsertCalendarDay } from './calendar/store';
import { CATEGORIES, LICENCE_KINDS, OPERATING_STATUSES } from '../domains/entities/categories';
import { PRACTITIONER_CATEGORIES } from '../domains/practitioners/schema';
import { PLAN_LEVELS } from '../domains/matters/schema';
import { regionScopePrefix } from '../domains/regions/region-code';

const Day = z.string().refine(isRealDate, '日期应为有效日期（YYYY-MM-DD）');

/** Reference data, the actor's region tree, dashboard counts, calendar administration and the audit log. */
export async function platformRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/meta', { config: { access: { roles: 'any' } }, schema: { tags: ['系统'], summary: '代码表（类别、角色、状态）' } }, async () => ({
    categories: CATEGORIES,
    roles: Object.entries(ROLES).map(([code, label]) => ({ code, label })),
    operatingStatuses: Object.entries(OPERATING_STATUSES).map(([code, label]) => ({ code, label })),
    licenceKinds: Object.entries(LICENCE_KINDS).map(([code, label]) => ({ code, label })),
    practitionerCategories: PRACTITIONER_CATEGORIES,
    planLevels: PLAN_LEVELS,
    demo: app.config.demo ? { password: app.config.demoPassword } : null,
    /** Map tiles (WEIJIAN_MAP_TILES); null: no tile server, pages show coordinates and a plain locator. */
    map: { tiles: app.config.mapTiles ?? null, attribution: app.config.mapAttribution ?? null },
  }));

  /** Public: whether demo data is loaded (the login page shows the demo password with a warning). */
  r.get('/api/public/site', { config: { access: { public: true } }, schema: { tags: ['系统'], summary: '站点信息（登录页）' } }, async () => {
    const [row] = await app.db.select().from(settings).where(eq(settings.key, 'demo'));
    const demo = app.config.demo && !!row;
    return { name: '卫监 · 卫生健康监督执法平台', demo, demoPassword: demo ? app.config.demoPassword : null };
  });

  r.get('/api/meta/regions', { config: { access: { roles: 'any' } }, schema: { tags: ['系统'], summary: '当前用户可见的行政区划树' } }, async (req) => {
    const actor = requireRole(req.actor, 'any');
    const rows = await app.db.select({ code: regions.code, name: regions.name, fullName: regions.fullName, level: regions.level, parentCode: regions.parentCode })
      .from(regions).where(and(eq(regions.recordStatus, 'active'), scopeWhere(actor, { region: regions.regionCode, sharedDown: true }, 'read')))
      .orderBy(regions.code);
    return { root: actor.regionCode, items: rows };
  });

  r.get('/api/dashboard', { config: { access: { roles: 'any' } }, schema: { tags: ['系统'], summary: '首页统计' } }, async (req) => {
    const actor = requireRole(req.actor, 'any');
    const today = todayIso();
    const in60 = daysFromToday(REMINDER_DAYS);
    const entityScope = and(scopeWhere(actor, { region: entities.regionCode, entity: entities.id }, 'read'), eq(entities.recordStatus, 'active'));
    const [e] = await app.db.select({
      total: sql<number>`count(*)::int`,
      operating: sql<number>`count(*) filter (where ${entities.operatingStatus} = 'operating')::int`,
      licenceExpiring: sql<number>`count(*) filter (where exists (select 1 from jsonb_array_elements(${entities.licences}) l where (l->>'validUntil') between ${today} and ${in60}))::int`,
      licenceExpired: sql<number>`count(*) filter (where exists (select 1 from jsonb_array_elements(${entities.licences}) l where (l->>'validUntil') < ${today}))::int`,
      checkDue: sql<number>`count(*) filter (where exists (select 1 from jsonb_array_elements(${entities.licences}) l where (l->>'nextCheckAt') <= ${in60}))::int`,
    }).from(entities).where(entityScope);
    const byCategory = await app.db.select({ code: sql<string>`c`, n: sql<number>`count(*)::int` })
      .from(sql`${entities}, unnest(${entities.categories}) c`).where(entityScope).groupBy(sql`c`);
    const isStaff = actor.roles.some((x) => STAFF_ROLES.includes(x));
    const [p] = await app.db.select({ total: sql<number>`count(*)::int` }).from(practitioners)
      .where(and(scopeWhere(actor, { region: practitioners.regionCode, entity: practitioners.entityId }, 'read'), eq(practitioners.recordStatus, 'active')));
    const [i] = isStaff
      ? await app.db.select({
        total: sql<number>`count(*)::int`,
        credentialExpired: sql<number>`count(*) filter (where ${inspectors.credentialExpiry} < ${today})::int`,
        credentialExpiring: sql<number>`count(*) filter (where ${inspectors.credentialExpiry} between ${today} and ${in60})::int`,
      }).from(inspectors).where(and(scopeWhere(actor, { region: inspectors.regionCode }, 'read'), eq(inspectors.recordStatus, 'active')))
      : [null];
    return { entities: e, entitiesByCategory: byCategory, practitioners: p.total, inspectors: i };
  });

  // ---- working-day calendar ----
  r.get('/api/calendar', {
    config: { access: { roles: 'any' } },
    schema: { tags: ['工作日历'], summary: '某年的节假日与调休上班日', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
  }, async (req) => {
    const { year } = req.query;
    const items = await app.db.select().from(calendarDays).where(between(calendarDays.day, `${year}-01-01`, `${year}-12-31`)).orderBy(calendarDays.day);
    const cal = await loadCalendar(app.db);
    return { year, covered: cal.coveredYears().includes(year), items };
  });

  r.get('/api/calendar/compute', {
    config: { access: { roles: 'any' } },
    schema: {
      tags: ['工作日历'], summary: '期限计算（工作日 / 自然日）',
      querystring: z.object({ start: Day, days: z.coerce.number().int().min(-1000).max(1000), unit: z.enum(['working', 'natural']).default('working') }),
    },
  }, async (req) => {
    const cal = await loadCalendar(app.db);
    const { start, days, unit } = req.query;
    const end = unit === 'working' ? cal.addWorkingDays(start, days) : cal.addNaturalDays(start, days);
    const year = Number(end.slice(0, 4));
    return { start, days, unit, end, workingDaysBetween: cal.workingDaysBetween(start, end), scheduleLoaded: cal.coveredYears().includes(year) };
  });

  r.put('/api/calendar/:day', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['工作日历'], summary: '设置节假日或调休上班日', params: z.object({ day: Day }),
      body: z.object({ kind: z.enum(['holiday', 'workday'], { error: '类型应为节假日或调休上班日' }), name: z.string().trim().min(1, '请填写名称').max(64) }),
    },
  }, async (req) => {
    const actor = requireRole(req.actor, ['admin']);
    await app.db.transaction(async (tx) => {
      const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.day, req.params.day));
      await upsertCalendarDay(tx, { day: req.params.day, ...req.body }, actor.userId);
      const [after] = await tx.select().from(calendarDays).where(eq(calendarDays.day, req.params.day));
      await recordAudit(tx, actor, { action: before ? 'update' : 'create', resource: 'calendar', resourceId: req.params.day, before, after });
    });
    invalidateCalendar(app.db);
    return { ok: true };
  });

  r.delete('/api/calendar/:day', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['工作日历'], summary: '删除一条日历例外', params: z.object({ day: Day }) },
  }, async (req) => {
    const actor = requireRole(req.actor, ['admin']);
    await app.db.transaction(async (tx) => {
      const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.day, req.params.day));
      if (!before) throw invalid([{ field: 'day', label: '日期', message: '该日期没有设置例外' }]);
      if (before.source === 'seed') {
        throw invalid([{ field: 'day', label: '日期', message: '国家公布的节假日不能删除；如需调整，请将其改为相反类型' }]);
      }
      await removeCalendarDay(tx, req.params.day);
      await recordAudit(tx, actor, { action: 'delete', resource: 'calendar', resourceId: req.params.day, before });
    });
    invalidateCalendar(app.db);
    return { ok: true };
  });

  // ---- audit log ----
  r.get('/api/audit', {
    config: { access: { roles: ['admin', 'head'] } },
    schema: {
      tags: ['审计'], summary: '审计日志（本辖区）',
      querystring: z.object({ resource: z.string().optional(), before: z.coerce.number().int().optional(), pageSize: z.coerce.number().int().min(1).max(200).default(50) }),
    },
  }, async (req) => {
    const actor = requireRole(req.actor, ['admin', 'head']);
    const { resource, before, pageSize } = req.query;
    const items = await app.db.select({
      id: auditEvents.id, at: auditEvents.at, actorName: auditEvents.actorName, action: auditEvents.action, resource: auditEvents.resource,
      resourceId: auditEvents.resourceId, regionCode: auditEvents.regionCode, reason: auditEvents.reason, hash: auditEvents.hash,
    }).from(auditEvents)
      .where(and(like(auditEvents.regionCode, `${regionScopePrefix(actor.regionCode)}%`), resource ? eq(auditEvents.resource, resource) : undefined, before ? lt(auditEvents.id, before) : undefined))
      .orderBy(desc(auditEvents.id)).limit(pageSize);
    return { items };
  });

  r.post('/api/audit/verify', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['审计'], summary: '校验审计哈希链' },
  }, async () => verifyAuditChain(app.db));
}
