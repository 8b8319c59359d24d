import { eq } from 'drizzle-orm';
import { gridCells, regions } from '../../db/schema/index';
import { invalid } from '../../platform/errors';
import { isMasked, masked } from '../../platform/fields';
import type { RegisterDef } from '../../platform/register/types';
import { STAFF_ROLES } from '../../platform/roles';
import { parentRegionCode, regionLevel, REGION_LEVEL_LABELS } from './region-code';
import { GridInput, gridLabels, RegionInput, regionLabels } from './schema';
import { requireRegion } from './lookups';
import { clearRegionNames } from './names';

export const regionRegister: RegisterDef<RegionInput> = {
  name: 'regions',
  label: '行政区划',
  table: regions,
  access: { read: STAFF_ROLES, write: ['admin'], remove: ['admin'] },
  scope: { sharedDown: true },
  input: RegionInput,
  fieldLabels: regionLabels,
  search: [regions.name, regions.code],
  filters: {
    level: (v) => eq(regions.level, Number(v)),
    parent: (v) => eq(regions.parentCode, v),
  },
  sorts: { code: regions.code, name: regions.name, updatedAt: regions.updatedAt },
  defaultSort: 'code',
  naturalKey: { column: regions.code, field: 'code', label: '行政区划代码' },
  async toValues(input, ctx) {
    const level = regionLevel(input.code);
    if (!level) throw invalid([{ field: 'code', label: '行政区划代码', message: '不是有效的行政区划代码' }]);
    if (ctx.existing && ctx.existing.code !== input.code) {
      throw invalid([{ field: 'code', label: '行政区划代码', message: '行政区划代码登记后不可修改；如区划调整，请删除后新增' }]);
    }
    const parentCode = parentRegionCode(input.code);
    let fullName = input.name;
    if (parentCode) {
      const parent = await requireRegion(ctx.lookups, parentCode, 'code', '上级区划').catch(() => {
        throw invalid([{ field: 'code', label: '行政区划代码', message: `上级区划“${parentCode}”尚未登记，请先登记上级区划` }]);
      });
      fullName = parent.fullName + input.name;
    }
    return { code: input.code, name: input.name, level, parentCode, fullName, regionCode: input.code };
  },
  afterWrite: async () => clearRegionNames(),
  present: (r) => ({
    id: r.id, code: r.code, name: r.name, level: r.level, levelLabel: REGION_LEVEL_LABELS[r.level as 1], parentCode: r.parentCode,
    fullName: r.fullName, regionCode: r.regionCode, version: r.version, recordStatus: r.recordStatus, deletedReason: r.deletedReason, updatedAt: r.updatedAt,
  }),
  excel: [
    { key: 'code', header: '行政区划代码', required: true, width: 18, example: '329902001', note: '区县 6 位，镇街 9 位，村社区 12 位' },
    { key: 'name', header: '名称', required: true, width: 20, example: '青石镇' },
    { key: 'fullName', header: '全称', width: 40, note: '导出时填写，导入时忽略' },
    { key: 'levelLabel', header: '层级', width: 10, note: '导出时填写，导入时忽略' },
  ],
};

export const gridRegister: RegisterDef<GridInput> = {
  name: 'grid-cells',
  label: '网格',
  table: gridCells,
  access: { read: STAFF_ROLES, write: ['admin', 'head', 'chief'], remove: ['admin', 'head'] },
  scope: {},
  input: GridInput,
  fieldLabels: gridLabels,
  search: [gridCells.name, gridCells.code, gridCells.assistantName],
  sorts: { code: gridCells.code, name: gridCells.name, updatedAt: gridCells.updatedAt },
  defaultSort: 'code',
  naturalKey: { column: gridCells.code, field: 'code', label: '网格编码' },
  async toValues(input, ctx) {
    const region = await requireRegion(ctx.lookups, input.regionCode);
    if (region.level < 4) throw invalid([{ field: 'regionCode', label: '所属区划', message: '网格应划分在镇街或村社区之下' }]);
    if (!input.code.startsWith(input.regionCode)) {
      throw invalid([{ field: 'code', label: '网格编码', message: `网格编码应以所属区划代码 ${input.regionCode} 开头` }]);
    }
    const assistantPhone = isMasked(input.assistantPhone) ? (ctx.existing?.assistantPhone ?? null) : input.assistantPhone;
    return { ...input, assistantPhone };
  },
  present: (r) => ({
    id: r.id, code: r.code, name: r.name, regionCode: r.regionCode, assistantName: r.assistantName,
    assistantPhone: masked.phone(r.assistantPhone as string | null), assistantUserId: r.assistantUserId,
    version: r.version, recordStatus: r.recordStatus, deletedReason: r.deletedReason, updatedAt: r.updatedAt,
  }),
  excel: [
    { key: 'code', header: '网格编码', required: true, width: 18, example: '32990200100101' },
    { key: 'name', header: '网格名称', required: true, width: 24, example: '青石社区第一网格' },
    { key: 'regionCode', header: '所属区划代码', required: true, width: 16, example: '329902001001' },
    { key: 'assistantName', header: '协管员', width: 12 },
    { key: 'assistantPhone', header: '协管员电话', width: 16 },
  ],
};
