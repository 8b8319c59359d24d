/**
 * Professional categories of supervised units (专业类别). Codes are stable identifiers; labels are what
 * users see. Sub-categories use a dotted code under their parent.
 */
export interface Category {
  code: string;
  label: string;
  parent?: string;
}

export const CATEGORIES: readonly Category[] = [
  { code: 'medical', label: '医疗机构' },
  { code: 'medical.hospital', label: '医院', parent: 'medical' },
  { code: 'medical.clinic', label: '诊所/门诊部', parent: 'medical' },
  { code: 'medical.village', label: '村卫生室', parent: 'medical' },
  { code: 'medical.beauty', label: '医疗美容机构', parent: 'medical' },
  { code: 'public_place', label: '公共场所' },
  { code: 'public_place.lodging', label: '住宿', parent: 'public_place' },
  { code: 'public_place.swimming', label: '游泳场所', parent: 'public_place' },
  { code: 'public_place.bathing', label: '沐浴场所', parent: 'public_place' },
  { code: 'public_place.beauty', label: '美容美发', parent: 'public_place' },
  { code: 'public_place.other', label: '其他公共场所', parent: 'public_place' },
  { code: 'school', label: '学校' },
  { code: 'water', label: '生活饮用水' },
  { code: 'water.central', label: '集中式供水', parent: 'water' },
  { code: 'water.secondary', label: '二次供水', parent: 'water' },
  { code: 'water.product', label: '涉水产品', parent: 'water' },
  { code: 'disinfection_product', label: '消毒产品生产企业' },
  { code: 'tableware', label: '餐饮具集中消毒单位' },
  { code: 'occupational', label: '职业卫生' },
  { code: 'occupational.employer', label: '职业卫生用人单位', parent: 'occupational' },
  { code: 'occupational.service', label: '职业卫生技术服务机构', parent: 'occupational' },
  { code: 'radiation', label: '放射诊疗' },
  { code: 'infectious', label: '传染病防治' },
];

export const CATEGORY_CODES = CATEGORIES.map((c) => c.code) as [string, ...string[]];
export const categoryLabel = (code: string): string => CATEGORIES.find((c) => c.code === code)?.label ?? code;
export const categoryByLabel = (label: string): Category | undefined =>
  CATEGORIES.find((c) => c.label === label.trim());

/** Operating status of a supervised unit (经营状态). */
export const OPERATING_STATUSES = {
  operating: '在业',
  suspended: '停业',
  closed: '歇业',
  cancelled: '注销',
} as const;

/** Licence kinds (许可证类型). */
export const LICENCE_KINDS = {
  medical: '医疗机构执业许可证',
  public_place: '公共场所卫生许可证',
  health: '卫生许可证',
  radiation: '放射诊疗许可证',
  other: '其他许可证',
} as const;
