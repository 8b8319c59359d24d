/**
 * Document numbers: 《卫生行政执法文书规范》第四条 — a 文号 is 地区简称 + 卫 + 执法类别 + 执法性质 + 〔年份〕 + 序号
 * (锡卫医罚〔2026〕12号), a 编号 is 年份 + 序号 (2026—001).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORY_CHARS, counterCategory, enforcementCategoryOf, formatDocumentNumber, parseDocumentNumber } from './numbering';
import { DOCUMENT_TYPES, MAPPINGS } from './catalogue';

describe('文号 and 编号 (文书规范 Art. 4)', () => {
  it('formats a 文号 from the agency prefix, category, nature, year and sequence', () => {
    expect(formatDocumentNumber({ numbering: { form: 'wenhao', nature: '罚' }, docPrefix: '锡卫', category: '医', year: 2026, seq: 12 })).toBe('锡卫医罚〔2026〕12号');
    expect(formatDocumentNumber({ numbering: { form: 'wenhao', nature: '罚告' }, docPrefix: '临卫', category: '公', year: 2026, seq: 1 })).toBe('临卫公罚告〔2026〕1号');
  });

  it('formats a 编号 as year — three-digit sequence, growing past 999', () => {
    expect(formatDocumentNumber({ numbering: { form: 'bianhao' }, docPrefix: '锡卫', category: '', year: 2026, seq: 1 })).toBe('2026—001');
    expect(formatDocumentNumber({ numbering: { form: 'bianhao' }, docPrefix: '锡卫', category: '', year: 2026, seq: 1234 })).toBe('2026—1234');
  });

  it('refuses a 文号 without category and sequences below 1', () => {
    expect(() => formatDocumentNumber({ numbering: { form: 'wenhao', nature: '罚' }, docPrefix: '锡卫', category: '', year: 2026, seq: 1 })).toThrow();
    expect(() => formatDocumentNumber({ numbering: { form: 'bianhao' }, docPrefix: '锡卫', category: '', year: 2026, seq: 0 })).toThrow();
  });

  it('parses what it formats (any prefix, nature, year and sequence)', () => {
    fc.assert(fc.property(
      fc.constantFrom('锡卫', '临卫', '澄卫', '云溪卫'), fc.constantFrom(...CATEGORY_CHARS), fc.constantFrom('罚', '罚告', '听告', '先保'),
      fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 99999 }),
      (docPrefix, category, nature, year, seq) => {
        const w = formatDocumentNumber({ numbering: { form: 'wenhao', nature }, docPrefix, category, year, seq });
        expect(parseDocumentNumber(w)).toEqual({ form: 'wenhao', head: `${docPrefix}${category}${nature}`, year, seq });
        const b = formatDocumentNumber({ numbering: { form: 'bianhao' }, docPrefix, category: '', year, seq });
        expect(parseDocumentNumber(b)).toEqual({ form: 'bianhao', year, seq });
      },
    ));
    expect(parseDocumentNumber('锡卫医罚[2026]第012号')).toEqual({ form: 'wenhao', head: '锡卫医罚', year: 2026, seq: 12 });
    expect(parseDocumentNumber('2026-007')).toEqual({ form: 'bianhao', year: 2026, seq: 7 });
    expect(parseDocumentNumber('随便写的')).toBeNull();
  });

  it('takes the 执法类别 from the unit\'s register category', () => {
    expect(enforcementCategoryOf('medical.clinic')).toBe('医');
    expect(enforcementCategoryOf('public_place.swimming')).toBe('公');
    expect(enforcementCategoryOf('water.secondary')).toBe('水');
    expect(enforcementCategoryOf('occupational.employer')).toBe('职');
    expect(enforcementCategoryOf('radiation')).toBe('放');
    expect(enforcementCategoryOf('infectious')).toBe('传');
    expect(enforcementCategoryOf('school')).toBe('学');
    expect(enforcementCategoryOf('disinfection_product')).toBe('消');
    expect(enforcementCategoryOf('nonsense')).toBeNull();
  });

  it('numbers a 编号 type in one sequence whatever the category, a 文号 type per category', () => {
    expect(counterCategory({ form: 'bianhao' }, '医')).toBe('');
    expect(counterCategory({ form: 'wenhao', nature: '罚' }, '医')).toBe('医');
  });
});

describe('the catalogue (GUIDE §2.6)', () => {
  it('has every type the guide lists, each code and name once', () => {
    const names = ['现场笔录', '询问笔录', '卫生监督意见书', '产品样品采样记录', '检验结果告知书', '证据先行登记保存决定书', '查封扣押决定书', '案件受理记录',
      '立案报告', '案件调查终结报告', '合议记录', '行政处罚事先告知书', '陈述和申辩笔录', '听证告知书', '听证通知书', '听证笔录', '听证意见书', '行政处罚决定书',
      '当场行政处罚决定书', '送达回执', '催告书', '强制执行申请书', '案件移送书', '结案报告', '物品清单'];
    expect(DOCUMENT_TYPES.map((t) => t.name).sort()).toEqual([...names].sort());
    expect(new Set(DOCUMENT_TYPES.map((t) => t.code)).size).toBe(DOCUMENT_TYPES.length);
  });

  it('gives the decision documents served on the party a 文号, and marks them as addressed to the party', () => {
    for (const name of ['行政处罚决定书', '行政处罚事先告知书', '听证告知书', '催告书', '证据先行登记保存决定书']) {
      const t = DOCUMENT_TYPES.find((x) => x.name === name)!;
      expect(t.numbering.form, name).toBe('wenhao');
      expect(t.addressedToParty, name).toBe(true);
    }
    for (const name of ['立案报告', '合议记录', '案件调查终结报告', '结案报告']) expect(DOCUMENT_TYPES.find((x) => x.name === name)!.addressedToParty, name).toBe(false);
    // the 规范's own sample: 卫生监督意见书 carries 编号
    expect(DOCUMENT_TYPES.find((x) => x.name === '卫生监督意见书')!.numbering.form).toBe('bianhao');
  });

  it('has a data mapping whose sample passes its own schema for every issuable type', () => {
    for (const [code, m] of Object.entries(MAPPINGS)) {
      expect(DOCUMENT_TYPES.some((t) => t.code === code)).toBe(true);
      expect(m.schema.safeParse(m.sample).success, code).toBe(true);
    }
  });
});
