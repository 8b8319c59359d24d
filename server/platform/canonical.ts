import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: the same value always serialises to the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Plain-JSON copy (Dates become ISO strings, undefined disappears) — what jsonb will give back. */
export const toPlainJson = <T>(value: T): unknown => (value == null ? null : JSON.parse(JSON.stringify(value)));

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
