import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEMO_TODAY, entityIndexFromCreditCode, generateDemoCity, generateEntityBatches, isMedicalEntity, residentIdCheckChar,
  type DemoCity, type DemoLicence, type EntityInsert,
} from './generate';
import { Rng } from './prng';
import { isValidCreditCode } from '../domains/entities/credit-code';
import { CATEGORIES, CATEGORY_CODES, LICENCE_KINDS, OPERATING_STATUSES } from '../domains/entities/categories';
import { isRegionCode, parentRegionCode, regionLevel } from '../domains/regions/region-code';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** ISO 7064 MOD 11-2 computed the "recursive" way, independent of the weighted-sum implementation. */
function mod11_2(first17: string): string {
  let p = 0;
  for (const ch of first17) p = ((p + Number(ch)) * 2) % 11;
  const c = (12 - p) % 11;
  return c === 10 ? 'X' : String(c);
}

let city: DemoCity;
let regionByCode: Map<string, DemoCity['regions'][number]>;

beforeAll(() => {
  city = generateDemoCity();
  regionByCode = new Map(city.regions.map((r) => [r.code, r]));
});

describe('prng', () => {
  it('is deterministic per seed and produces v4 uuids and bounded ints', () => {
    const a = new Rng('x');
    const b = new Rng('x');
    const seqA = Array.from({ length: 50 }, () => a.u32());
    expect(Array.from({ length: 50 }, () => b.u32())).toEqual(seqA);
    expect(new Rng('y').u32()).not.toBe(seqA[0]);
    fc.assert(fc.property(fc.string(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (seed, lo, span) => {
      const r = new Rng(seed);
      const n = r.int(lo, lo + span);
      expect(n).toBeGreaterThanOrEqual(lo);
      expect(n).toBeLessThanOrEqual(lo + span);
      expect(Number.isInteger(n)).toBe(true);
      expect(r.uuid()).toMatch(UUID_V4);
    }));
  });

  it('derived streams differ per index', () => {
    const base: [number, number, number, number] = [1, 2, 3, 4];
    const firsts = new Set(Array.from({ length: 10000 }, (_, i) => Rng.derive(base, i).uuid()));
    expect(firsts.size).toBe(10000);
  });
});

describe('residentIdCheckChar', () => {
  it('matches the GB 11643-1999 examples', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });
  it('agrees with the recursive ISO 7064 MOD 11-2 definition', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{17}$/), (s) => residentIdCheckChar(s) === mod11_2(s)));
  });
  it('rejects malformed input', () => {
    expect(() => residentIdCheckChar('1234')).toThrow();
  });
});

