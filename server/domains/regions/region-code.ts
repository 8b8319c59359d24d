/**
 * 行政区划代码 (GB/T 2260 for province/city/county, 6 digits; GB/T 10114 style extensions
 * for towns, 9 digits, and villages, 12 digits).
 *
 *   320000 province · 320200 city · 320205 district · 320205001 town · 320205001001 village
 *
 * A region's subtree is every code that starts with its scope prefix, so jurisdiction checks are
 * prefix matches on an indexed column.
 */
export type RegionLevel = 1 | 2 | 3 | 4 | 5; // province, city, district/county, town/street, village/community

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  1: '省级',
  2: '市级',
  3: '区县级',
  4: '镇街级',
  5: '村社区级',
};

const CODE_RE = /^(\d{6}|\d{9}|\d{12})$/;

export function isRegionCode(code: string): boolean {
  return CODE_RE.test(code) && regionLevel(code) !== null;
}

export function regionLevel(code: string): RegionLevel | null {
  if (code.length === 12) return 5;
  if (code.length === 9) return 4;
  if (code.length !== 6 || code.startsWith('00')) return null;
  if (code.endsWith('0000')) return 1;
  if (code.endsWith('00')) return 2;
  return 3;
}

/** The parent code, or null for a province. */
export function parentRegionCode(code: string): string | null {
  switch (regionLevel(code)) {
    case 5: return code.slice(0, 9);
    case 4: return code.slice(0, 6);
    case 3: return `${code.slice(0, 4)}00`;
    case 2: return `${code.slice(0, 2)}0000`;
    default: return null;
  }
}

/** All ancestors, nearest first. */
export function ancestorRegionCodes(code: string): string[] {
  const out: string[] = [];
  for (let p = parentRegionCode(code); p; p = parentRegionCode(p)) out.push(p);
  return out;
}

/** The prefix shared by every code in the subtree rooted at `code`. */
export function regionScopePrefix(code: string): string {
  switch (regionLevel(code)) {
    case 1: return code.slice(0, 2);
    case 2: return code.slice(0, 4);
    default: return code;
  }
}

export function isWithinRegion(code: string, root: string): boolean {
  return code.startsWith(regionScopePrefix(root));
}
