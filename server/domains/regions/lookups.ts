import { eq } from 'drizzle-orm';
import { agencies, entities, gridCells, regions } from '../../db/schema/index';
import type { Lookups } from '../../platform/register/types';
import { invalid } from '../../platform/errors';

export interface RegionInfo { code: string; name: string; fullName: string; level: number; parentCode: string | null }

/** All active regions, memoised per request/import. */
export const regionMap = (lookups: Lookups) =>
  lookups.get('regions', async () => {
    const rows = await lookups.db.select({ code: regions.code, name: regions.name, fullName: regions.fullName, level: regions.level, parentCode: regions.parentCode })
      .from(regions).where(eq(regions.recordStatus, 'active'));
    return new Map<string, RegionInfo>(rows.map((r) => [r.code, r]));
  });

export const gridMap = (lookups: Lookups) =>
  lookups.get('grids', async () => {
    const rows = await lookups.db.select({ code: gridCells.code, regionCode: gridCells.regionCode })
      .from(gridCells).where(eq(gridCells.recordStatus, 'active'));
    return new Map(rows.map((r) => [r.code, r.regionCode]));
  });

export const agencyMap = (lookups: Lookups) =>
  lookups.get('agencies', async () => {
    const rows = await lookups.db.select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode })
      .from(agencies).where(eq(agencies.recordStatus, 'active'));
    return new Map(rows.map((r) => [r.id, r]));
  });

export async function requireRegion(lookups: Lookups, code: string, field = 'regionCode', label = '所属区划'): Promise<RegionInfo> {
  const region = (await regionMap(lookups)).get(code);
  if (!region) throw invalid([{ field, label, message: `行政区划代码“${code}”不存在（请先在行政区划中登记）` }]);
  return region;
}

export async function entityByCreditCode(lookups: Lookups, creditCode: string) {
  return lookups.get(`entity:${creditCode}`, async () => {
    const [row] = await lookups.db.select({ id: entities.id, regionCode: entities.regionCode, name: entities.name, categories: entities.categories })
      .from(entities).where(eq(entities.creditCode, creditCode)).limit(1);
    return row ?? null;
  });
}
