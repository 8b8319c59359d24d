/**
 * Document numbers (文书编号) — 《卫生行政执法文书规范》(卫生部令第87号, 2012; 国家卫生计生委令第18号, 2017) Art. 4:
 * - a document that carries a 文号: "地区简称 + 卫 + 执法类别 + 执法性质 + 〔年份〕 + 序号", e.g. 锡卫医罚〔2026〕12号;
 * - a document that carries a 编号: "年份 + 序号", e.g. 2026—001.
 * Pure functions; the sequence itself is allocated by the document service (gap-free per agency, type,
 * 执法类别 and year).
 */

/** How a type is numbered: a 文号 with its 执法性质 (罚, 罚告, 听告 …), or a 编号. */
export type Numbering = { form: 'wenhao'; nature: string } | { form: 'bianhao' };

/**
 * 执法类别 (enforcement category) by the professional category of the supervised unit (entities/categories.ts).
 * 医 医疗卫生, 公 公共场所卫生, 学 学校卫生, 水 生活饮用水卫生, 消 消毒产品/餐饮具集中消毒, 职 职业卫生, 放 放射卫生, 传 传染病防治.
 */
export const ENFORCEMENT_CATEGORIES: Readonly<Record<string, string>> = {
  medical: '医',
  public_place: '公',
  school: '学',
  water: '水',
  disinfection_product: '消',
  tableware: '消',
  occupational: '职',
  radiation: '放',
  infectious: '传',
};

/** The characters a 文号 may carry as 执法类别. */
export const CATEGORY_CHARS = [...new Set(Object.values(ENFORCEMENT_CATEGORIES))];

/** 执法类别 of a register category code ('medical.clinic' → '医'), or null when it has none. */
export function enforcementCategoryOf(categoryCode: string): string | null {
  return ENFORCEMENT_CATEGORIES[categoryCode.split('.')[0]] ?? null;
}

/**
 * The agency's 地区简称 + 卫 is the agency register's `docPrefix` (e.g. 锡卫, 临卫): the register is where an
 * administrator sets it, so numbers follow it without another setting.
 */
export interface NumberParts {
  numbering: Numbering;
  docPrefix: string;
  category: string;
  year: number;
  seq: number;
}

/** Counter key part for the category: a 编号 does not show the category, so its sequence is one per type. */
export const counterCategory = (numbering: Numbering, category: string | null): string =>
  numbering.form === 'wenhao' ? (category ?? '') : '';

export function formatDocumentNumber(p: NumberParts): string {
  if (!Number.isInteger(p.seq) || p.seq < 1) throw new Error(`invalid sequence ${p.seq}`);
  if (p.numbering.form === 'bianhao') return `${p.year}—${String(p.seq).padStart(3, '0')}`;
  if (!p.category) throw new Error('a 文号 needs the 执法类别');
  return `${p.docPrefix}${p.category}${p.numbering.nature}〔${p.year}〕${p.seq}号`;
}

/** Parse a number back into its parts (for look-ups typed by a person); null when it is not one. */
export function parseDocumentNumber(s: string): { form: 'wenhao'; head: string; year: number; seq: number } | { form: 'bianhao'; year: number; seq: number } | null {
  const t = s.trim().replace(/[〔［\[]/g, '〔').replace(/[〕］\]]/g, '〕');
  const w = /^(.+)〔(\d{4})〕第?0*(\d+)号$/.exec(t);
  if (w) return { form: 'wenhao', head: w[1], year: Number(w[2]), seq: Number(w[3]) };
  const b = /^(\d{4})\s*[—–-]+\s*0*(\d+)$/.exec(t);
  if (b) return { form: 'bianhao', year: Number(b[1]), seq: Number(b[2]) };
  return null;
}
