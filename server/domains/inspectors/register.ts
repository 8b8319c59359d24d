import { between, eq, lt, sql } from 'drizzle-orm';
import { daysFromToday, REMINDER_DAYS, todayIso } from '../../platform/dates';
import { inspectors } from '../../db/schema/index';
import { invalid } from '../../platform/errors';
import { isMasked, masked } from '../../platform/fields';
import type { RegisterDef } from '../../platform/register/types';
import { STAFF_ROLES } from '../../platform/roles';
import { categoryByLabel, categoryLabel, CATEGORIES } from '../entities/categories';
import { agencyMap } from '../regions/lookups';
import { InspectorInput, inspectorLabels, TRAINING_TARGET_HOURS } from './schema';

const split = (s: string) => s.split(/[、,，;；\s]+/).map((x) => x.trim()).filter(Boolean);

export const inspectorRegister: RegisterDef<InspectorInput> = {
  name: 'inspectors',
  label: '执法人员',
  table: inspectors,
  access: { read: STAFF_ROLES, write: ['admin', 'head'], remove: ['admin', 'head'] },
  scope: {},
  input: InspectorInput,
  fieldLabels: inspectorLabels,
  search: [inspectors.name, inspectors.credentialNo],
  filters: {
    agency: (v) => eq(inspectors.agencyId, v),
    legalQualification: (v) => eq(inspectors.legalQualification, v === 'true'),
    /** Reminders: credentials expired / expiring within 60 days. */
    credential: (v) => (v === 'expired'
      ? lt(inspectors.credentialExpiry, todayIso())
      : v === 'expiring' ? between(inspectors.credentialExpiry, todayIso(), daysFromToday(REMINDER_DAYS)) : sql`false`),
  },
  sorts: { name: inspectors.name, credentialExpiry: inspectors.credentialExpiry, updatedAt: inspectors.updatedAt },
  defaultSort: 'name',
  naturalKey: { column: inspectors.credentialNo, field: 'credentialNo', label: '执法证号' },
  async toValues(input, ctx) {
    const agency = (await agencyMap(ctx.lookups)).get(input.agencyId);
    if (!agency) throw invalid([{ field: 'agencyId', label: '所属机构', message: '所属机构不存在' }]);
    return {
      ...input,
      regionCode: agency.regionCode,
      phone: isMasked(input.phone) ? (ctx.existing?.phone ?? null) : input.phone,
    };
  },
  present: (r) => {
    const hours = r.trainingHours as { year: number; hours: number }[];
    const year = new Date().getFullYear();
    return {
      id: r.id, name: r.name, agencyId: r.agencyId, userId: r.userId, credentialNo: r.credentialNo, credentialExpiry: r.credentialExpiry,
      credentialValid: String(r.credentialExpiry) >= todayIso(),
      specialties: r.specialties, specialtyLabels: (r.specialties as string[]).map(categoryLabel),
      homeTownCode: r.homeTownCode, legalQualification: r.legalQualification, position: r.position, phone: masked.phone(r.phone as string | null),
      trainingHours: hours, trainingHoursThisYear: hours.find((h) => h.year === year)?.hours ?? 0, trainingTarget: TRAINING_TARGET_HOURS,
      regionCode: r.regionCode, version: r.version, recordStatus: r.recordStatus, deletedReason: r.deletedReason, updatedAt: r.updatedAt,
    };
  },
  excel: [
    { key: 'name', header: '姓名', required: true, width: 10 },
    { key: 'agencyId', header: '所属机构ID', required: true, width: 38, note: '机构编号，可在“监督机构”页面导出获得' },
    { key: 'credentialNo', header: '执法证号', required: true, width: 18 },
    { key: 'credentialExpiry', header: '执法证有效期至', required: true, width: 14, example: '2028-12-31' },
    {
      key: 'specialties', header: '专业领域', required: true, width: 24, example: '医疗机构、公共场所',
      parse: (t) => split(t).map((l) => {
        const c = categoryByLabel(l) ?? CATEGORIES.find((x) => x.code === l);
        if (!c) throw new Error(`未知的专业领域“${l}”`);
        return c.code;
      }),
      format: (r) => (r.specialtyLabels as string[]).join('、'),
    },
    {
      key: 'legalQualification', header: '法律职业资格', width: 12, example: '是',
      parse: (t) => {
        if (['是', '有', 'Y', 'y', 'true'].includes(t)) return true;
        if (['否', '无', 'N', 'n', 'false'].includes(t)) return false;
        throw new Error('应填“是”或“否”');
      },
    },
    { key: 'homeTownCode', header: '居住乡镇代码', width: 12, example: '329902001', note: '9 位乡镇（街道）代码；抽查派员时可设置“不派本乡镇人员”回避' },
    { key: 'position', header: '职务', width: 10 },
    { key: 'phone', header: '联系电话', width: 14 },
    {
      key: 'trainingHours', header: '年度培训学时', width: 22, example: '2025:36；2026:18', note: '格式“年度:学时”，多个年度用分号分隔',
      parse: (t) => split(t.replace(/：/g, ':')).map((p) => {
        const [year, hours] = p.split(':');
        if (!year || hours === undefined) throw new Error(`“${p}”格式应为 年度:学时`);
        return { year: Number(year), hours: Number(hours) };
      }),
      format: (r) => (r.trainingHours as { year: number; hours: number }[]).map((h) => `${h.year}:${h.hours}`).join('；'),
    },
  ],
};
