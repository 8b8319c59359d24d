import type { FastifyInstance } from 'fastify';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { entities, gridCells, regions, tasks } from '../../db/schema/index';
import { requireRole, scopeWhere } from '../../platform/access';

/** GET /api/grid-cells/mine: the grid cells the user patrols as 协管员, with their units and open rectifications. */
export async function gridRoutes(app: FastifyInstance) {
  app.get('/api/grid-cells/mine', {
    config: { access: { roles: 'any' } },
    schema: { tags: ['基础数据'], summary: '我负责的网格（协管员）' },
  }, async (req) => {
    const actor = requireRole(req.actor, 'any');
    const cells = await app.db.select({ id: gridCells.id, code: gridCells.code, name: gridCells.name, regionCode: gridCells.regionCode, regionName: regions.fullName })
      .from(gridCells).leftJoin(regions, eq(regions.code, gridCells.regionCode))
      .where(and(eq(gridCells.assistantUserId, actor.userId), eq(gridCells.recordStatus, 'active'), scopeWhere(actor, { region: gridCells.regionCode }, 'read')))
      .orderBy(gridCells.code);
    if (!cells.length) return { items: [] };
    const codes = cells.map((c) => c.code);
    const [units, rectifying] = await Promise.all([
      app.db.select({ code: entities.gridCode, n: sql<number>`count(*)::int` }).from(entities)
        .where(and(inArray(entities.gridCode, codes), eq(entities.recordStatus, 'active'))).groupBy(entities.gridCode),
      app.db.select({ code: entities.gridCode, n: sql<number>`count(distinct ${entities.id})::int` }).from(tasks).innerJoin(entities, eq(entities.id, tasks.entityId))
        .where(and(inArray(entities.gridCode, codes), eq(tasks.followUpStatus, 'scheduled'), eq(tasks.result, 'rectify'))).groupBy(entities.gridCode),
    ]);
    const count = (rows: { code: string | null; n: number }[], code: string) => rows.find((r) => r.code === code)?.n ?? 0;
    return { items: cells.map((c) => ({ ...c, units: count(units, c.code), rectifying: count(rectifying, c.code) })) };
  });
}
