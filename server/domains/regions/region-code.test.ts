import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ancestorRegionCodes, isWithinRegion, parentRegionCode, regionLevel, regionScopePrefix } from './region-code';

const district = fc.tuple(fc.integer({ min: 11, max: 65 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }))
  .map(([p, c, d]) => `${p}${String(c).padStart(2, '0')}${String(d).padStart(2, '0')}`);
const town = fc.tuple(district, fc.integer({ min: 1, max: 999 })).map(([d, t]) => d + String(t).padStart(3, '0'));
const village = fc.tuple(town, fc.integer({ min: 1, max: 999 })).map(([t, v]) => t + String(v).padStart(3, '0'));

describe('行政区划代码 (GB/T 2260; towns 9 and villages 12 digits)', () => {
  it('classifies levels', () => {
    expect(regionLevel('320000')).toBe(1);
    expect(regionLevel('320200')).toBe(2);
    expect(regionLevel('320205')).toBe(3);
    expect(regionLevel('320205001')).toBe(4);
    expect(regionLevel('320205001001')).toBe(5);
    expect(regionLevel('3202')).toBeNull();
  });

  it('walks up the tree: village → town → district → city → province', () => {
    expect(ancestorRegionCodes('320205001001')).toEqual(['320205001', '320205', '320200', '320000']);
    expect(parentRegionCode('320000')).toBeNull();
  });

  it('every region lies within each of its ancestors and within itself', () => {
    fc.assert(fc.property(village, (v) => [v, ...ancestorRegionCodes(v)].every((a) => isWithinRegion(v, a))));
  });

  it('a district never contains a region of another district (the jurisdiction prefix is exact)', () => {
    fc.assert(fc.property(village, district, (v, d) => {
      fc.pre(v.slice(0, 6) !== d && regionLevel(d) === 3);
      return !isWithinRegion(v, d);
    }));
  });

  it('the scope prefix of a city covers its districts but not a neighbouring city', () => {
    expect(regionScopePrefix('320200')).toBe('3202');
    expect(isWithinRegion('320205001001', '320200')).toBe(true);
    expect(isWithinRegion('320305', '320200')).toBe(false);
    expect(regionScopePrefix('320000')).toBe('32');
  });
});
