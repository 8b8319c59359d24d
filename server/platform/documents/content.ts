/**
 * The content hash of a document: SHA-256 (hex) of the canonical JSON of `{ type, data }`, where `data` is
 * the type's data after its schema (trimmed strings, defaults filled in) and canonical JSON sorts object
 * keys at every level and drops undefined members (the same rule as platform/canonical.ts). Signatures are
 * captured over this hash: a phone computes it from the same schema before the party signs, and
 * issueDocument refuses a signature whose hash differs from the one of the data being issued. This file is
 * pure and free of Node APIs so the web app can import it (hash the string with SubtleCrypto).
 */
export function canonicalContent(type: string, data: unknown): string {
  return JSON.stringify(sortKeys({ type, data }));
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
