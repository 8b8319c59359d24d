import { agencies } from '../../db/schema/index';
import { invalid } from '../../platform/errors';
import type { RegisterDef } from '../../platform/register/types';
import { STAFF_ROLES } from '../../platform/roles';
import { agencyMap, requireRegion } from '../regions/lookups';
import { isWithinRegion } from '../regions/region-code';
import { AgencyInput, agencyLabels } from './schema';

const LEVEL_BY_REGION: Record<number, string> = { 1: '省', 2: '市', 3: '区县', 4: '镇街' };

export const agencyRegister: RegisterDef<AgencyInput> = {
  name: 'agencies',
  label: '监督机构',
  table: agencies,
  access: { read: STAFF_ROLES, write: ['admin'], remove: ['admin'] },
  scope: { sharedDown: true },
  input: AgencyInput,
  fieldLabels: agencyLabels,
  search: [agencies.name, agencies.shortName],
  sorts: { name: agencies.name, regionCode: agencies.regionCode, updatedAt: agencies.updatedAt },
  defaultSort: 'regionCode',
  async toValues(input, ctx) {
    const region = await requireRegion(ctx.lookups, input.regionCode, 'regionCode', '管辖区划');
    const level = LEVEL_BY_REGION[region.level];
    if (!level) throw invalid([{ field: 'regionCode', label: '管辖区划', message: '监督机构的管辖区划应为省、市、区县或镇街' }]);
    if (input.parentId) {
      const parent = (await agencyMap(ctx.lookups)).get(input.parentId);
      if (!parent) throw invalid([{ field: 'parentId', label: '上级机构', message: '上级机构不存在' }]);
      if (!isWithinRegion(input.regionCode, parent.regionCode) || parent.regionCode === input.regionCode) {
        throw invalid([{ field: 'parentId', label: '上级机构', message: '上级机构的管辖范围应包含本机构的管辖区划' }]);
      }
    }
    if (ctx.existing && ctx.existing.id === input.parentId) throw invalid([{ field: 'parentId', label: '上级机构', message: '不能以自身为上级机构' }]);
    return { ...input, level };
  },
  present: (r) => ({
    id: r.id, name: r.name, shortName: r.shortName, level: r.level, regionCode: r.regionCode, parentId: r.parentId,
    docPrefix: r.docPrefix, address: r.address, phone: r.phone, headName: r.headName,
    version: r.version, recordStatus: r.recordStatus, deletedReason: r.deletedReason, updatedAt: r.updatedAt,
  }),
  excel: [
    { key: 'name', header: '机构名称', required: true, width: 32, example: '澄江市临湖区卫生健康监督所' },
    { key: 'shortName', header: '简称', required: true, width: 16, example: '临湖区监督所' },
    { key: 'regionCode', header: '管辖区划代码', required: true, width: 16, example: '329902' },
    { key: 'docPrefix', header: '文号前缀', required: true, width: 10, example: '湖卫' },
    { key: 'address', header: '地址', width: 32 },
    { key: 'phone', header: '联系电话', width: 16 },
    { key: 'headName', header: '负责人', width: 10 },
  ],
};
