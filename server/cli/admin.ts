import type { Db } from '../db/client';
import { agencies, regions, users } from '../db/schema/index';
import { recordAudit } from '../platform/audit';
import { hashPassword, passwordProblem } from '../platform/auth/passwords';
import { ancestorRegionCodes, isRegionCode, regionLevel } from '../domains/regions/region-code';

/** Bootstrap a non-demo installation: its root region, its agency and the first administrator. */
export async function createFirstAdmin(db: Db, o: { username: string; password: string; regionCode: string; regionName: string; agencyName: string; docPrefix: string }) {
  if (!isRegionCode(o.regionCode) || o.regionCode.length !== 6) throw new Error('--region 应为 6 位行政区划代码');
  const problem = passwordProblem(o.password);
  if (problem) throw new Error(problem);
  const passwordHash = await hashPassword(o.password);
  await db.transaction(async (tx) => {
    const level = regionLevel(o.regionCode)!;
    for (const code of [...ancestorRegionCodes(o.regionCode)].reverse()) {
      await tx.insert(regions).values({ code, regionCode: code, level: regionLevel(code)!, name: code, fullName: code, parentCode: ancestorRegionCodes(code)[0] ?? null }).onConflictDoNothing();
    }
    await tx.insert(regions).values({ code: o.regionCode, regionCode: o.regionCode, level, name: o.regionName, fullName: o.regionName, parentCode: ancestorRegionCodes(o.regionCode)[0] ?? null }).onConflictDoNothing();
    const [agency] = await tx.insert(agencies).values({
      name: o.agencyName, shortName: o.agencyName.slice(0, 32), level: level === 1 ? '省' : level === 2 ? '市' : '区县', docPrefix: o.docPrefix, regionCode: o.regionCode,
    }).returning();
    const [user] = await tx.insert(users).values({
      username: o.username, displayName: '系统管理员', passwordHash, roles: ['admin'], agencyId: agency.id, regionCode: o.regionCode, mustChangePassword: true,
    }).returning();
    await recordAudit(tx, null, { action: 'create', resource: 'users', resourceId: user.id, regionCode: o.regionCode, after: { username: o.username, roles: ['admin'] }, reason: '命令行初始化系统管理员' });
  });
}
