import { eq } from 'drizzle-orm';
import type { Database, Db } from '../db/client';
import {
  agencies, checklists, entities, gridCells, inspectors, matters, practitioners, regions, settings, users,
} from '../db/schema/index';
import { recordAudit } from '../platform/audit';
import { hashPassword } from '../platform/auth/passwords';
import { encryptField, lookupHash } from '../platform/crypto';
import { masked } from '../platform/fields';
import { DEFAULT_CHECKLISTS, DEFAULT_MATTERS } from '../domains/matters/defaults';
import { generateDemoCity, generateEntityBatches, type DemoCity } from './generate';

const BATCH = 1000;

async function insertBatches<T>(db: Db, table: Parameters<Db['insert']>[0], rows: T[]) {
  for (let i = 0; i < rows.length; i += BATCH) await db.insert(table).values(rows.slice(i, i + BATCH) as never);
}

/** Load the deterministic demo city (and the default 一单/一细则) into an empty database. */
export async function loadDemoCity(database: Database, opts: { password: string; seed?: string; entities?: number }) {
  const city = generateDemoCity({ seed: opts.seed, entities: opts.entities });
  const passwordHash = await hashPassword(opts.password);
  await database.db.transaction(async (tx) => {
    await insertBatches(tx, regions, city.regions);
    await insertBatches(tx, gridCells, city.gridCells);
    await insertBatches(tx, agencies, city.agencies.map(({ key, ...a }) => (void key, a)));
    await insertBatches(tx, entities, city.entities);
    await insertBatches(tx, practitioners, city.practitioners.map(({ idNumber, ...p }) => ({
      ...p, idNumberEnc: encryptField(idNumber), idNumberHash: lookupHash(idNumber), idNumberMasked: masked.idNumber(idNumber),
    })));
    const userRows = demoUsers(city, passwordHash);
    await insertBatches(tx, users, userRows);
    // the 协管员 account patrols its grid cell
    for (const u of city.users.filter((x) => x.gridCode)) {
      const row = userRows.find((r) => r.username === u.username)!;
      await tx.update(gridCells).set({ assistantUserId: row.id }).where(eq(gridCells.code, u.gridCode!));
    }
    const inspectorUser = userRows.find((u) => u.username === 'inspector')!;
    const linked = city.inspectors.map((i) => (i.name === inspectorUser.displayName && i.agencyId === inspectorUser.agencyId ? { ...i, userId: inspectorUser.id } : i));
    await insertBatches(tx, inspectors, linked);
    await insertBatches(tx, matters, DEFAULT_MATTERS.map((m) => ({ ...m, regionCode: city.cityCode, ratio: m.ratio ?? null })));
    await insertBatches(tx, checklists, DEFAULT_CHECKLISTS.map((c) => ({ ...c, regionCode: city.cityCode })));
    await tx.insert(settings).values({ key: 'demo', value: { loadedAt: new Date().toISOString(), city: city.cityName, seed: opts.seed ?? 'default' } })
      .onConflictDoNothing();
    await recordAudit(tx, null, {
      action: 'seed', resource: 'demo', resourceId: city.cityCode, regionCode: city.cityCode, reason: '载入演示城市数据',
      after: { regions: city.regions.length, entities: city.entities.length, practitioners: city.practitioners.length, inspectors: city.inspectors.length, users: userRows.length },
    });
  });
  await database.analyze();
  return { cityName: city.cityName, entities: city.entities.length, inspectors: city.inspectors.length, practitioners: city.practitioners.length, users: city.users.length };
}

function demoUsers(city: DemoCity, passwordHash: string) {
  const byKey = new Map(city.agencies.map((a) => [a.key, a]));
  const byCode = new Map(city.entities.map((e) => [e.creditCode, e]));
  return city.users.map((u, i) => {
    const entity = u.entityCreditCode ? byCode.get(u.entityCreditCode) : undefined;
    return {
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      username: u.username,
      displayName: u.displayName,
      passwordHash,
      roles: u.roles,
      agencyId: u.roles.includes('unit') ? null : byKey.get(u.agencyCode)!.id!,
      entityId: entity?.id ?? null,
      regionCode: entity?.regionCode ?? u.regionCode,
    };
  });
}

/** Benchmark data: append `count` more entities to an existing demo city (no audit events; bulk path). */
export async function appendEntities(database: Database, count: number, opts: { seed?: string; onProgress?: (n: number) => void } = {}) {
  const city = generateDemoCity({ seed: opts.seed });
  let done = 0;
  for (const batch of generateEntityBatches(city, count, { seed: `${opts.seed ?? 'bench'}-bulk`, batchSize: 2000, startIndex: 1_000_000 })) {
    await database.db.insert(entities).values(batch as never).onConflictDoNothing();
    done += batch.length;
    opts.onProgress?.(done);
  }
  await database.analyze();
  return done;
}
