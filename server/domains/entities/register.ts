import { eq, sql } from 'drizzle-orm';
import { entities } from '../../db/schema/index';
import { invalid } from '../../platform/errors';
import { isMasked, masked } from '../../platform/fields';
import type { RegisterDef } from '../../platform/register/types';
import { STAFF_ROLES } from '../../platform/roles';
import { gridMap, requireRegion } from '../regions/lookups';
import { categoryByLabel, categoryLabel, CATEGORIES, LICENCE_KINDS, OPERATING_STATUSES } from './categories';
import { EntityInput, entityLabels } from './schema';
import { daysFromToday, REMINDER_DAYS, todayIso } from '../../platform/dates';

const splitList = (s: string) => s.split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean);

function parseCategories(text: string) {
  return splitList(text).map((label) => {
    const c = categoryByLabel(label) ?? CATEGORIES.find((x) => x.code === label);
    if (!c) throw new Error(`未知的专业类别“${label}”（可选：${CATEGORIES.map((x) => x.label).join('、')}）`);
    return c.code;
  });
}

function parseEnumLabel<T extends Record<string, string>>(map: T, what: string) {
  return (text: string) => {
    const hit = Object.entries(map).find(([k, v]) => v === text || k === text);
    if (!hit) throw new Error(`未知的${what}“${text}”（可选：${Object.values(map).join('、')}）`);
    return hit[0];
  };
}

