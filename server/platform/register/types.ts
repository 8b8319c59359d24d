import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import type { Actor, ScopeSpec } from '../access';
import type { Role } from '../roles';

/** The columns every register table has (see db/schema/common.ts). */
export type RegisterTable = PgTable & {
  id: PgColumn;
  regionCode: PgColumn;
  version: PgColumn;
  recordStatus: PgColumn;
  deletedReason: PgColumn;
  updatedAt: PgColumn;
  updatedBy: PgColumn;
  createdBy: PgColumn;
};

/** A request-scoped memo for lookups (regions, grids, …) so imports of 50,000 rows stay fast. */
export class Lookups {
  private memo = new Map<string, Promise<unknown>>();
  constructor(public db: Db) {}
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) this.memo.set(key, (p = load()));
    return p;
  }
  set<T>(key: string, value: T) {
    this.memo.set(key, Promise.resolve(value));
  }
}

export interface RegisterContext {
  db: Db;
  actor: Actor;
  lookups: Lookups;
  /** The stored row when updating; undefined on create. */
  existing?: Record<string, unknown>;
}

export interface ExcelColumn {
  /** Key in the input object (dotted keys are not supported; use parse/format for structure). */
  key: string;
  header: string;
  width?: number;
  required?: boolean;
  /** Shown as an example row in the template. */
  example?: string;
  /** Help text for the header cell in the template. */
  note?: string;
  /** Cell text → input value. Return undefined for empty. Throw an Error with a Chinese message when unreadable. */
  parse?: (text: string) => unknown;
  /** Presented record → cell value for export. Default: record[key]. */
  format?: (record: Record<string, unknown>) => string | number | boolean | null | undefined;
}

export interface RegisterDef<Input extends Record<string, unknown> = Record<string, unknown>> {
  /** URL segment (/api/<name>) and audit resource name. */
  name: string;
  /** Chinese name of one record, e.g. 检查对象. */
  label: string;
  table: RegisterTable;
  access: { read: readonly Role[]; write: readonly Role[]; remove: readonly Role[] };
  scope: Omit<ScopeSpec, 'region'>;
  /** Validation of a create/update body (shared with the web form). */
  input: z.ZodType<Input>;
  /** Chinese labels of input fields, for error messages and the Excel report. */
  fieldLabels: Record<string, string>;
  /** Columns searched by the `q` parameter (substring match). */
  search: PgColumn[];
  /** Extra list filters: query parameter → SQL condition. */
  filters?: Record<string, (value: string) => SQL | undefined>;
  sorts: Record<string, PgColumn>;
  defaultSort: string; // e.g. '-updatedAt' or 'name'
  /** A natural key column used by imports to update instead of duplicate (e.g. credit code). */
  naturalKey?: { column: PgColumn; field: keyof Input & string; label: string };
  /** Validated input → column values (derive region, encrypt, check references). Throw invalid() on errors. */
  toValues(input: Input, ctx: RegisterContext): Promise<Record<string, unknown>>;
  /** Stored row → API object; must mask personal data. */
  present(row: Record<string, unknown>, actor: Actor): Record<string, unknown>;
  /** Optional preload before validating many rows (imports). */
  prepareImport?(inputs: Input[], ctx: RegisterContext): Promise<void>;
  excel: ExcelColumn[];
  /** Turn one parsed sheet row into the input shape (e.g. fold licence columns into an array). */
  importTransform?(raw: Record<string, unknown>): Record<string, unknown>;
  /** Error paths of folded fields → the sheet column they came from ('licences.#.number' → 'licenceNumber'). */
  importFieldColumns?: Record<string, string>;
  /** Fold several sheet rows into one record (e.g. checklist items); the first row's number identifies it. */
  importGroup?(rows: { row: number; input: Record<string, unknown> }[]): { row: number; input: Record<string, unknown> }[];
  /** Side effects inside the write transaction (e.g. revoke a disabled user's sessions). */
  afterWrite?(tx: Db, row: Record<string, unknown>, action: 'create' | 'update' | 'delete' | 'restore'): Promise<void>;
  /** Add display fields that need other tables (names of linked records) to presented rows. */
  enrich?(db: Db, items: Record<string, unknown>[]): Promise<Record<string, unknown>[]>;
}
