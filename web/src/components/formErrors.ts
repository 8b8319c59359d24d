import type { FormInstance } from 'antd';
import type { z } from 'zod';
import type { FieldError } from '../app/api';

export type FieldPath = (string | number)[];

export interface PathError {
  name: FieldPath;
  label?: string;
  message: string;
}

/** 'licences.0.number' → ['licences', 0, 'number'] (the antd Form.List name path). */
export function toNamePath(field: string | readonly PropertyKey[]): FieldPath {
  const parts = typeof field === 'string' ? field.split('.').filter(Boolean) : field.map((p) => (typeof p === 'symbol' ? String(p) : p));
  return parts.map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p)) as FieldPath;
}

export function fromZod(error: z.ZodError): PathError[] {
  return error.issues.map((i) => ({ name: toNamePath(i.path), message: i.message }));
}

export function fromServer(fields: FieldError[]): PathError[] {
  return fields.map((f) => ({ name: toNamePath(f.field), label: f.label, message: f.message }));
}

const key = (p: FieldPath) => JSON.stringify(p);

/**
 * Put each error under its form field; errors without a matching field (list-level rules, version…)
 * are returned as messages for an alert above the form.
 */
export function applyErrors(form: FormInstance, errors: PathError[], labels: Record<string, string> = {}): string[] {
  const registered = new Set(form.getFieldsError().map((f) => key(f.name as FieldPath)));
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const unmatched: string[] = [];
  for (const e of errors) {
    if (e.name.length > 0 && registered.has(key(e.name))) {
      const k = key(e.name);
      const entry = byField.get(k) ?? { name: e.name, errors: [] };
      if (!entry.errors.includes(e.message)) entry.errors.push(e.message);
      byField.set(k, entry);
    } else {
      const top = String(e.name[0] ?? '');
      const label = e.label ?? labels[top];
      const where = e.name.length > 1 && typeof e.name[1] === 'number' ? `第 ${e.name[1] + 1} 项` : '';
      const msg = label && !e.message.includes(label) ? `${label}${where}：${e.message}` : `${where ? `${where}：` : ''}${e.message}`;
      if (!unmatched.includes(msg)) unmatched.push(msg);
    }
  }
  form.setFields([...byField.values()]);
  return unmatched;
}
