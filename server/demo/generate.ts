/**
 * Deterministic generator of a fictional prefecture-level city (澄江市) for the demo and benchmarks:
 * regions, grid cells, agencies, inspectors, supervised entities, practitioners and demo accounts.
 *
 * Pure: no database, no I/O, no clock. The same seed always yields byte-identical output (ids included).
 * Entities are generated per index from an independent PRNG stream, so benchmarks can produce millions of
 * rows in batches with flat memory; credit codes are unique because nine of their characters encode the
 * index bijectively (see `creditCodeBody`).
 */
import type { agencies, entities, gridCells, inspectors, practitioners, regions } from '../db/schema/registers';
import { withCheckChar, CREDIT_CODE_ALPHABET } from '../domains/entities/credit-code';
import { CATEGORIES, LICENCE_KINDS, OPERATING_STATUSES } from '../domains/entities/categories';
import { parentRegionCode, regionLevel } from '../domains/regions/region-code';
import { Rng, cyrb128, weightedPicker } from './prng';
import {
  AREA_CODE, BEAUTY_DEPARTMENTS, BRAND_WORDS, CHINESE_ORDINALS, CITY, CLINIC_DEPARTMENTS, COMMON_SURNAME_COUNT,
  COMMUNITY_WORDS, DEMO_USER_NAMES, DISTRICTS, ESTATE_SUFFIX, FEMALE_GIVEN, HOSPITAL_DEPARTMENTS, INDUSTRIES,
  MALE_GIVEN, MOBILE_PREFIXES, PHYSICIAN_SCOPES, PLACE_FIRST, PLACE_SECOND, PROVINCE, ROAD_PREFIX, ROAD_SUFFIX,
  SURNAMES,
} from './names';

export type RegionInsert = typeof regions.$inferInsert;
export type GridInsert = typeof gridCells.$inferInsert;
export type AgencyInsert = typeof agencies.$inferInsert;
export type InspectorInsert = typeof inspectors.$inferInsert;
export type EntityInsert = typeof entities.$inferInsert;
export type PractitionerInsert = typeof practitioners.$inferInsert;
export type DemoPractitioner = Omit<PractitionerInsert, 'idNumberEnc' | 'idNumberHash' | 'idNumberMasked'> & {
  idNumber: string;
};

/** Shape of one element of `entities.licences` as produced here. */
export interface DemoLicence {
  kind: keyof typeof LICENCE_KINDS;
  number: string;
  scope?: string[];
  issuedAt: string;
  validUntil: string;
  nextCheckAt?: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  roles: string[];
  /** The `key` of an agency in `DemoCity.agencies`. */
  agencyCode: string;
  regionCode: string;
  entityCreditCode?: string;
  /** The grid cell a 协管员 patrols (grid_cells.assistant_user_id is set to the account). */
  gridCode?: string;
}

export interface DemoCity {
  cityName: string;
  cityCode: string;
  regions: RegionInsert[];
  gridCells: GridInsert[];
  agencies: (AgencyInsert & { key: string })[];
  inspectors: InspectorInsert[];
  entities: EntityInsert[];
  practitioners: DemoPractitioner[];
  users: DemoUser[];
}

/** The demo's notion of "today": licence and credential dates are spread around it. */
export const DEMO_TODAY = '2026-11-22';
export const DEFAULT_DEMO_SEED = 'weijian-demo';

