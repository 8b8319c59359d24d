import { z } from 'zod';
import { optionalText, phone, regionCode, text } from '../../platform/fields';

export const AgencyInput = z.object({
  name: text('机构名称', 4, 100),
  shortName: text('简称', 2, 32),
  regionCode: regionCode('管辖区划'),
  parentId: z.uuid('上级机构无效').optional().nullable().transform((v) => v ?? null),
  docPrefix: z.string({ error: '请填写文号前缀' }).trim().regex(/^[\u4e00-\u9fa5]{1,6}卫$/, '文号前缀应为区划简称加“卫”，如“锡卫”'),
  address: optionalText('地址', 200),
  phone: phone('联系电话'),
  headName: optionalText('负责人', 32),
});
export type AgencyInput = z.infer<typeof AgencyInput>;
export const agencyLabels = {
  name: '机构名称', shortName: '简称', regionCode: '管辖区划', parentId: '上级机构', docPrefix: '文号前缀', address: '地址',
  phone: '联系电话', headName: '负责人', level: '机构层级',
};