export const entityRegister: RegisterDef<EntityInput> = {
  name: 'entities',
  label: '检查对象',
  table: entities,
  access: {
    read: [...STAFF_ROLES, 'unit'],
    write: ['admin', 'head', 'chief', 'inspector'],
    remove: ['admin', 'head', 'chief'],
  },
  scope: { entity: entities.id },
  input: EntityInput,
  fieldLabels: entityLabels,
  search: [entities.name],
  filters: {
    category: (v) => sql`${entities.categories} && ARRAY[${sql.join(expandCategories(v).map((c) => sql`${c}`), sql`, `)}]::text[]`,
    operatingStatus: (v) => eq(entities.operatingStatus, v),
    creditCode: (v) => eq(entities.creditCode, v.toUpperCase()),
    grid: (v) => eq(entities.gridCode, v),
    /** Reminders: licences expired / expiring within 60 days / 校验 due within 60 days. */
    licence: (v) => {
      const today = todayIso();
      const soon = daysFromToday(REMINDER_DAYS);
      const cond = {
        expired: sql`(l->>'validUntil') < ${today}`,
        expiring: sql`(l->>'validUntil') between ${today} and ${soon}`,
        checkDue: sql`(l->>'nextCheckAt') <= ${soon}`,
      }[v];
      return cond ? sql`exists (select 1 from jsonb_array_elements(${entities.licences}) l where ${cond})` : sql`false`;
    },
  },
  sorts: { name: entities.name, creditCode: entities.creditCode, regionCode: entities.regionCode, updatedAt: entities.updatedAt },
  defaultSort: '-updatedAt',
  naturalKey: { column: entities.creditCode, field: 'creditCode', label: '统一社会信用代码' },
  async toValues(input, ctx) {
    const region = await requireRegion(ctx.lookups, input.regionCode);
    if (region.level < 3) throw invalid([{ field: 'regionCode', label: '所属区划', message: '检查对象应登记到区县、镇街或村社区' }]);
    if (input.gridCode) {
      const gridRegion = (await gridMap(ctx.lookups)).get(input.gridCode);
      if (!gridRegion) throw invalid([{ field: 'gridCode', label: '所属网格', message: `网格“${input.gridCode}”不存在` }]);
      if (!gridRegion.startsWith(input.regionCode) && !input.regionCode.startsWith(gridRegion)) {
        throw invalid([{ field: 'gridCode', label: '所属网格', message: '所属网格不在所选区划内' }]);
      }
    }
    const contactPhone = isMasked(input.contactPhone) ? (ctx.existing?.contactPhone ?? null) : input.contactPhone;
    return { ...input, contactPhone, lng: input.lng ?? null, lat: input.lat ?? null, beds: input.beds ?? null };
  },
  present: (r) => ({
    id: r.id,
    creditCode: r.creditCode,
    name: r.name,
    address: r.address,
    regionCode: r.regionCode,
    gridCode: r.gridCode,
    lng: r.lng,
    lat: r.lat,
    legalRep: r.legalRep,
    contactPhone: masked.phone(r.contactPhone as string | null),
    categories: r.categories,
    categoryLabels: (r.categories as string[]).map(categoryLabel),
    licences: r.licences,
    beds: r.beds,
    operatingStatus: r.operatingStatus,
    operatingStatusLabel: OPERATING_STATUSES[r.operatingStatus as keyof typeof OPERATING_STATUSES] ?? r.operatingStatus,
    riskGrade: r.riskGrade,
    creditClass: r.creditClass,
    version: r.version,
    recordStatus: r.recordStatus,
    deletedReason: r.deletedReason,
    updatedAt: r.updatedAt,
  }),
  /** One licence per sheet row: the licence columns are folded into `licences`. */
  excel: [
    { key: 'creditCode', header: '统一社会信用代码', required: true, width: 22, example: '12329902MB1234567X', note: '18 位，按 GB 32100-2015 校验' },
    { key: 'name', header: '单位名称', required: true, width: 32, example: '澄江市临湖区青石镇卫生院' },
    { key: 'address', header: '地址', required: true, width: 36 },
    { key: 'regionCode', header: '所属区划代码', required: true, width: 16, example: '329902001001', note: '村社区 12 位、镇街 9 位或区县 6 位' },
    { key: 'gridCode', header: '网格编码', width: 18 },
    { key: 'categories', header: '专业类别', required: true, width: 24, parse: parseCategories, format: (r) => (r.categoryLabels as string[]).join('、'), example: '医院、放射诊疗', note: `多个用“、”分隔。可选：${CATEGORIES.map((c) => c.label).join('、')}` },
    { key: 'legalRep', header: '法定代表人', width: 12 },
    { key: 'contactPhone', header: '联系电话', width: 16 },
    { key: 'lng', header: '经度', width: 12 },
    { key: 'lat', header: '纬度', width: 12 },
    { key: 'beds', header: '床位数', width: 8 },
    { key: 'operatingStatus', header: '经营状态', width: 10, parse: parseEnumLabel(OPERATING_STATUSES, '经营状态'), format: (r) => r.operatingStatusLabel as string, example: '在业' },
    { key: 'licenceKind', header: '许可证类型', width: 20, parse: parseEnumLabel(LICENCE_KINDS, '许可证类型'), format: (r) => (lic(r)?.kind ? LICENCE_KINDS[lic(r)!.kind as keyof typeof LICENCE_KINDS] : null) },
    { key: 'licenceNumber', header: '许可证号', width: 26, format: (r) => lic(r)?.number as string | undefined },
    { key: 'licenceScope', header: '许可范围/诊疗科目', width: 30, parse: splitList, format: (r) => (lic(r)?.scope as string[] | undefined)?.join('、') },
    { key: 'licenceIssuedAt', header: '发证日期', width: 12, format: (r) => lic(r)?.issuedAt as string | undefined },
    { key: 'licenceValidUntil', header: '有效期至', width: 12, format: (r) => lic(r)?.validUntil as string | undefined },
    { key: 'licenceNextCheckAt', header: '下次校验日期', width: 12, format: (r) => lic(r)?.nextCheckAt as string | undefined },
  ],
  importFieldColumns: {
    'licences.#.kind': 'licenceKind', 'licences.#.number': 'licenceNumber', 'licences.#.scope': 'licenceScope',
    'licences.#.issuedAt': 'licenceIssuedAt', 'licences.#.validUntil': 'licenceValidUntil', 'licences.#.nextCheckAt': 'licenceNextCheckAt',
  },
  importTransform(raw) {
    const { licenceKind, licenceNumber, licenceScope, licenceIssuedAt, licenceValidUntil, licenceNextCheckAt, ...rest } = raw;
    const hasLicence = [licenceKind, licenceNumber, licenceValidUntil].some((v) => v !== undefined);
    return {
      ...rest,
      licences: hasLicence
        ? [{ kind: licenceKind, number: licenceNumber, scope: licenceScope ?? [], issuedAt: licenceIssuedAt, validUntil: licenceValidUntil, nextCheckAt: licenceNextCheckAt }]
        : [],
    };
  },
};

const lic = (r: Record<string, unknown>) => (r.licences as Record<string, string | string[] | undefined>[] | undefined)?.[0];

/** A filter on a parent category (医疗机构) also matches its sub-categories (医院, 诊所…). */
function expandCategories(v: string): string[] {
  const asked = v.split(',').map((c) => c.trim()).filter(Boolean);
  return CATEGORIES.filter((c) => asked.includes(c.code) || (c.parent && asked.includes(c.parent))).map((c) => c.code).concat(['__none__']);
}
