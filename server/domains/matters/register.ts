import { eq } from 'drizzle-orm';
import { checklists, matters } from '../../db/schema/index';
import type { RegisterDef } from '../../platform/register/types';
import { STAFF_ROLES } from '../../platform/roles';
import { categoryByLabel, categoryLabel, CATEGORIES } from '../entities/categories';
import { requireRegion } from '../regions/lookups';
import { ChecklistInput, checklistLabels, MatterInput, matterLabels } from './schema';

const parseCategory = (t: string) => {
  const c = categoryByLabel(t) ?? CATEGORIES.find((x) => x.code === t);
  if (!c) throw new Error(`未知的类别“${t}”`);
  return c.code;
};

export const matterRegister: RegisterDef<MatterInput> = {
  name: 'matters',
  label: '随机抽查事项',
  table: matters,
  access: { read: STAFF_ROLES, write: ['admin', 'head', 'chief'], remove: ['admin', 'head'] },
  scope: { sharedDown: true },
  input: MatterInput,
  fieldLabels: matterLabels,
  search: [matters.name, matters.code, matters.legalBasis],
  filters: { category: (v) => eq(matters.category, v), level: (v) => eq(matters.level, v) },
  sorts: { code: matters.code, name: matters.name, updatedAt: matters.updatedAt },
  defaultSort: 'code',
  naturalKey: { column: matters.code, field: 'code', label: '事项编码' },
  async toValues(input, ctx) {
    await requireRegion(ctx.lookups, input.regionCode, 'regionCode', '发布区划');
    return { ...input, ratio: input.ratio ?? null };
  },
  present: (r) => ({
    id: r.id, code: r.code, name: r.name, category: r.category, categoryLabel: categoryLabel(r.category as string), legalBasis: r.legalBasis,
    subject: r.subject, level: r.level, ratio: r.ratio, frequency: r.frequency, method: r.method, staffRequirement: r.staffRequirement,
    regionCode: r.regionCode, version: r.version, recordStatus: r.recordStatus, deletedReason: r.deletedReason, updatedAt: r.updatedAt,
  }),
  excel: [
    { key: 'code', header: '事项编码', required: true, width: 14, example: 'GG-001' },
    { key: 'name', header: '抽查事项', required: true, width: 36 },
    { key: 'category', header: '抽查对象类别', required: true, width: 16, parse: parseCategory, format: (r) => r.categoryLabel as string },
    { key: 'legalBasis', header: '法律依据', required: true, width: 50 },
    { key: 'subject', header: '抽查主体', required: true, width: 20 },
    { key: 'level', header: '层级', required: true, width: 8, example: '市' },
    { key: 'ratio', header: '抽查比例(%)', width: 10 },
    { key: 'frequency', header: '抽查频次', required: true, width: 12, example: '每年1次' },
    { key: 'method', header: '检查方式', required: true, width: 16, example: '现场检查' },
    { key: 'staffRequirement', header: '执法人员要求', width: 24 },
    { key: 'regionCode', header: '发布区划代码', required: true, width: 14 },
  ],
};

/**
 * Checklists import one row per item; rows sharing a 细则编号 are folded into one checklist
 * (see checklistRegister.importGroup).
 */
export const checklistRegister: RegisterDef<ChecklistInput> = {
  name: 'checklists',
  label: '检查细则',
  table: checklists,
  access: { read: STAFF_ROLES, write: ['admin', 'head', 'chief'], remove: ['admin', 'head'] },
  scope: { sharedDown: true },
  input: ChecklistInput,
  fieldLabels: checklistLabels,
  search: [checklists.name, checklists.code],
  filters: { category: (v) => eq(checklists.category, v) },
  sorts: { code: checklists.code, name: checklists.name, updatedAt: checklists.updatedAt },
  defaultSort: 'code',
  naturalKey: { column: checklists.code, field: 'code', label: '细则编号' },
  async toValues(input, ctx) {
    await requireRegion(ctx.lookups, input.regionCode, 'regionCode', '发布区划');
    return { ...input };
  },
  present: (r) => {
    const items = r.items as { points: number; keyItem: boolean }[];
    return {
      id: r.id, code: r.code, name: r.name, category: r.category, categoryLabel: categoryLabel(r.category as string), effectiveFrom: r.effectiveFrom,
      items, itemCount: items.length, keyItemCount: items.filter((i) => i.keyItem).length,
      totalPoints: items.reduce((s, i) => s + Number(i.points), 0),
      regionCode: r.regionCode, version: r.version, recordStatus: r.recordStatus, deletedReason: r.deletedReason, updatedAt: r.updatedAt,
    };
  },
  excel: [
    { key: 'code', header: '细则编号', required: true, width: 14, example: 'XZ-ZS-2026' },
    { key: 'name', header: '细则名称', required: true, width: 30 },
    { key: 'category', header: '适用类别', required: true, width: 14, parse: parseCategory, format: (r) => r.categoryLabel as string },
    { key: 'effectiveFrom', header: '施行日期', width: 12 },
    { key: 'regionCode', header: '发布区划代码', required: true, width: 14 },
    { key: 'itemCode', header: '条目编号', required: true, width: 10, format: () => null },
    { key: 'section', header: '检查项目', required: true, width: 16, format: () => null },
    { key: 'content', header: '检查内容', required: true, width: 40, format: () => null },
    { key: 'legalBasis', header: '法律依据', required: true, width: 40, format: () => null },
    { key: 'keyItem', header: '关键项(※)', width: 10, parse: (t) => ['是', '※', 'Y', 'y'].includes(t), format: () => null },
    { key: 'points', header: '分值', required: true, width: 8, format: () => null },
    { key: 'method', header: '检查方法', width: 20, format: () => null },
  ],
  importFieldColumns: {
    'items.#.code': 'itemCode', 'items.#.section': 'section', 'items.#.content': 'content', 'items.#.legalBasis': 'legalBasis',
    'items.#.keyItem': 'keyItem', 'items.#.points': 'points', 'items.#.method': 'method',
  },
  importGroup(rows) {
    const byCode = new Map<string, { row: number; input: Record<string, unknown> }>();
    for (const { row, input } of rows) {
      const code = String(input.code ?? `#${row}`);
      let g = byCode.get(code);
      if (!g) {
        g = { row, input: { code: input.code, name: input.name, category: input.category, effectiveFrom: input.effectiveFrom, regionCode: input.regionCode, items: [] } };
        byCode.set(code, g);
      }
      (g.input.items as unknown[]).push({
        code: input.itemCode, section: input.section, content: input.content, legalBasis: input.legalBasis, keyItem: input.keyItem ?? false,
        points: input.points, method: input.method,
      });
    }
    return [...byCode.values()];
  },
};
