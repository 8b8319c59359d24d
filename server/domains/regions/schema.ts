import { z } from 'zod';
import { optionalText, phone, regionCode, text } from '../../platform/fields';

export const RegionInput = z.object({
  code: regionCode('行政区划代码'),
  name: text('名称', 1, 64),
});
export type RegionInput = z.infer<typeof RegionInput>;
export const regionLabels = { code: '行政区划代码', name: '名称', level: '层级', parentCode: '上级区划', fullName: '全称' };

export const GridInput = z.object({
  code: z.string({ error: '请填写网格编码' }).trim().regex(/^\d{9,20}$/, '网格编码应为 9–20 位数字（所在区划代码加序号）'),
  name: text('网格名称', 2, 100),
  regionCode: regionCode(),
  assistantName: optionalText('协管员姓名', 32),
  assistantPhone: phone('协管员电话'),
});
export type GridInput = z.infer<typeof GridInput>;
export const gridLabels = { code: '网格编码', name: '网格名称', regionCode: '所属区划', assistantName: '协管员', assistantPhone: '协管员电话' };
