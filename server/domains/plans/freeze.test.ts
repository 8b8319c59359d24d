/** Helpers of the freeze: the table of distinct profile lines, PostgreSQL array literals. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fnv, LineTable, parsePgArray } from './freeze';

describe('freeze helpers', () => {
  it('LineTable numbers equal lines equally and different lines differently, found in place (any text, growing)', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 6 }).map((s) => s.replace(/\n/g, '')), { maxLength: 3000 }), (lines) => {
      const text = lines.join('\n'), table = new LineTable(text), seen = new Map<string, number>();
      for (let i = 0, pos = 0; i < lines.length; i++) {
        const end = pos + lines[i].length;
        const h = fnv(text, pos, end);
        let v = table.find(h, pos, end);
        if (v === undefined) {
          expect(seen.has(lines[i])).toBe(false);
          v = seen.size;
          table.add(h, pos, end, v);
          seen.set(lines[i], v);
        }
        expect(v).toBe(seen.get(lines[i]));
        pos = end + 1;
      }
    }), { numRuns: 200 });
  });

  it('parsePgArray reads one-dimensional text[] literals', () => {
    expect(parsePgArray('{a,b}')).toEqual(['a', 'b']);
    expect(parsePgArray('{}')).toEqual([]);
    expect(parsePgArray(String.raw`{"a b","c\"d",NULL,"NULL"}`)).toEqual(["a b", "c\"d", "NULL"]);
    expect(parsePgArray(['x'])).toEqual(['x']);
  });
});
