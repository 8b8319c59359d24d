import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES } from '../entities/categories';
import { DEFAULT_CHECKLISTS, DEFAULT_MATTERS } from './defaults';
import { ChecklistInput, MatterInput } from './schema';

const REGION = '329900';
const validCategories = new Set<string>(CATEGORY_CODES);
const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

describe('DEFAULT_MATTERS (随机抽查事项清单)', () => {
  it('has a realistic number of matters', () => {
    expect(DEFAULT_MATTERS.length).toBeGreaterThanOrEqual(12);
  });

  it.each(DEFAULT_MATTERS.map((m) => [m.code, m] as const))('%s parses with MatterInput', (_code, m) => {
    const parsed = MatterInput.parse({ ...m, regionCode: REGION });
    expect(parsed.code).toBe(m.code);
    expect(parsed.regionCode).toBe(REGION);
  });

  it('has unique matter codes', () => {
    expect(dupes(DEFAULT_MATTERS.map((m) => m.code))).toEqual([]);
  });

  it('uses only valid category codes', () => {
    for (const m of DEFAULT_MATTERS) expect(validCategories.has(m.category), `${m.code}: ${m.category}`).toBe(true);
  });

  it('cites a law for every matter and states a ratio', () => {
    for (const m of DEFAULT_MATTERS) {
      expect(m.legalBasis, m.code).toMatch(/《.+》/);
      expect(m.ratio, m.code).toBeGreaterThan(0);
    }
  });
});

describe('DEFAULT_CHECKLISTS (检查细则)', () => {
  it('covers the required categories', () => {
    const cats = DEFAULT_CHECKLISTS.map((c) => c.category);
    for (const c of ['public_place.lodging', 'public_place.swimming', 'public_place.beauty', 'medical', 'school', 'water.central', 'water.secondary']) {
      expect(cats).toContain(c);
    }
  });

  it.each(DEFAULT_CHECKLISTS.map((c) => [c.code, c] as const))('%s parses with ChecklistInput', (_code, c) => {
    const parsed = ChecklistInput.parse({ ...c, regionCode: REGION });
    expect(parsed.items).toHaveLength(c.items.length);
    expect(parsed.effectiveFrom).toBe('2026-01-01');
  });

  it('has unique checklist codes', () => {
    expect(dupes(DEFAULT_CHECKLISTS.map((c) => c.code))).toEqual([]);
  });

  it('uses only valid category codes', () => {
    for (const c of DEFAULT_CHECKLISTS) expect(validCategories.has(c.category), `${c.code}: ${c.category}`).toBe(true);
  });

  for (const c of DEFAULT_CHECKLISTS) {
    describe(`${c.code} ${c.name}`, () => {
      it('has 10–25 items with unique codes', () => {
        expect(c.items.length).toBeGreaterThanOrEqual(10);
        expect(c.items.length).toBeLessThanOrEqual(25);
        expect(dupes(c.items.map((i) => i.code))).toEqual([]);
      });

      it('totals exactly 100 integer points', () => {
        for (const i of c.items) expect(Number.isInteger(i.points), `${c.code} ${i.code}`).toBe(true);
        expect(c.items.reduce((s, i) => s + i.points, 0)).toBe(100);
      });

      it('has key items (※), about a fifth to a third of all items', () => {
        const keys = c.items.filter((i) => i.keyItem).length;
        expect(keys).toBeGreaterThanOrEqual(1);
        expect(keys / c.items.length).toBeGreaterThanOrEqual(0.15);
        expect(keys / c.items.length).toBeLessThanOrEqual(0.4);
      });
    });
  }
});