describe('generateDemoCity determinism', () => {
  it('same seed → identical output; different seed → different output', () => {
    const a = generateDemoCity({ seed: 's1', entities: 600, practitioners: 200 });
    const b = generateDemoCity({ seed: 's1', entities: 600, practitioners: 200 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a).toEqual(b);
    const c = generateDemoCity({ seed: 's2', entities: 600, practitioners: 200 });
    expect(c.entities.map((e) => e.creditCode)).not.toEqual(a.entities.map((e) => e.creditCode));
    expect(c.regions.map((r) => r.id)).not.toEqual(a.regions.map((r) => r.id));
    expect(c.regions.map((r) => r.name)).not.toEqual(a.regions.map((r) => r.name));
  });

  it('default seed is stable and fast', () => {
    const t = performance.now();
    const again = generateDemoCity();
    expect(performance.now() - t).toBeLessThan(2000);
    expect(JSON.stringify(again)).toBe(JSON.stringify(city));
  });
});

describe('regions and grid cells', () => {
  it('has the expected shape and counts', () => {
    const byLevel = (l: number) => city.regions.filter((r) => r.level === l);
    expect(byLevel(1).map((r) => r.code)).toEqual(['320000']);
    expect(byLevel(2).map((r) => r.code)).toEqual([city.cityCode]);
    expect(city.cityCode).toBe('329900');
    expect(byLevel(3)).toHaveLength(6);
    expect(byLevel(4).length).toBeGreaterThanOrEqual(50);
    expect(byLevel(4).length).toBeLessThanOrEqual(70);
    expect(byLevel(5).length).toBeGreaterThanOrEqual(500);
    expect(byLevel(5).length).toBeLessThanOrEqual(700);
    expect(regionByCode.size).toBe(city.regions.length); // codes unique
  });

  it('is a consistent hierarchy', () => {
    for (const r of city.regions) {
      expect(isRegionCode(r.code)).toBe(true);
      expect(r.regionCode).toBe(r.code);
      expect(r.level).toBe(regionLevel(r.code));
      expect(r.parentCode ?? null).toBe(parentRegionCode(r.code));
      if (r.parentCode) {
        const parent = regionByCode.get(r.parentCode);
        expect(parent, r.code).toBeDefined();
        expect(r.fullName).toBe(parent!.fullName + r.name);
      } else {
        expect(r.fullName).toBe(r.name);
      }
    }
    expect(regionByCode.get(city.cityCode)!.name).toBe(city.cityName);
  });

  it('has one grid cell per village', () => {
    const villages = city.regions.filter((r) => r.level === 5);
    expect(city.gridCells).toHaveLength(villages.length);
    expect(new Set(city.gridCells.map((g) => g.code)).size).toBe(villages.length);
    for (const g of city.gridCells) {
      expect(regionByCode.get(g.regionCode)?.level).toBe(5);
      expect(g.code).toBe(`${g.regionCode}01`);
      expect(g.name).toBe(`${regionByCode.get(g.regionCode)!.name}第一网格`);
      expect(g.assistantName).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(g.assistantPhone).toMatch(/^1[3-9]\d{9}$/);
    }
  });
});

describe('agencies and inspectors', () => {
  it('has the city, six district and three branch agencies in a tree', () => {
    expect(city.agencies.map((a) => a.key)).toEqual(['city', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'b1', 'b2', 'b3']);
    const byId = new Map(city.agencies.map((a) => [a.id, a]));
    const cityAgency = city.agencies[0];
    expect(cityAgency.level).toBe('市');
    expect(cityAgency.regionCode).toBe(city.cityCode);
    expect(cityAgency.parentId ?? null).toBeNull();
    for (const a of city.agencies) {
      expect(a.id).toMatch(UUID_V4);
      expect(a.phone).toMatch(/^0510-8\d{7}$/);
      expect(a.headName).toBeTruthy();
      const region = regionByCode.get(a.regionCode);
      expect(region, a.key).toBeDefined();
      if (a.key.startsWith('d')) {
        expect(a.level).toBe('区县');
        expect(region!.level).toBe(3);
        expect(a.parentId).toBe(cityAgency.id);
      }
      if (a.key.startsWith('b')) {
        expect(a.level).toBe('镇街');
        expect(region!.level).toBe(4);
        const parent = byId.get(a.parentId!);
        expect(parent?.level).toBe('区县');
        expect(region!.parentCode).toBe(parent!.regionCode);
      }
    }
    expect(new Set(city.agencies.map((a) => a.docPrefix)).size).toBe(10);
    expect(new Set(city.agencies.map((a) => a.id)).size).toBe(10);
  });

  it('every agency has at least four inspectors for medical, public places, schools and water (random inspections can be staffed)', () => {
    for (const a of city.agencies) {
      const staff = city.inspectors.filter((i) => i.agencyId === a.id);
      for (const root of ['medical', 'public_place', 'school', 'water']) {
        const n = staff.filter((i) => i.specialties.some((s) => s === root || s.startsWith(`${root}.`))).length;
        expect(n).toBeGreaterThanOrEqual(Math.min(4, staff.length));
      }
    }
  });

  it('has ~120 well-formed inspectors', () => {
    const { inspectors } = city;
    expect(inspectors.length).toBeGreaterThanOrEqual(110);
    expect(inspectors.length).toBeLessThanOrEqual(130);
    const agencyById = new Map(city.agencies.map((a) => [a.id, a]));
    const perAgency = new Map<string, number>();
    for (const i of inspectors) {
      const agency = agencyById.get(i.agencyId);
      expect(agency).toBeDefined();
      perAgency.set(agency!.key, (perAgency.get(agency!.key) ?? 0) + 1);
      expect(i.regionCode).toBe(agency!.regionCode);
      expect(i.credentialNo).toMatch(/^卫监证字\d+$/);
      expect(isRealDate(i.credentialExpiry)).toBe(true);
      expect(i.specialties.length).toBeGreaterThanOrEqual(1);
      expect(i.specialties.length).toBeLessThanOrEqual(7);
      for (const s of i.specialties) expect(CATEGORY_CODES).toContain(s);
      expect(new Set(i.specialties).size).toBe(i.specialties.length);
      expect(i.phone).toMatch(/^1[3-9]\d{9}$/);
      const hours = i.trainingHours as { year: number; hours: number }[];
      expect(hours.map((h) => h.year)).toEqual([2025, 2026]);
      for (const h of hours) expect(h.hours).toBeGreaterThan(0);
    }
    expect(perAgency.get('city')).toBe(20);
    for (const k of ['d1', 'd2', 'd3', 'd4', 'd5', 'd6']) expect(perAgency.get(k)).toBe(14);
    for (const k of ['b1', 'b2', 'b3']) expect(perAgency.get(k)).toBe(5);
    expect(new Set(inspectors.map((i) => i.credentialNo)).size).toBe(inspectors.length);
    const expired = inspectors.filter((i) => i.credentialExpiry < DEMO_TODAY).length;
    expect(expired).toBeLessThan(inspectors.length * 0.15);
    expect(inspectors.filter((i) => i.credentialExpiry >= '2027-01-01').length).toBeGreaterThan(inspectors.length * 0.8);
    const legal = inspectors.filter((i) => i.legalQualification).length / inspectors.length;
    expect(legal).toBeGreaterThan(0.15);
    expect(legal).toBeLessThan(0.45);
    const hours = inspectors.flatMap((i) => (i.trainingHours as { hours: number }[]).map((h) => h.hours));
    expect(hours.filter((h) => h >= 24 && h <= 60).length).toBeGreaterThan(hours.length * 0.8);
  });
});

describe('entities', () => {
  it('has the requested count with unique valid credit codes and unique names', () => {
    expect(city.entities).toHaveLength(5000);
    const codes = city.entities.map((e) => e.creditCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of city.entities) {
      expect(isValidCreditCode(e.creditCode), e.creditCode).toBe(true);
      expect(['12', '52', '91', '92']).toContain(e.creditCode.slice(0, 2));
      expect(e.creditCode.slice(2, 8)).toBe(e.regionCode.slice(0, 6)); // district of the entity
    }
    expect(new Set(city.entities.map((e) => e.name)).size).toBe(city.entities.length);
    expect(new Set(city.entities.map((e) => e.id)).size).toBe(city.entities.length);
  });

  it('uses every category and only known ones, with a plausible mix', () => {
    const counts = new Map<string, number>();
    for (const e of city.entities) {
      expect(e.categories.length).toBeGreaterThan(0);
      expect(new Set(e.categories).size).toBe(e.categories.length);
      for (const c of e.categories) {
        expect(CATEGORY_CODES).toContain(c);
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
    for (const c of CATEGORIES) expect(counts.get(c.code) ?? 0, c.code).toBeGreaterThan(0);
    expect(counts.get('public_place.beauty')!).toBeGreaterThan(counts.get('medical.hospital')! * 5);
    expect(counts.get('medical.clinic')!).toBeGreaterThan(counts.get('water.central')! * 5);
    // some hospitals are also radiation and infectious-disease units
    expect(city.entities.some((e) => e.categories.includes('medical.hospital') && e.categories.includes('radiation') && e.categories.includes('infectious'))).toBe(true);
  });

  it('sits in existing regions and grid cells, inside the bounding box', () => {
    const gridByCode = new Map(city.gridCells.map((g) => [g.code, g]));
    for (const e of city.entities) {
      const region = regionByCode.get(e.regionCode);
      expect(region, e.regionCode).toBeDefined();
      expect([4, 5]).toContain(region!.level);
      const grid = gridByCode.get(e.gridCode!);
      expect(grid, e.gridCode!).toBeDefined();
      expect(grid!.regionCode.startsWith(e.regionCode)).toBe(true);
      expect(e.address).toContain(regionByCode.get(grid!.regionCode.slice(0, 9))!.name);
      expect(e.address).toMatch(/\d+号$/);
      expect(e.lng!).toBeGreaterThan(120.0);
      expect(e.lng!).toBeLessThan(120.6);
      expect(e.lat!).toBeGreaterThan(31.2);
      expect(e.lat!).toBeLessThan(31.8);
      expect(e.id).toMatch(UUID_V4);
      expect(e.legalRep).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(e.riskGrade).toBeNull();
      expect(e.creditClass).toBeNull();
    }
  });

  it('has plausible beds, statuses and licences', () => {
    let operating = 0;
    let expiredLicences = 0;
    let licenceCount = 0;
    for (const e of city.entities) {
      expect(Object.keys(OPERATING_STATUSES)).toContain(e.operatingStatus);
      if (e.operatingStatus === 'operating') operating++;
      if (e.categories.includes('medical.hospital')) {
        expect(e.beds).toBeGreaterThanOrEqual(20);
        expect(e.beds).toBeLessThanOrEqual(1200);
      }
      if (e.categories.includes('medical.clinic')) expect(e.beds ?? 0).toBeLessThanOrEqual(20);
      const licences = e.licences as DemoLicence[];
      for (const l of licences) {
        licenceCount++;
        expect(Object.keys(LICENCE_KINDS)).toContain(l.kind);
        expect(isRealDate(l.issuedAt)).toBe(true);
        expect(isRealDate(l.validUntil)).toBe(true);
        expect(l.validUntil > l.issuedAt).toBe(true);
        if (l.validUntil < DEMO_TODAY) expiredLicences++;
      }
      const medical = licences.find((l) => l.kind === 'medical');
      expect(Boolean(medical)).toBe(isMedicalEntity(e));
      if (medical) {
        expect(medical.number).toHaveLength(22);
        expect(medical.scope!.length).toBeGreaterThan(0);
        const period = (e.beds ?? 0) >= 100 ? 3 : 1;
        const years = Number(medical.nextCheckAt!.slice(0, 4)) - Number(medical.issuedAt.slice(0, 4));
        expect(years % period, `${e.name} ${medical.issuedAt} ${medical.nextCheckAt}`).toBe(0);
        expect(years).toBeGreaterThan(0);
      }
      if (e.categories.some((c) => c.startsWith('public_place.lodging') || c === 'public_place.beauty' || c === 'public_place.swimming' || c === 'public_place.bathing')) {
        expect(licences.some((l) => l.kind === 'public_place')).toBe(true);
      }
      if (e.categories.some((c) => c === 'water.central' || c === 'disinfection_product' || c === 'tableware')) {
        expect(licences.some((l) => l.kind === 'health')).toBe(true);
      }
      expect(licences.some((l) => l.kind === 'radiation')).toBe(e.categories.includes('radiation'));
    }
    expect(operating / city.entities.length).toBeGreaterThan(0.9);
    expect(operating).toBeLessThan(city.entities.length);
    expect(expiredLicences).toBeGreaterThan(0);
    expect(expiredLicences).toBeLessThan(licenceCount * 0.2);
    const numbers = city.entities.flatMap((e) => (e.licences as DemoLicence[]).filter((l) => l.kind === 'medical').map((l) => l.number));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe('practitioners', () => {
  it('are ~1500 valid records at medical entities', () => {
    const { practitioners } = city;
    expect(practitioners).toHaveLength(1500);
    const entityById = new Map(city.entities.map((e) => [e.id, e]));
    const districts = new Set(city.regions.filter((r) => r.level === 3).map((r) => r.code));
    for (const p of practitioners) {
      expect(p.idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(p.idNumber[17]).toBe(mod11_2(p.idNumber.slice(0, 17)));
      expect(districts.has(p.idNumber.slice(0, 6))).toBe(true);
      const birth = `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`;
      expect(isRealDate(birth)).toBe(true);
      expect(birth >= '1960-01-01' && birth <= '2000-12-31').toBe(true);
      expect(Number(p.idNumber[16]) % 2).toBe(p.gender === '男' ? 1 : 0);
      expect(p.certificateNo).toMatch(/^\d{15}$/);
      expect(['执业医师', '执业助理医师', '注册护士', '乡村医生']).toContain(p.category);
      expect(p.practiceScope).toBeTruthy();
      const entity = entityById.get(p.entityId!);
      expect(entity).toBeDefined();
      expect(isMedicalEntity(entity!)).toBe(true);
      expect(p.regionCode).toBe(entity!.regionCode);
      expect(p.id).toMatch(UUID_V4);
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
      if (p.category === '乡村医生') expect(entity!.categories).toContain('medical.village');
    }
    expect(new Set(practitioners.map((p) => p.idNumber)).size).toBe(practitioners.length);
    expect(new Set(practitioners.map((p) => p.certificateNo)).size).toBe(practitioners.length);
    expect(new Set(practitioners.map((p) => p.category)).size).toBe(4);
  });

  it('honours the requested count', () => {
    const small = generateDemoCity({ seed: 'small', entities: 300, practitioners: 40 });
    expect(small.entities).toHaveLength(300);
    expect(small.practitioners).toHaveLength(40);
    // even a small city uses every category
    const used = new Set(small.entities.flatMap((e) => e.categories));
    for (const c of CATEGORIES) expect(used.has(c.code), c.code).toBe(true);
  });
});

describe('ids', () => {
  it('are unique v4 uuids across all tables', () => {
    const ids = [
      ...city.regions, ...city.gridCells, ...city.agencies, ...city.inspectors, ...city.entities, ...city.practitioners,
    ].map((r) => r.id!);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('demo users', () => {
  it('has one account per role with existing agencies and regions', () => {
    const byName = new Map(city.users.map((u) => [u.username, u]));
    expect([...byName.keys()].sort()).toEqual(['admin', 'assistant', 'chief', 'head', 'inspector', 'inspector2', 'legal', 'unit']);
    const agencyByKey = new Map(city.agencies.map((a) => [a.key, a]));
    for (const u of city.users) {
      const agency = agencyByKey.get(u.agencyCode);
      expect(agency, u.username).toBeDefined();
      expect(regionByCode.has(u.regionCode)).toBe(true);
      expect(u.displayName).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(u.roles).toHaveLength(1);
      if (u.username !== 'assistant') expect(u.regionCode).toBe(agency!.regionCode);
    }
    expect(byName.get('inspector2')!.roles).toEqual(['inspector']);
    expect(byName.get('inspector2')!.agencyCode).toBe('d2');
    const d1 = agencyByKey.get('d1')!;
    const assistant = byName.get('assistant')!;
    expect(regionByCode.get(assistant.regionCode)!.level).toBe(4);
    expect(regionByCode.get(assistant.regionCode)!.parentCode).toBe(d1.regionCode);
    expect(city.gridCells.some((g) => g.assistantName === assistant.displayName && g.regionCode.startsWith(assistant.regionCode))).toBe(true);

    const unit = byName.get('unit')!;
    const clinic = city.entities.find((e) => e.creditCode === unit.entityCreditCode);
    expect(clinic).toBeDefined();
    expect(clinic!.categories).toContain('medical.clinic');
    expect(clinic!.regionCode.startsWith(d1.regionCode)).toBe(true);
    expect(clinic!.operatingStatus).toBe('operating');

    const inspector = byName.get('inspector')!;
    const linked = city.inspectors.filter((i) => i.name === inspector.displayName);
    expect(linked).toHaveLength(1);
    expect(linked[0].agencyId).toBe(d1.id);
    expect(linked[0].credentialExpiry > DEMO_TODAY).toBe(true);
    const inspector2 = byName.get('inspector2')!;
    expect(city.inspectors.find((i) => i.name === inspector2.displayName)?.agencyId).toBe(agencyByKey.get('d2')!.id);
  });
});

describe('generateEntityBatches', () => {
  let rows: EntityInsert[];
  beforeAll(() => {
    rows = [];
    for (const batch of generateEntityBatches(city, 20000, { batchSize: 3000 })) {
      expect(batch.length).toBeLessThanOrEqual(3000);
      rows.push(...batch);
    }
  });

  it('yields unique valid codes, distinct from the city', () => {
    expect(rows).toHaveLength(20000);
    const codes = new Set(rows.map((e) => e.creditCode));
    expect(codes.size).toBe(20000);
    for (const c of codes) expect(isValidCreditCode(c)).toBe(true);
    for (const e of city.entities) expect(codes.has(e.creditCode)).toBe(false);
    expect(new Set(rows.map((e) => e.id)).size).toBe(20000);
  });

  it('is consistent with the city regions and grids', () => {
    const grids = new Set(city.gridCells.map((g) => g.code));
    for (const e of rows) {
      expect([4, 5]).toContain(regionByCode.get(e.regionCode)?.level);
      expect(grids.has(e.gridCode!)).toBe(true);
      expect(e.gridCode!.startsWith(e.regionCode)).toBe(true);
    }
  });

  it('does not depend on the batch size and supports random access', () => {
    const other = [...generateEntityBatches(city, 5000, { batchSize: 777 })].flat();
    expect(other).toEqual(rows.slice(0, 5000));
    const windowed = [...generateEntityBatches(city, 100, { startIndex: city.entities.length + 4000 })].flat();
    expect(windowed).toEqual(rows.slice(4000, 4100));
  });

  it('encodes the index in the credit code invertibly (so codes never repeat across indices)', () => {
    city.entities.forEach((e, i) => expect(entityIndexFromCreditCode(e.creditCode)).toBe(i));
    rows.forEach((e, i) => expect(entityIndexFromCreditCode(e.creditCode)).toBe(city.entities.length + i));
    fc.assert(fc.property(fc.integer({ min: 0, max: 31 ** 6 - 1 }), fc.string(), (index, seed) => {
      const [[e]] = [...generateEntityBatches(city, 1, { startIndex: index, seed })];
      return isValidCreditCode(e.creditCode) && entityIndexFromCreditCode(e.creditCode) === index;
    }), { numRuns: 300 });
    expect(() => [...generateEntityBatches(city, 1, { startIndex: 31 ** 6 })]).toThrow(RangeError);
  });

  it('keeps codes unique for arbitrary disjoint index windows, even across seeds', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 800_000_000 }), fc.integer({ min: 1, max: 800_000_000 }), (a, gap) => {
      const first = [...generateEntityBatches(city, 30, { startIndex: a, seed: 'p' })].flat();
      const second = [...generateEntityBatches(city, 30, { startIndex: a + 30 + (gap % 50_000_000), seed: 'q' })].flat();
      const codes = new Set([...first, ...second].map((e) => e.creditCode));
      return codes.size === 60 && [...codes].every(isValidCreditCode);
    }), { numRuns: 50 });
  });
});
