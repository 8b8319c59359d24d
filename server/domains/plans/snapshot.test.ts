/**
 * Stored snapshots: the frozen input's gzip and the bundle's gzip written around it (snapshot.ts) are standard
 * gzip files that any reader decompresses to exactly the expected text.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32 } from 'node:zlib';
import { bundleGzip, crc32Combine, gunzipFrozen, gzipFrozen, gzipOpen, joinGzip, parseFrozenForDraw } from './snapshot';
import { frozenJson } from '../../../lib/draw/canonical';
import { candidate, inspector, makeFrozen, makePlan, stratum } from '../../../lib/draw/test-fixtures';
import type { Frozen } from '../../../lib/draw/types';

describe('draw snapshots', () => {
  it('the frozen gzip holds the joined pieces; the bundle gzip is prefix + frozen text + suffix (any text)', async () => {
    const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('', '中文名称\n', 'x'.repeat(70_000), '"\\u0000"'));
    await fc.assert(fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.string({ unit: 'grapheme' }), fc.string(), async (pieces, prefix, suffix) => {
      const gz = await gzipFrozen(pieces, new Set([0, 2, 3]));
      const text = gunzipFrozen(gz);
      expect(text.toString('utf8')).toBe(pieces.join(''));
      const joined = joinGzip([gzipOpen(prefix), gz], suffix);
      expect(gunzipSync(joined).toString('utf8')).toBe(prefix + pieces.join('') + suffix);
    }), { numRuns: 60 });
  });

  it('a megabyte-sized snapshot and its bundle decompress in one piece, also with another gzip reader', async () => {
    // over 16 MB: compressed in parts on the thread pool
    const pieces = Array.from({ length: 700 }, (_, i) => JSON.stringify(Array.from({ length: 2000 }, (_, j) => `候选对象${i}-${j}`)));
    const gz = await gzipFrozen(pieces, new Set([5, 6, 7, 300]));
    const text = gunzipFrozen(gz);
    expect(text.toString('utf8')).toBe(pieces.join(''));
    const bundle = bundleGzip(gzipOpen('{"protocol":"weijian-draw/2","frozen":'), gz);
    const want = '{"protocol":"weijian-draw/2","frozen":' + pieces.join('') + '}';
    expect(gunzipSync(bundle).toString('utf8')).toBe(want);
    if (spawnSync('python3', ['--version']).status === 0) {
      const out = execFileSync('python3', ['-c', 'import gzip,sys,hashlib; print(hashlib.sha256(gzip.decompress(sys.stdin.buffer.read())).hexdigest())'], { input: bundle, encoding: 'utf8' });
      expect(out.trim()).toBe((await import('node:crypto')).createHash('sha256').update(want).digest('hex'));
    }
  });

  it('refuses a snapshot that is not in the open form', () => {
    expect(() => bundleGzip(gzipOpen('{'), Buffer.from([0x1f, 0x8b, 8, 0]))).toThrow(/expected gzip form/);
  });

  it('crc32Combine gives the CRC-32 of the concatenation (zlib)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 3000 }), (a, b) => {
      expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
    }), { numRuns: 300 });
    const big = Buffer.alloc(5_000_001, 7);
    expect(crc32Combine(crc32('x'), crc32(big), big.length)).toBe(crc32(Buffer.concat([Buffer.from('x'), big])));
  });

  it('the draw parses the frozen input without the name and credit code columns, and reads their lines on demand', () => {
    const odd = ['普通名称', '带"引号"的\\单位', 'a\\nb 不是换行', 'tab\there', '😀 emoji', '\\', '名称,"name":"x', '","creditCode":"', ''];
    const value = fc.oneof(fc.constantFrom(...odd), fc.string({ unit: 'grapheme', maxLength: 12 }).map((x) => x.replace(/\n/g, ' ')));
    fc.assert(fc.property(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 30 }), (values) => {
      const f: Frozen = makeFrozen({
        plan: makePlan([stratum('s', { name: '分层 ,"name":"s' })]),
        candidates: values.map(([name, code], i) => candidate(`e${String(i).padStart(3, '0')}`, { name, creditCode: code })),
        inspectors: [inspector('i1', { name: '张,"name":"三' })],
      });
      const text = Buffer.from(frozenJson(f).join(''));
      const { frozen, line } = parseFrozenForDraw<Frozen>(text);
      const full = JSON.parse(text.toString()) as Frozen;
      expect(frozen).toEqual({ ...full, candidates: { ...full.candidates, name: '', creditCode: '' } });
      const names = full.candidates.name.split('\n'), codes = full.candidates.creditCode.split('\n');
      names.forEach((n, i) => expect(line('name', i)).toBe(n));
      codes.forEach((c, i) => expect(line('creditCode', i)).toBe(c));
    }), { numRuns: 150 });
    // any other layout: parsed whole
    const other = parseFrozenForDraw<Frozen>(Buffer.from(JSON.stringify({ candidates: { name: 'a\nb', creditCode: 'c\nd' } })));
    expect(other.frozen.candidates.name).toBe('a\nb');
    expect([other.line('name', 1), other.line('creditCode', 0)]).toEqual(['b', 'c']);
  });
});