// ---------------------------------------------------------------------------------------------------------
// small helpers

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Days since 1970-01-01 for a civil date. */
function toDays(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / 86400000);
}
function parseDays(iso: string): number {
  return toDays(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));
}
/** Civil date for a day number (H. Hinnant's algorithm), 'YYYY-MM-DD'. */
function fromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad(m, 2)}-${pad(d, 2)}`;
}
function addYears(iso: string, years: number): string {
  const y = +iso.slice(0, 4) + years;
  const md = iso.slice(5);
  return `${y}-${md === '02-29' ? '02-28' : md}`;
}
const TODAY = parseDays(DEMO_TODAY);

const RESERVED_NAMES: ReadonlySet<string> = new Set(Object.values(DEMO_USER_NAMES));

/** A random Chinese name; never one of the demo accounts' names (so those stay unambiguous). */
function personName(rng: Rng, gender?: '男' | '女'): string {
  for (;;) {
    const surname = rng.chance(0.55) ? SURNAMES[rng.int(0, COMMON_SURNAME_COUNT - 1)] : rng.pick(SURNAMES);
    const g = gender ?? (rng.chance(0.5) ? '男' : '女');
    const name = surname + rng.pick(g === '男' ? MALE_GIVEN : FEMALE_GIVEN);
    if (!RESERVED_NAMES.has(name)) return name;
  }
}
const mobile = (rng: Rng): string => rng.pick(MOBILE_PREFIXES) + rng.digits(8);
const landline = (rng: Rng): string => `${AREA_CODE}-8${rng.digits(7)}`;
const brand = (rng: Rng): string => rng.pick(BRAND_WORDS);
const ordinal = (n: number): string => (n <= 10 ? CHINESE_ORDINALS[n - 1] : String(n));

export { residentIdCheckChar } from '../domains/practitioners/resident-id';
import { residentIdCheckChar } from '../domains/practitioners/resident-id';

// ---------------------------------------------------------------------------------------------------------
// credit codes: 2 kind chars + 6 district digits + 9 body chars + check char

const A31 = CREDIT_CODE_ALPHABET;
const SCRAMBLE_MOD = 31 ** 6; // 887,503,681 distinct indices
const SCRAMBLE_MUL = 1_000_003; // prime, coprime with 31 → x ↦ (x·MUL + ADD) mod 31⁶ is a bijection
const SCRAMBLE_ADD = 123_456_789;

/**
 * The 9-character 主体标识码: six characters are a bijective scramble of the index (unique across
 * batches and runs, whatever the seed), three are random. Index < 31⁶.
 */
function creditCodeBody(index: number, rng: Rng): string {
  if (!Number.isSafeInteger(index) || index < 0 || index >= SCRAMBLE_MOD) throw new RangeError('entity index out of range');
  let x = (index * SCRAMBLE_MUL + SCRAMBLE_ADD) % SCRAMBLE_MOD;
  const s: string[] = [];
  for (let i = 0; i < 6; i++) {
    s.push(A31[x % 31]);
    x = Math.floor(x / 31);
  }
  const r = () => A31[rng.int(0, 30)];
  return r() + s[0] + s[1] + r() + s[2] + s[3] + r() + s[4] + s[5];
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return ((s0 % m) + m) % m;
}
const SCRAMBLE_INV = modInverse(BigInt(SCRAMBLE_MUL), BigInt(SCRAMBLE_MOD));

/**
 * The generator index encoded in a demo credit code (inverse of `creditCodeBody`). Its existence is what
 * makes codes unique per index; benchmarks can also use it to map a code back to its row.
 */
export function entityIndexFromCreditCode(code: string): number {
  const body = code.slice(8, 17);
  const chars = [body[1], body[2], body[4], body[5], body[7], body[8]];
  let x = 0;
  for (let i = 5; i >= 0; i--) {
    const v = A31.indexOf(chars[i]);
    if (v < 0) throw new Error('not a credit code');
    x = x * 31 + v;
  }
  const m = BigInt(SCRAMBLE_MOD);
  return Number((((BigInt(x) - BigInt(SCRAMBLE_ADD)) % m + m) % m * SCRAMBLE_INV) % m);
}

// ---------------------------------------------------------------------------------------------------------
// geography context (derived from the city, so batches stay consistent with it)

interface District { code: string; name: string; docPrefix: string; idx: number }
interface Town { code: string; name: string; short: string; isStreet: boolean; district: District; roads: string[]; lng: number; lat: number; villages: number[] }
interface Village { code: string; name: string; grid: string; town: Town; lng: number; lat: number }
interface Ctx { cityName: string; cityCode: string; districts: District[]; towns: Town[]; villages: Village[] }

function hashUnit(key: string): [number, number, number, number] {
  const h = cyrb128(key);
  return [h[0] / 4294967296, h[1] / 4294967296, h[2] / 4294967296, h[3] / 4294967296];
}
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function buildContext(city: Pick<DemoCity, 'cityName' | 'cityCode' | 'regions' | 'gridCells' | 'agencies'>): Ctx {
  const prefixByRegion = new Map<string, string>();
  for (const a of city.agencies) if (a.level === '区县') prefixByRegion.set(a.regionCode, a.docPrefix);
  const gridByRegion = new Map<string, string>();
  for (const g of city.gridCells) if (!gridByRegion.has(g.regionCode)) gridByRegion.set(g.regionCode, g.code);

  const sorted = [...city.regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const districts: District[] = [];
  const districtByCode = new Map<string, District>();
  const towns: Town[] = [];
  const townByCode = new Map<string, Town>();
  const villages: Village[] = [];
  for (const r of sorted) {
    if (r.level === 3) {
      const d: District = { code: r.code, name: r.name, docPrefix: prefixByRegion.get(r.code) ?? `${r.name[0]}卫`, idx: districts.length };
      districts.push(d);
      districtByCode.set(r.code, d);
    }
  }
  for (const r of sorted) {
    if (r.level !== 4) continue;
    const district = districtByCode.get(r.code.slice(0, 6));
    if (!district) continue;
    const [j1, j2] = hashUnit(`${city.cityCode}:d:${district.code}`);
    const dLng = 120.12 + (district.idx % 3) * 0.18 + (j1 - 0.5) * 0.02;
    const dLat = 31.35 + (Math.floor(district.idx / 3) % 2) * 0.3 + (j2 - 0.5) * 0.02;
    const [u1, u2] = hashUnit(`${city.cityCode}:t:${r.code}`);
    const roadRng = new Rng(`${city.cityCode}:roads:${r.code}`);
    const roads = roadRng.sample(ROAD_PREFIX, 6).map((p) => p + roadRng.pick(ROAD_SUFFIX));
    const t: Town = {
      code: r.code, name: r.name, short: r.name.replace(/(街道|镇|乡)$/, ''), isStreet: r.name.endsWith('街道'),
      district, roads, lng: dLng + (u1 - 0.5) * 0.14, lat: dLat + (u2 - 0.5) * 0.14, villages: [],
    };
    towns.push(t);
    townByCode.set(r.code, t);
  }
  for (const r of sorted) {
    if (r.level !== 5) continue;
    const town = townByCode.get(r.code.slice(0, 9));
    if (!town) continue;
    const [u1, u2] = hashUnit(`${city.cityCode}:v:${r.code}`);
    town.villages.push(villages.length);
    villages.push({
      code: r.code, name: r.name, grid: gridByRegion.get(r.code) ?? `${r.code}01`, town,
      lng: town.lng + (u1 - 0.5) * 0.05, lat: town.lat + (u2 - 0.5) * 0.05,
    });
  }
  if (villages.length === 0) throw new Error('the city has no villages');
  return { cityName: city.cityName, cityCode: city.cityCode, districts, towns, villages };
}

// ---------------------------------------------------------------------------------------------------------
// entity kinds

type Prefix = '12' | '52' | '91' | '92';
type MedKind = 'hospital' | 'clinic' | 'village' | 'beauty' | 'other';

interface Shape {
  name: string;
  categories: string[];
  prefix: Prefix;
  beds: number | null;
  atTown?: boolean;
  /** Medical licence: kind of institution and 诊疗科目. */
  medical?: { kind: MedKind; departments: string[] };
  publicPlace?: string[] | false;
  health?: { word: string; scope: string[] };
  other?: string[];
  branchWord: string;
}

interface Place { d: District; t: Town; v: Village }

const KIND_WEIGHTS = [
  ['clinic', 90], ['hospital_public', 4], ['hospital_private', 5], ['township_hc', 8], ['village_clinic', 80],
  ['dental', 30], ['imaging', 2], ['med_beauty', 12], ['medical_other', 4], ['occ_exam', 2], ['cdc', 2],
  ['lodging', 130], ['swimming', 20], ['bathing', 40], ['beauty_salon', 250], ['pp_other', 45], ['pp_generic', 8],
  ['school', 60], ['water_central', 5], ['water_secondary', 60], ['water_product', 8], ['water_generic', 5],
  ['disinfection', 8], ['tableware', 6], ['occ_employer', 110], ['occ_service', 3],
] as const;
type KindKey = (typeof KIND_WEIGHTS)[number][0];
/** The first entities of a city take each kind once, so every category appears even in tiny cities. */
const KIND_ORDER: readonly KindKey[] = KIND_WEIGHTS.map((k) => k[0]);
const pickKind = weightedPicker<KindKey>(KIND_WEIGHTS);

const withExtra = (base: string[], rng: Rng, extra: [string, number][]): string[] => {
  const out = base.slice();
  for (const [code, p] of extra) if (rng.chance(p)) out.push(code);
  return out;
};

/** Core 诊疗科目 of private specialty hospitals, by the specialty in their name. */
const SPECIALTY_DEPARTMENTS: Record<string, string[]> = {
  骨科: ['外科', '康复医学科'], 眼科: ['眼科'], 妇产: ['妇产科', '预防保健科'], 口腔: ['口腔科'], 康复: ['康复医学科', '内科'],
  肛肠: ['外科', '中医科'], 中西医结合: ['中西医结合科', '内科', '外科'], 护理: ['内科', '康复医学科'],
  老年病: ['内科', '康复医学科', '全科医疗科'], 心血管病: ['内科', '重症医学科'],
};

function shapeFor(kind: KindKey, rng: Rng, ctx: Ctx, p: Place, legalRep: string): Shape {
  const { d, t, v } = p;
  const city = ctx.cityName;
  const cityShort = city.replace(/市$/, '');
  switch (kind) {
    case 'clinic': {
      const prefix = rng.weighted<Prefix>([['92', 0.5], ['52', 0.3], ['91', 0.2]]);
      const form = rng.int(0, 4);
      const name = form === 0 ? `${d.name}${t.name}${brand(rng)}诊所`
        : form === 1 ? `${legalRep}${rng.pick(['', '内科', '中医', '中西医结合', '儿科'])}诊所`
          : form === 2 ? `${cityShort}${brand(rng)}门诊部`
            : form === 3 ? `${t.name}${brand(rng)}中医诊所`
              : `${t.short}${brand(rng)}诊所`;
      const departments = name.includes('中医') ? ['中医科'] : rng.sample(CLINIC_DEPARTMENTS, rng.int(1, 3));
      return {
        name, prefix, beds: rng.chance(0.5) ? 0 : null, categories: withExtra(['medical.clinic'], rng, [['infectious', 0.04]]),
        medical: { kind: 'clinic', departments }, branchWord: '分诊所',
      };
    }
    case 'hospital_public': {
      const form = rng.int(0, 7);
      let name: string;
      let beds: number;
      let departments: string[] = rng.sample(HOSPITAL_DEPARTMENTS, rng.int(10, 18));
      if (form <= 1) { name = `${city}第${ordinal(rng.int(1, 5))}人民医院`; beds = rng.int(500, 1200); }
      else if (form === 2) { name = `${city}中医医院`; beds = rng.int(300, 800); departments = [...new Set(['中医科', '中西医结合科', ...departments])]; }
      else if (form === 3) { name = `${city}${rng.pick(['妇幼保健院', '精神卫生中心', '第三人民医院', '传染病医院'])}`; beds = rng.int(100, 500); }
      else if (form <= 5) { name = `${d.name}人民医院`; beds = rng.int(200, 800); }
      else if (form === 6) { name = `${d.name}中医医院`; beds = rng.int(100, 400); departments = [...new Set(['中医科', ...departments])]; }
      else { name = `${d.name}妇幼保健院`; beds = rng.int(60, 300); departments = [...new Set(['妇产科', '儿科', '预防保健科', ...departments])]; }
      return {
        name, prefix: '12', beds, atTown: true,
        categories: withExtra(['medical.hospital'], rng, [['radiation', 0.9], ['infectious', 0.95]]),
        medical: { kind: 'hospital', departments }, branchWord: '分院',
      };
    }
    case 'hospital_private': {
      const spec = rng.pick(['', '', '骨科', '眼科', '妇产', '口腔', '康复', '肛肠', '中西医结合', '护理', '老年病', '心血管病']);
      const name = rng.chance(0.7) ? `${cityShort}${brand(rng)}${spec}医院` : `${d.name}${brand(rng)}${spec}医院`;
      const big = spec === '康复' || spec === '护理' || spec === '老年病' || spec === '';
      const core = SPECIALTY_DEPARTMENTS[spec];
      const departments = core
        ? [...new Set([...core, ...rng.sample(['内科', '麻醉科', '医学检验科', '医学影像科', '中医科'], rng.int(1, 3))])]
        : rng.sample(HOSPITAL_DEPARTMENTS, rng.int(4, 10));
      return {
        name, prefix: rng.chance(0.7) ? '91' : '52', beds: rng.int(20, big ? 300 : 150),
        categories: withExtra(['medical.hospital'], rng, [['radiation', 0.6], ['infectious', 0.5]]),
        medical: { kind: 'hospital', departments }, branchWord: '分院',
      };
    }
    case 'township_hc': {
      const name = t.isStreet ? `${t.name}社区卫生服务中心` : `${t.name}${rng.chance(0.3) ? '中心' : ''}卫生院`;
      const departments = [...new Set(['预防保健科', '全科医疗科', ...rng.sample(['内科', '外科', '妇产科', '儿科', '中医科', '口腔科', '医学检验科', '医学影像科'], rng.int(3, 7))])];
      return {
        name, prefix: '12', beds: rng.int(20, 99), atTown: true,
        categories: withExtra(['medical.hospital'], rng, [['radiation', 0.6], ['infectious', 0.8]]),
        medical: { kind: 'hospital', departments }, branchWord: '分院',
      };
    }
    case 'village_clinic': {
      const name = `${t.name}${v.name}${v.name.endsWith('社区') ? '卫生服务站' : '卫生室'}`;
      return {
        name, prefix: rng.chance(0.6) ? '52' : '12', beds: null, categories: ['medical.village'],
        medical: { kind: 'village', departments: rng.chance(0.5) ? ['全科医疗科'] : ['预防保健科', '全科医疗科', ...(rng.chance(0.3) ? ['中医科'] : [])] },
        branchWord: '分站',
      };
    }
    case 'dental': {
      const form = rng.int(0, 2);
      const name = form === 0 ? `${legalRep}口腔诊所` : form === 1 ? `${cityShort}${brand(rng)}口腔门诊部` : `${t.short}${brand(rng)}口腔诊所`;
      const categories = withExtra(['medical.clinic'], rng, [['radiation', 0.35]]);
      return {
        name, prefix: rng.chance(0.5) ? '92' : '91', beds: rng.chance(0.5) ? 0 : null, categories,
        medical: { kind: 'clinic', departments: categories.includes('radiation') ? ['口腔科', '医学影像科'] : ['口腔科'] },
        branchWord: '分诊所',
      };
    }
    case 'imaging':
      return {
        name: `${cityShort}${brand(rng)}医学影像诊断中心`, prefix: '91', beds: null, categories: ['medical.clinic', 'radiation'],
        medical: { kind: 'clinic', departments: rng.chance(0.5) ? ['医学影像科'] : ['医学影像科', '医学检验科'] }, branchWord: '分中心',
      };
    case 'med_beauty': {
      const form = rng.int(0, 2);
      const name = form === 0 ? `${cityShort}${brand(rng)}医疗美容门诊部` : form === 1 ? `${brand(rng)}医疗美容诊所` : `${cityShort}${brand(rng)}整形美容门诊部`;
      return {
        name, prefix: rng.chance(0.8) ? '91' : '92', beds: rng.chance(0.3) ? rng.int(2, 20) : 0, categories: ['medical.beauty'],
        medical: { kind: 'beauty', departments: ['医疗美容科', ...rng.sample(BEAUTY_DEPARTMENTS.slice(1), rng.int(1, 3))] }, branchWord: '分部',
      };
    }
    case 'medical_other': {
      const form = rng.int(0, 3);
      if (form === 0) return { name: `${city}急救中心${d.name}分站`, prefix: '12', beds: null, categories: ['medical'], medical: { kind: 'other', departments: ['急诊医学科'] }, branchWord: '站点' };
      if (form === 1) return { name: `${city}中心血站${t.short}献血点`, prefix: '12', beds: null, categories: ['medical'], medical: { kind: 'other', departments: ['医学检验科'] }, branchWord: '站点' };
      if (form === 2) return { name: `${cityShort}${brand(rng)}医学检验实验室`, prefix: '91', beds: null, categories: ['medical'], medical: { kind: 'other', departments: ['医学检验科', '病理科'] }, branchWord: '分部' };
      return { name: `${d.name}${brand(rng)}血液透析中心`, prefix: '91', beds: rng.int(10, 40), categories: ['medical'], medical: { kind: 'other', departments: ['内科'] }, branchWord: '分部' };
    }
    case 'occ_exam': {
      const pub = rng.chance(0.3);
      return {
        name: pub ? `${d.name}职业病防治所` : `${cityShort}${brand(rng)}职业健康体检中心`, prefix: pub ? '12' : '91', beds: null,
        categories: withExtra(['medical', 'occupational'], rng, [['radiation', 0.5]]),
        medical: { kind: 'other', departments: ['职业病科', '医学检验科', '医学影像科'] }, branchWord: '分部',
      };
    }
    case 'cdc': {
      const name = rng.chance(0.2) ? `${city}疾病预防控制中心` : rng.chance(0.5) ? `${d.name}疾病预防控制中心` : `${t.name}预防接种门诊`;
      return { name, prefix: '12', beds: null, atTown: true, categories: ['infectious'], branchWord: '分部' };
    }
    case 'lodging': {
      const form = rng.int(0, 8);
      const b = brand(rng);
      const name = [`${cityShort}${b}大酒店`, `${b}宾馆`, `${b}快捷酒店`, `${b}商务酒店`, `${t.short}${b}旅馆`, `${t.short}${b}民宿`,
        `${b}精品酒店`, `${t.short}${b}招待所`, `${b}假日酒店`][form];
      const categories = withExtra(['public_place.lodging'], rng, [['public_place.swimming', form === 0 || form === 8 ? 0.4 : 0.02]]);
      return {
        name, prefix: form === 4 || form === 5 || form === 7 ? '92' : '91', beds: null, categories,
        publicPlace: categories.includes('public_place.swimming') ? ['住宿', '游泳'] : ['住宿'], branchWord: '分店',
      };
    }
    case 'swimming': {
      const form = rng.int(0, 3);
      const name = [`${brand(rng)}游泳馆`, `${brand(rng)}健身游泳中心`, `${d.name}全民健身中心游泳馆`, `${t.short}${brand(rng)}水上乐园`][form];
      return { name, prefix: form === 2 ? '12' : '91', beds: null, categories: ['public_place.swimming'], publicPlace: ['游泳'], branchWord: '分馆' };
    }
    case 'bathing': {
      const name = `${rng.chance(0.3) ? t.short : ''}${brand(rng)}${rng.pick(['浴室', '足浴店', '洗浴中心', '汗蒸馆', '沐浴会所'])}`;
      return { name, prefix: rng.chance(0.6) ? '92' : '91', beds: null, categories: ['public_place.bathing'], publicPlace: rng.chance(0.5) ? ['沐浴'] : ['沐浴', '足浴'], branchWord: '分店' };
    }
    case 'beauty_salon': {
      const kindWord = rng.pick(['美发店', '理发店', '美容美发店', '美甲店', '发艺', '美容院', '形象设计工作室', '发型设计', '美容养生馆']);
      const form = rng.int(0, 9);
      const name = form < 5 ? `${brand(rng)}${kindWord}` : form < 8 ? `${t.short}${brand(rng)}${kindWord}` : `${legalRep}${kindWord}`;
      const scope = kindWord.includes('美容') ? (kindWord.includes('美发') ? ['美容', '美发'] : ['美容']) : kindWord.includes('美甲') ? ['美容'] : ['美发'];
      return { name, prefix: rng.chance(0.85) ? '92' : '91', beds: null, categories: ['public_place.beauty'], publicPlace: scope, branchWord: '分店' };
    }
    case 'pp_other': {
      const form = rng.int(0, 9);
      const b = brand(rng);
      const opts: [string, Prefix, string][] = [
        [`${b}影城`, '91', '影剧院'], [`${b}KTV`, '91', '歌舞厅'], [`${b}购物中心`, '91', '商场'], [`${t.short}${b}商场`, '91', '商场'],
        [`${d.name}图书馆`, '12', '图书馆'], [`${d.name}文化馆`, '12', '文化馆'], [`${b}网吧`, '92', '游艺厅'],
        [`${b}健身中心`, '91', '体育场馆'], [`${d.name}体育馆`, '12', '体育场馆'], [`${t.short}${b}超市`, '91', '商场'],
      ];
      const [name, prefix, scope] = opts[form];
      return { name, prefix, beds: null, categories: ['public_place.other'], publicPlace: rng.chance(0.7) ? [scope] : false, branchWord: '分店' };
    }
    case 'pp_generic': {
      const form = rng.int(0, 3);
      const name = [`${t.name}汽车站候车室`, `${d.name}博物馆`, `${cityShort}${brand(rng)}会展中心`, `${d.name}青少年活动中心`][form];
      return { name, prefix: form === 2 ? '91' : '12', beds: null, categories: ['public_place'], publicPlace: rng.chance(0.5) ? ['公共场所'] : false, branchWord: '分部' };
    }
    case 'school': {
      const form = rng.int(0, 10);
      const opts: [string, Prefix][] = [
        [`${t.name}中心小学`, '12'], [`${t.short}中学`, '12'], [`${t.name}中心幼儿园`, '12'], [`${v.name}小学`, '12'],
        [`${city}第${ordinal(rng.int(1, 12))}中学`, '12'], [`${d.name}实验小学`, '12'], [`${d.name}实验幼儿园`, '12'],
        [`${brand(rng)}幼儿园`, '52'], [`${cityShort}${brand(rng)}外国语学校`, '52'], [`${city}${t.short}高级中学`, '12'],
        [`${t.short}初级中学`, '12'],
      ];
      const [name, prefix] = opts[form];
      return { name, prefix, beds: null, categories: ['school'], branchWord: '校区' };
    }
    case 'water_central': {
      const form = rng.int(0, 2);
      const name = form === 0 ? `${t.short}水厂` : form === 1 ? `${d.name}第${ordinal(rng.int(1, 4))}水厂` : `${cityShort}${brand(rng)}水务有限公司${t.short}水厂`;
      return { name, prefix: form === 2 ? '91' : '12', beds: null, atTown: true, categories: ['water.central'], health: { word: '水证字', scope: ['集中式供水'] }, branchWord: '分厂' };
    }
    case 'water_secondary': {
      const name = `${rng.chance(0.3) ? t.short : ''}${brand(rng)}${rng.pick(ESTATE_SUFFIX)}${rng.chance(0.5) ? '小区' : ''}二次供水设施`.replace('小区小区', '小区');
      return {
        name, prefix: '91', beds: null, categories: ['water.secondary'],
        health: rng.chance(0.5) ? { word: '水证字', scope: ['二次供水'] } : undefined, branchWord: '期',
      };
    }
    case 'water_product': {
      const name = `${cityShort}${brand(rng)}${rng.pick(['净水设备有限公司', '水处理科技有限公司', '管业有限公司', '涉水材料有限公司'])}`;
      return { name, prefix: '91', beds: null, categories: ['water.product'], health: { word: '水证字', scope: ['涉水产品生产'] }, branchWord: '分公司' };
    }
    case 'water_generic': {
      const form = rng.int(0, 2);
      const name = form === 0 ? `${d.name}${brand(rng)}工业园自建供水设施` : form === 1 ? `${t.short}${brand(rng)}${rng.pick(INDUSTRIES)}有限公司自备水源` : `${t.name}${v.name}农村供水站`;
      return { name, prefix: form === 1 ? '91' : '12', beds: null, categories: ['water'], health: { word: '水证字', scope: ['自建设施供水'] }, branchWord: '分站' };
    }
    case 'disinfection': {
      const name = `${cityShort}${brand(rng)}${rng.pick(['消毒用品有限公司', '卫生用品有限公司', '生物科技有限公司', '消毒剂厂'])}`;
      return { name, prefix: '91', beds: null, categories: ['disinfection_product'], health: { word: '消证字', scope: rng.sample(['消毒剂', '消毒器械', '卫生用品', '抗（抑）菌制剂'], rng.int(1, 3)) }, branchWord: '分公司' };
    }
    case 'tableware': {
      const form = rng.int(0, 2);
      const name = form === 0 ? `${cityShort}${brand(rng)}餐具消毒有限公司` : form === 1 ? `${d.name}${brand(rng)}餐饮具集中消毒中心` : `${t.short}${brand(rng)}餐具清洗消毒配送中心`;
      return { name, prefix: form === 2 ? '92' : '91', beds: null, categories: ['tableware'], health: { word: '餐消证字', scope: ['餐饮具集中消毒'] }, branchWord: '分公司' };
    }
    case 'occ_employer': {
      const form = rng.int(0, 3);
      const ind = rng.pick(INDUSTRIES);
      const name = form <= 1 ? `${cityShort}${brand(rng)}${ind}有限公司` : form === 2 ? `江苏${brand(rng)}${ind}股份有限公司` : `${cityShort}${t.short}${ind}厂`;
      return { name, prefix: '91', beds: null, categories: ['occupational.employer'], branchWord: '分厂' };
    }
    case 'occ_service': {
      const name = `${rng.chance(0.5) ? cityShort : '江苏'}${brand(rng)}${rng.pick(['检测技术有限公司', '职业卫生技术服务有限公司', '安全环境评价有限公司'])}`;
      return { name, prefix: '91', beds: null, categories: ['occupational.service'], other: ['职业病危害因素检测', '职业病危害评价'], branchWord: '分公司' };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// one entity

const pickStatus = weightedPicker<keyof typeof OPERATING_STATUSES>([
  ['operating', 95], ['suspended', 2], ['closed', 1.5], ['cancelled', 1.5],
]);
const MED_TYPE_CODE: Record<MedKind, string> = { hospital: 'A1', clinic: 'D1', village: 'J1', beauty: 'D2', other: 'Z1' };

/** Issue date for a licence valid for `years`: mostly current, ~8% already expired. */
function issueDate(rng: Rng, years: number, allowExpired: boolean): string {
  const span = years * 365;
  const offset = allowExpired && rng.chance(0.08) ? rng.int(span + 1, span + 700) : rng.int(20, span - 20);
  return fromDays(TODAY - offset);
}

interface EntityOptions {
  taken?: Set<string>;
  kind?: KindKey;
  village?: number;
  legalRep?: string;
  healthy?: boolean;
}

function makeEntity(ctx: Ctx, index: number, base: [number, number, number, number], o: EntityOptions = {}): EntityInsert {
  const rng = Rng.derive(base, index);
  const id = rng.uuid();
  const kind = o.kind ?? pickKind(rng);
  let v = ctx.villages[o.village ?? rng.int(0, ctx.villages.length - 1)];
  const legalRep = o.legalRep ?? personName(rng);
  const healthy = o.healthy ?? false;

  let place: Place = { d: v.town.district, t: v.town, v };
  let shape = shapeFor(kind, rng, ctx, place, legalRep);
  let name = shape.name;
  if (o.taken) {
    // avoid duplicate names: first redraw the name, then move to another village, then number a branch
    for (let attempt = 0; o.taken.has(name) && attempt < 10; attempt++) {
      if (attempt >= 4 && o.village === undefined) {
        v = ctx.villages[rng.int(0, ctx.villages.length - 1)];
        place = { d: v.town.district, t: v.town, v };
      }
      shape = shapeFor(kind, rng, ctx, place, legalRep);
      name = shape.name;
    }
    for (let k = 2; o.taken.has(name); k++) name = `${shape.name}第${ordinal(k)}${shape.branchWord}`;
    o.taken.add(name);
  }

  const regionCode = shape.atTown || rng.chance(0.1) ? v.town.code : v.code;
  const body = creditCodeBody(index, rng);
  const creditCode = withCheckChar(shape.prefix + place.d.code + body);
  const road = rng.pick(v.town.roads);
  const address = `${ctx.cityName}${place.d.name}${v.town.name}${road}${rng.int(1, 899)}号`;
  const lng = round6(v.lng + (rng.next() - 0.5) * 0.008);
  const lat = round6(v.lat + (rng.next() - 0.5) * 0.008);
  const contactPhone = rng.chance(0.6) ? mobile(rng) : landline(rng);
  const operatingStatus = healthy ? 'operating' : pickStatus(rng);

  const licences: DemoLicence[] = [];
  const seq = pad(index + 1, 6);
  const medicalIssued = shape.medical ? issueDate(rng, 5, !healthy) : null;
  if (shape.medical && medicalIssued) {
    const period = (shape.beds ?? 0) >= 100 ? 3 : 1;
    const issued = parseDays(medicalIssued);
    // 校验 dates run from the issue date in steps of `period` years; the next one is the first after today.
    let next = addYears(medicalIssued, period);
    for (let k = 2; parseDays(next) <= TODAY && k < 20; k++) next = addYears(medicalIssued, period * k);
    if (!healthy && rng.chance(0.06) && parseDays(next) - period * 365 > issued) next = addYears(next, -period); // 逾期未校验
    licences.push({
      kind: 'medical',
      // 登记号 (22 chars): 9-char 主体标识码 + 6-digit district + 2-char institution type + 1 ownership digit + 4 digits
      number: `${body}${place.d.code}${MED_TYPE_CODE[shape.medical.kind]}${shape.prefix === '12' ? '1' : shape.prefix === '52' ? '2' : '3'}${rng.digits(4)}`,
      scope: shape.medical.departments,
      issuedAt: medicalIssued,
      validUntil: addYears(medicalIssued, 5),
      nextCheckAt: next,
    });
  }
  if (shape.publicPlace) {
    const issuedAt = issueDate(rng, 4, !healthy);
    licences.push({
      kind: 'public_place', number: `${place.d.docPrefix}公证字〔${issuedAt.slice(0, 4)}〕第${place.d.code}-${seq}号`,
      scope: shape.publicPlace, issuedAt, validUntil: addYears(issuedAt, 4),
    });
  }
  if (shape.health) {
    const issuedAt = issueDate(rng, 4, !healthy);
    licences.push({
      kind: 'health', number: `${place.d.docPrefix}${shape.health.word}〔${issuedAt.slice(0, 4)}〕第${place.d.code}-${seq}号`,
      scope: shape.health.scope, issuedAt, validUntil: addYears(issuedAt, 4),
    });
  }
  if (shape.categories.includes('radiation')) {
    const issuedAt = medicalIssued ?? issueDate(rng, 4, !healthy);
    const beds = shape.beds ?? 0;
    const scope = shape.medical?.kind === 'hospital' && beds >= 300
      ? ['X射线影像诊断', ...rng.sample(['介入放射学', '核医学', '放射治疗'], rng.int(1, 3))]
      : shape.medical?.kind === 'hospital' && beds >= 100 && rng.chance(0.4)
        ? ['X射线影像诊断', '介入放射学']
        : ['X射线影像诊断'];
    let check = addYears(issuedAt, 2);
    for (let k = 2; parseDays(check) <= TODAY && k < 20; k++) check = addYears(issuedAt, 2 * k);
    licences.push({
      kind: 'radiation', number: `${place.d.docPrefix}放证字〔${issuedAt.slice(0, 4)}〕第${place.d.code}-${seq}号`,
      scope, issuedAt, validUntil: addYears(issuedAt, 5), nextCheckAt: check,
    });
  }
  if (shape.other) {
    const issuedAt = issueDate(rng, 5, !healthy);
    licences.push({
      kind: 'other', number: `苏卫职技字〔${issuedAt.slice(0, 4)}〕第${seq}号`, scope: shape.other, issuedAt, validUntil: addYears(issuedAt, 5),
    });
  }

  return {
    id, regionCode, creditCode, name, address, lng, lat, gridCode: v.grid, legalRep, contactPhone,
    categories: shape.categories, licences, beds: shape.beds, operatingStatus, riskGrade: null, creditClass: null,
  };
}

export const isMedicalEntity = (e: Pick<EntityInsert, 'categories'>): boolean =>
  e.categories.some((c) => c === 'medical' || c.startsWith('medical.'));

// ---------------------------------------------------------------------------------------------------------
// regions and grid cells

function placeName(rng: Rng, taken: Set<string>): string {
  for (let i = 0; i < 200; i++) {
    const n = rng.pick(PLACE_FIRST) + rng.pick(PLACE_SECOND);
    if (n[0] !== n[1] && !taken.has(n)) {
      taken.add(n);
      return n;
    }
  }
  throw new Error('place names exhausted');
}

function buildRegions(rng: Rng): RegionInsert[] {
  const out: RegionInsert[] = [];
  const add = (code: string, name: string, fullName: string) => {
    const level = regionLevel(code);
    if (!level) throw new Error(`bad region code ${code}`);
    out.push({ id: rng.uuid(), regionCode: code, code, parentCode: parentRegionCode(code), level, name, fullName });
  };
  add(PROVINCE.code, PROVINCE.name, PROVINCE.name);
  const cityFull = PROVINCE.name + CITY.name;
  add(CITY.code, CITY.name, cityFull);
  const townNames = new Set<string>();
  const villageNames = new Set<string>();
  const communityWords: string[] = rng.shuffle([...COMMUNITY_WORDS]);
  for (const d of DISTRICTS) {
    const dFull = cityFull + d.name;
    add(d.code, d.name, dFull);
    const nTowns = rng.int(9, 11);
    const nStreets = d.urban ? rng.int(6, 8) : rng.int(1, 2);
    for (let ti = 0; ti < nTowns; ti++) {
      const isStreet = ti < nStreets;
      const tCode = d.code + pad(isStreet ? ti + 1 : 100 + ti - nStreets + 1, 3);
      const tName = placeName(rng, townNames) + (isStreet ? '街道' : '镇');
      const tFull = dFull + tName;
      add(tCode, tName, tFull);
      const nVillages = rng.int(8, 12);
      const nCommunities = isStreet ? nVillages : rng.int(1, 2);
      for (let vi = 0; vi < nVillages; vi++) {
        const isCommunity = vi < nCommunities;
        const vCode = tCode + pad(isCommunity ? vi + 1 : 200 + vi - nCommunities + 1, 3);
        let base = isCommunity ? communityWords.pop() : undefined;
        if (base === undefined || villageNames.has(base)) base = placeName(rng, villageNames);
        else villageNames.add(base);
        const vName = base + (isCommunity ? '社区' : '村');
        add(vCode, vName, tFull + vName);
      }
    }
  }
  return out;
}

function buildGridCells(rng: Rng, regs: RegionInsert[]): GridInsert[] {
  return regs.filter((r) => r.level === 5).map((r) => ({
    id: rng.uuid(), regionCode: r.code, code: `${r.code}01`, name: `${r.name}第一网格`,
    assistantName: personName(rng), assistantPhone: mobile(rng),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// agencies, inspectors

type DemoAgency = AgencyInsert & { key: string };

function buildAgencies(rng: Rng, regs: RegionInsert[]): DemoAgency[] {
  const towns = regs.filter((r) => r.level === 4);
  const villageCount = new Map<string, number>();
  for (const r of regs) if (r.level === 5) villageCount.set(r.parentCode!, (villageCount.get(r.parentCode!) ?? 0) + 1);
  const address = (districtName: string) =>
    `${CITY.name}${districtName}${rng.pick(ROAD_PREFIX)}${rng.pick(ROAD_SUFFIX)}${rng.int(1, 300)}号`;

  const out: DemoAgency[] = [];
  const city: DemoAgency = {
    key: 'city', id: rng.uuid(), regionCode: CITY.code, name: `${CITY.name}卫生健康监督所`, shortName: `${CITY.name}卫监所`,
    level: '市', parentId: null, docPrefix: `${CITY.short}卫`, address: address(DISTRICTS[0].name), phone: landline(rng), headName: null,
  };
  out.push(city);
  const byDistrict = new Map<string, DemoAgency>();
  DISTRICTS.forEach((d, i) => {
    const a: DemoAgency = {
      key: `d${i + 1}`, id: rng.uuid(), regionCode: d.code, name: `${CITY.name}${d.name}卫生健康监督所`,
      shortName: `${d.name.slice(0, -1)}卫监所`, level: '区县', parentId: city.id, docPrefix: `${d.short}卫`,
      address: address(d.name), phone: landline(rng), headName: null,
    };
    out.push(a);
    byDistrict.set(d.code, a);
  });
  const usedPrefixes = new Set(out.map((a) => a.docPrefix));
  // branch offices (派出机构) in the largest non-street town of 云溪区, 澄北区 and 梅岭县
  [1, 3, 4].forEach((di, bi) => {
    const d = DISTRICTS[di];
    const candidates = towns.filter((t) => t.code.startsWith(d.code) && t.name.endsWith('镇'))
      .sort((a, b) => (villageCount.get(b.code) ?? 0) - (villageCount.get(a.code) ?? 0) || (a.code < b.code ? -1 : 1));
    const town = candidates.find((t) => !usedPrefixes.has(`${t.name[0]}卫`)) ?? candidates[0] ?? towns.find((t) => t.code.startsWith(d.code))!;
    let docPrefix = `${town.name[0]}卫`;
    if (usedPrefixes.has(docPrefix)) docPrefix = `${d.short}${town.name[0]}卫`;
    usedPrefixes.add(docPrefix);
    const parent = byDistrict.get(d.code)!;
    const short = town.name.replace(/(镇|街道)$/, '');
    out.push({
      key: `b${bi + 1}`, id: rng.uuid(), regionCode: town.code, name: `${parent.name}${short}分所`, shortName: `${short}分所`,
      level: '镇街', parentId: parent.id, docPrefix, address: `${CITY.name}${d.name}${town.name}${rng.pick(ROAD_PREFIX)}路${rng.int(1, 200)}号`,
      phone: landline(rng), headName: null,
    });
  });
  return out;
}

const TOP_LEVEL_CODES = CATEGORIES.filter((c) => !c.parent).map((c) => c.code);
const SUB_CODES = CATEGORIES.filter((c) => c.parent).map((c) => c.code);

const POSITIONS: Record<string, string[]> = {
  市: ['所长', '副所长', '副所长', '科长', '科长', '科长', '科长', '副科长', '副科长', '副科长', '副科长'],
  区县: ['所长', '副所长', '科长', '科长', '科长', '副科长', '副科长'],
  镇街: ['科长', '副科长'],
};
const INSPECTORS_PER_AGENCY: Record<string, number> = { 市: 20, 区县: 14, 镇街: 5 };

/** Inspectors who carry a demo user's name: [agency key, index within agency, user key, legal qualification]. */
const NAMED_INSPECTORS: [string, number, keyof typeof DEMO_USER_NAMES, boolean][] = [
  ['city', 0, 'head', false],
  ['city', 3, 'legal', true],
  ['d1', 2, 'chief', false],
  ['d1', 7, 'inspector', false],
  ['d2', 7, 'inspector2', false],
];

function buildInspectors(rng: Rng, agencyList: DemoAgency[]): InspectorInsert[] {
  const out: InspectorInsert[] = [];
  const usedNames = new Set<string>(RESERVED_NAMES);
  agencyList.forEach((agency, ai) => {
    const n = INSPECTORS_PER_AGENCY[agency.level] ?? 5;
    const positions = POSITIONS[agency.level] ?? [];
    for (let i = 0; i < n; i++) {
      const named = NAMED_INSPECTORS.find(([k, idx]) => k === agency.key && idx === i);
      const gender = rng.chance(0.55) ? '男' : '女';
      let name = personName(rng, gender);
      for (let k = 0; usedNames.has(name) && k < 20; k++) name = personName(rng, gender);
      usedNames.add(name);
      if (named) name = DEMO_USER_NAMES[named[2]];
      const expired = !named && rng.chance(0.05);
      const credentialExpiry = expired ? fromDays(TODAY - rng.int(1, 500)) : fromDays(rng.int(parseDays('2027-01-01'), parseDays('2030-12-31')));
      const specialties = rng.sample(rng.chance(0.6) ? TOP_LEVEL_CODES : [...TOP_LEVEL_CODES, ...SUB_CODES], rng.int(1, 3));
      const hours = () => (rng.chance(0.08) ? rng.int(6, 23) : rng.int(24, 60));
      out.push({
        id: rng.uuid(), regionCode: agency.regionCode, name, agencyId: agency.id!,
        credentialNo: `卫监证字${rng.int(2012, 2024)}${pad(ai + 1, 2)}${pad(i + 1, 3)}`, credentialExpiry, specialties,
        legalQualification: named ? named[3] : rng.chance(0.3), position: positions[i] ?? '科员', phone: mobile(rng),
        trainingHours: [{ year: 2025, hours: hours() }, { year: 2026, hours: hours() }],
      });
      if (i === 0) agency.headName = name;
    }
  });
  return out;
}

/** Most district inspectors live in one of their district's towns (the "not from the target's town" rule). */
function assignHomeTowns(rng: Rng, list: InspectorInsert[], regionList: RegionInsert[]) {
  const towns = regionList.filter((r) => r.level === 4);
  for (const i of list) {
    const own = towns.filter((t) => t.code.startsWith(i.regionCode));
    if (i.regionCode.length === 6 && !i.regionCode.endsWith('00') && own.length && rng.chance(0.8)) i.homeTownCode = rng.pick(own).code;
  }
}

/**
 * Every agency can staff a random inspection of its main supervised fields: at least four inspectors for each
 * of medical institutions, public places, schools and drinking water (two drawn per target, with avoidance).
 */
function coverSpecialties(rng: Rng, list: InspectorInsert[]) {
  const byAgency = new Map<string, InspectorInsert[]>();
  for (const i of list) byAgency.set(i.agencyId, [...(byAgency.get(i.agencyId) ?? []), i]);
  for (const staff of byAgency.values()) {
    for (const root of ['medical', 'public_place', 'school', 'water']) {
      const has = (i: InspectorInsert) => i.specialties.some((s) => s === root || s.startsWith(`${root}.`));
      const others = staff.filter((i) => !has(i));
      for (let n = staff.length - others.length; n < Math.min(4, staff.length) && others.length; n++) {
        const pick = others.splice(rng.int(0, others.length - 1), 1)[0];
        pick.specialties = [...pick.specialties, root];
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// practitioners

const PRACTITIONER_CATEGORIES = ['执业医师', '执业助理医师', '注册护士', '乡村医生'] as const;
type PractitionerCategory = (typeof PRACTITIONER_CATEGORIES)[number];
const CATEGORY_DIGIT: Record<PractitionerCategory, string> = { 执业医师: '1', 执业助理医师: '2', 注册护士: '3', 乡村医生: '4' };

function buildPractitioners(rng: Rng, ents: EntityInsert[], count: number): DemoPractitioner[] {
  const medical = ents.filter(isMedicalEntity);
  if (medical.length === 0 || count <= 0) return [];
  const weight = (e: EntityInsert) => {
    if (e.categories.includes('medical.hospital')) return Math.max(10, (e.beds ?? 20) * 0.5);
    if (e.categories.includes('medical.village')) return 1;
    if (e.categories.includes('medical')) return 4;
    return 2.5;
  };
  const pickEntity = weightedPicker(medical.map((e) => [e, weight(e)] as const));
  const districtCodes: string[] = DISTRICTS.map((d) => d.code);
  const ids = new Set<string>();
  const out: DemoPractitioner[] = [];
  const minBirth = toDays(1960, 1, 1);
  const maxBirth = toDays(2000, 12, 31);
  for (let i = 0; i < count; i++) {
    const e = pickEntity(rng);
    const isVillage = e.categories.includes('medical.village');
    const isHospital = e.categories.includes('medical.hospital');
    const category: PractitionerCategory = isVillage
      ? rng.weighted<PractitionerCategory>([['乡村医生', 0.7], ['执业助理医师', 0.2], ['注册护士', 0.1]])
      : isHospital
        ? rng.weighted([['执业医师', 0.42], ['执业助理医师', 0.08], ['注册护士', 0.5]])
        : rng.weighted<PractitionerCategory>([['执业医师', 0.55], ['执业助理医师', 0.2], ['注册护士', 0.25]]);
    const gender = rng.chance(category === '注册护士' ? 0.08 : 0.6) ? '男' : '女';
    let practiceScope: string;
    if (category === '注册护士') practiceScope = '护理';
    else if (category === '乡村医生') practiceScope = '预防保健、一般医疗服务';
    else if (e.name.includes('口腔')) practiceScope = '口腔专业';
    else if (e.name.includes('中医')) practiceScope = '中医专业';
    else if (e.categories.includes('medical.beauty')) practiceScope = rng.pick(['外科专业', '皮肤病与性病专业']);
    else if (isVillage) practiceScope = '全科医学专业';
    else practiceScope = rng.pick(PHYSICIAN_SCOPES);

    const entityDistrict = e.creditCode.slice(2, 8);
    let idNumber = '';
    let birthYear = 1980;
    for (let k = 0; k < 50; k++) {
      const area = rng.chance(0.75) && districtCodes.includes(entityDistrict) ? entityDistrict : rng.pick(districtCodes);
      const birth = fromDays(rng.int(minBirth, maxBirth));
      birthYear = +birth.slice(0, 4);
      const genderDigit = rng.int(0, 4) * 2 + (gender === '男' ? 1 : 0);
      const first17 = `${area}${birth.replace(/-/g, '')}${rng.digits(2)}${genderDigit}`;
      idNumber = first17 + residentIdCheckChar(first17);
      if (!ids.has(idNumber)) break;
    }
    ids.add(idNumber);
    const regYear = Math.min(2025, birthYear + rng.int(23, 30));
    out.push({
      id: rng.uuid(), regionCode: e.regionCode, name: personName(rng, gender), gender, idNumber,
      certificateNo: `${CATEGORY_DIGIT[category]}${entityDistrict}${pad(regYear % 100, 2)}${pad(i + 1, 6)}`,
      category, practiceScope, entityId: e.id!, phone: mobile(rng),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// public API

export function generateDemoCity(opts: { seed?: string; entities?: number; practitioners?: number } = {}): DemoCity {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const entityCount = opts.entities ?? 5000;
  const practitionerCount = opts.practitioners ?? 1500;
  const root = new Rng(seed);

  const regionList = buildRegions(root.fork('regions'));
  const grids = buildGridCells(root.fork('grids'), regionList);
  const agencyList = buildAgencies(root.fork('agencies'), regionList);
  const inspectorList = buildInspectors(root.fork('inspectors'), agencyList);
  assignHomeTowns(root.fork('inspector-towns'), inspectorList, regionList);
  coverSpecialties(root.fork('inspector-specialties'), inspectorList);

  const ctx = buildContext({ cityName: CITY.name, cityCode: CITY.code, regions: regionList, gridCells: grids, agencies: agencyList });
  const d1 = ctx.districts[0];
  const assistantTown = ctx.towns.find((t) => t.district === d1)!;
  const assistantGrid = grids.find((g) => g.regionCode === ctx.villages[assistantTown.villages[0]].code)!;
  assistantGrid.assistantName = DEMO_USER_NAMES.assistant;

  const base = cyrb128(`${seed}:entities`);
  const taken = new Set<string>();
  const entityList: EntityInsert[] = [];
  for (let i = 0; i < entityCount; i++) {
    const o: EntityOptions = { taken };
    if (i < KIND_ORDER.length) o.kind = KIND_ORDER[i];
    if (i === 0) {
      // the 'unit' demo account's clinic: in the assistant's town in 临湖区, operating, licence in order
      o.village = assistantTown.villages[0];
      o.legalRep = DEMO_USER_NAMES.unit;
      o.healthy = true;
    }
    entityList.push(makeEntity(ctx, i, base, o));
  }

  const practitionerList = buildPractitioners(root.fork('practitioners'), entityList, practitionerCount);

  const agencyByKey = new Map(agencyList.map((a) => [a.key, a]));
  const region = (key: string) => agencyByKey.get(key)!.regionCode;
  const user = (username: keyof typeof DEMO_USER_NAMES, agencyCode: string, extra: Partial<DemoUser> = {}): DemoUser => ({
    username, displayName: DEMO_USER_NAMES[username], roles: [username], agencyCode, regionCode: region(agencyCode), ...extra,
  });
  const unitEntity = entityList.find((e) => e.categories.includes('medical.clinic') && e.creditCode.slice(2, 8) === d1.code);
  const users: DemoUser[] = [
    user('admin', 'city'),
    user('head', 'city'),
    user('legal', 'city'),
    user('chief', 'd1'),
    user('inspector', 'd1'),
    { ...user('inspector2', 'd2'), roles: ['inspector'] },
    user('assistant', 'd1', { regionCode: assistantTown.code, gridCode: assistantGrid.code }),
    user('unit', 'd1', unitEntity ? { entityCreditCode: unitEntity.creditCode } : {}),
  ];

  return {
    cityName: CITY.name, cityCode: CITY.code, regions: regionList, gridCells: grids, agencies: agencyList,
    inspectors: inspectorList, entities: entityList, practitioners: practitionerList, users,
  };
}

/**
 * For benchmarks: yields entity batches lazily (memory-flat for 1,000,000 rows), consistent with the city's
 * regions and grids. Entity i depends only on (seed, i), so any batch size gives the same rows. `startIndex`
 * defaults to the number of entities already in the city, which keeps credit codes distinct from the city's
 * own (codes are unique per index regardless of seed).
 */
export function* generateEntityBatches(
  city: DemoCity,
  count: number,
  opts: { seed?: string; batchSize?: number; startIndex?: number } = {},
): Generator<EntityInsert[]> {
  const seed = opts.seed ?? `${city.cityCode}:${city.regions[0]?.id ?? ''}:batches`;
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 5000));
  const start = opts.startIndex ?? city.entities.length;
  const ctx = buildContext(city);
  const base = cyrb128(seed);
  for (let done = 0; done < count; done += batchSize) {
    const n = Math.min(batchSize, count - done);
    const batch: EntityInsert[] = new Array(n);
    for (let j = 0; j < n; j++) batch[j] = makeEntity(ctx, start + done + j, base);
    yield batch;
  }
}
