/**
 * Generic commands over a register: every read and write is scoped by access.scopeWhere, every write
 * is audited in the same transaction and guarded by the record's version (optimistic locking).
 */
import { and, asc, desc, eq, getTableName, inArray, like, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { bulkInsert } from '../../db/bulk';
import { isPglite, pglitePrepared } from '../../db/prepared';
import { auditEvents, entities } from '../../db/schema/index';
import { type Actor, canWriteRegion, hasRole, isUnitOnly, scopeWhere } from '../access';
import { recordAudit, recordAuditBatch } from '../audit';
import { AppError, conflict, type FieldError, forbidden, invalid, notFound, zodToFieldErrors } from '../errors';
import { regionScopePrefix } from '../../domains/regions/region-code';
import { regionNames } from '../../domains/regions/names';
import { Lookups, type RegisterContext, type RegisterDef } from './types';

export const ListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  region: z.string().regex(/^\d{6}(\d{3}){0,2}$/, '行政区划代码应为 6、9 或 12 位数字').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.string().max(40).optional(),
  status: z.enum(['active', 'deleted', 'all']).default('active'),
}).catchall(z.string());
export type ListQuery = z.infer<typeof ListQuery>;

const spec = (def: RegisterDef) => ({ ...def.scope, region: def.table.regionCode });

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Text with no upper/lower case distinction (Chinese, digits): plain LIKE matches exactly what ILIKE would. */
const isUncased = (s: string) => s.toLowerCase() === s && s.toUpperCase() === s;

/**
 * Name columns with a GIN index on `wj_name_region_tokens(name, region_code)` (migrations 0002, 0005–0007):
 * the name's bigrams plus its district and town prefixes. pg_trgm extracts no trigram from a two-character
 * pattern such as '%诊所%'; this index answers it, intersected with the jurisdiction, in one index scan.
 */
const TOKEN_INDEXED = new Map<PgColumn, PgColumn>([[entities.name, entities.regionCode]]);

/** The region key to look up in the token index: district and town scopes have one; wider scopes use bigrams only. */
const regionToken = (prefix: string | undefined) => (prefix && [6, 9].includes(prefix.length) ? `@${prefix}` : undefined);

/** The distinct two-character substrings of q (by code point, like PostgreSQL's substr). */
function bigramsOf(q: string) {
  const chars = [...q];
  return [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
}

/**
 * Substring search on one column.
 * - Two characters on a token-indexed column, or more inside a district or town: `tokens @> {q's bigrams,
 *   @prefix}` and `strpos(name, q) <> 0`, which is exactly "contains q inside the prefix" (which the scope
 *   condition states again). One GIN scan intersects the word with the jurisdiction; pg_trgm cannot serve
 *   two characters, and for longer words in a district its index has to be ANDed with a bitmap of the whole
 *   district (145,000 rows, 15–40 ms) or its city-wide matches read and filtered.
 * - Other uncased text (Chinese, digits): LIKE. The trigram index serves it as it serves ILIKE, but the
 *   planner estimates it from the column histogram and PostgreSQL evaluates it several times faster (ILIKE
 *   lower-cases every row of UTF-8 text); with no case in q both match the same rows.
 * - Anything with letters: ILIKE.
 * `coversRegion`: the condition holds only for rows whose region starts with `scopePrefix` (it looks up the
 * region key).
 */
function searchCondition(column: PgColumn, q: string, scopePrefix?: string): { cond: SQL; coversRegion: boolean } {
  if (!isUncased(q)) return { cond: sql`${column} ilike ${`%${escapeLike(q)}%`}`, coversRegion: false };
  const regionColumn = TOKEN_INDEXED.get(column);
  const key = regionToken(scopePrefix);
  const length = [...q].length;
  if (regionColumn && (length === 2 || (length > 2 && key))) {
    const keys = [...bigramsOf(q), key].filter(Boolean) as string[];
    // strpos first: the planner runs cheaper conditions first, so rows read through another index (the
    // updated_at walk) are tested with a byte search, not by computing their tokens (~20 µs each on PGlite).
    // `<> 0` leaves the token index's estimate intact (a LIKE here would be counted as a second filter).
    const cond = sql`(strpos(${column}, ${q}) <> 0 and wj_name_region_tokens(${column}, ${regionColumn}) @> array[${sql.join(keys.map((k) => sql`${k}`), sql`, `)}]::text[])`;
    return { cond, coversRegion: !!key };
  }
  return { cond: sql`${column} like ${`%${escapeLike(q)}%`}`, coversRegion: false };
}

/**
 * The same condition — true exactly when `cond` is true — in a form the planner neither matches to an index
 * nor counts in its row estimate (a CASE expression has no statistics; `IS NOT NULL` of it is estimated at
 * 0.995). For region conditions that the name-and-region token search already implies: left visible, the
 * planner takes them for independent of it, so it
 *   - ANDs the token bitmap with a bitmap of the whole district from entities_region_idx (145,000 rows,
 *     15–20 ms on PostgreSQL, more than the token scan itself) to cut rows the token scan never returns, and
 *   - estimates a frequent word at a seventh of its real count in a district (612 instead of 4,296 for
 *     口腔), so it fetches and sorts every match instead of walking the updated_at index for the first page.
 * (An earlier `left(region_code, n) = prefix` hid the condition from the index too, but was estimated at
 * 0.5 % and made the estimates worse still.)
 */
const plannerNeutral = (cond: SQL) => sql`(case when ${cond} then true end) is not null`;

export function listConditions(def: RegisterDef, actor: Actor, query: ListQuery): SQL {
  let search: SQL | undefined;
  let regionImplied = false;
  if (query.q) {
    // the narrowest region prefix the rows must have: the user's jurisdiction or the region filter
    const prefixes = [isUnitOnly(actor) ? undefined : regionScopePrefix(actor.regionCode), query.region ? regionScopePrefix(query.region) : undefined]
      .filter((p): p is string => !!p).sort((a, b) => b.length - a.length);
    const narrowest = prefixes[0] && prefixes.every((p) => prefixes[0].startsWith(p)) ? prefixes[0] : undefined;
    const ors = def.search.map((c) => searchCondition(c, query.q!, narrowest));
    search = ors.length === 1 ? ors[0].cond : sql`(${sql.join(ors.map((o) => o.cond), sql` or `)})`;
    // one search column whose condition looks up the narrowest region key: every region condition below is implied
    regionImplied = ors.length === 1 && ors[0].coversRegion;
  }
  const region = (cond: SQL) => (regionImplied ? plannerNeutral(cond) : cond);
  const scope = scopeWhere(actor, spec(def), 'read');
  const conds: (SQL | undefined)[] = [isUnitOnly(actor) ? scope : region(scope)];
  if (query.status !== 'all') conds.push(eq(def.table.recordStatus, query.status));
  if (query.region) conds.push(region(like(def.table.regionCode, `${regionScopePrefix(query.region)}%`)));
  if (search) conds.push(search);
  for (const [key, filter] of Object.entries(def.filters ?? {})) {
    const v = query[key];
    if (typeof v === 'string' && v !== '') conds.push(filter(v));
  }
  return and(...conds)!;
}

function orderBy(def: RegisterDef, sort: string | undefined, opts: { useSortIndex?: boolean } = {}) {
  const key = sort && def.sorts[sort.replace(/^-/, '')] ? sort : def.defaultSort;
  const column = def.sorts[key.replace(/^-/, '')];
  // coalesce(c, c) sorts exactly like c, but no index matches it: the planner has to sort
  const expr = opts.useSortIndex === false ? sql`coalesce(${column}, ${column})` : column;
  return [key.startsWith('-') ? desc(expr) : asc(expr), asc(def.table.id)];
}

/**
 * Totals are counted exactly up to this many rows; beyond it the list reports the planner's estimate.
 * Counting costs one heap visit per matching row, scattered over the table: with 1,000,000 entities,
 * counting 10,000 of one town took 60 ms on PostgreSQL and 70–190 ms on PGlite, 1,000 a tenth of that.
 */
export const EXACT_TOTAL_LIMIT = 1_000;

/**
 * One page of a register. `total` is exact when `totalIsEstimate` is false, that is when at most
 * EXACT_TOTAL_LIMIT rows match. Beyond that counting them all (say, every entity of a city of 1,000,000) would
 * cost far more than the page, so `total` is the planner's estimate, never less than EXACT_TOTAL_LIMIT + 1,
 * and `totalIsEstimate` is true (show it as “约 N 条” / “N+ 条”).
 */
export async function listRecords(db: Db, def: RegisterDef, actor: Actor, query: ListQuery) {
  const where = listConditions(def, actor, query);
  const offset = (query.page - 1) * query.pageSize;
  const counted = db.select({ one: sql`1` }).from(def.table).where(where).limit(EXACT_TOTAL_LIMIT + 1).as('counted');
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(counted);
  let total = Number(n);
  let totalIsEstimate = false;
  let rows: unknown[];
  if (total <= EXACT_TOTAL_LIMIT) {
    // Few matches: fetch them through the filter's own index and sort them (at most EXACT_TOTAL_LIMIT rows).
    // Left to itself, the planner may walk the sort index instead, hoping to meet pageSize matches soon, and
    // read most of the table when its estimate of a substring search is too high (seen: 257,000 rows, 190 ms).
    rows = total === 0 || offset >= total ? [] : await db.select().from(def.table).where(where)
      .orderBy(...orderBy(def, query.sort, { useSortIndex: false })).limit(query.pageSize).offset(offset);
  } else {
    const matching = db.select({ one: sql`1` }).from(def.table).where(where);
    if (sortIndex(def, query.sort)) {
      // Many matches: read the sort index until a page has passed the filter when that is expected to take
      // few rows (walkPage); else fetch the matches and sort them when there are fewer of them than a tenth of
      // the rows the walk would read (a scattered heap visit costs about ten rows read in index order); else,
      // deep pages of large sets, leave it to the planner.
      const [estimate, tableRows] = await Promise.all([estimateRows(db, matching), cachedTableRows(db, def)]);
      const matches = Math.max(estimate, total);
      const expectedWalk = ((offset + query.pageSize) * tableRows) / matches;
      const walk = expectedWalk <= WALK_ROWS;
      rows = (walk ? await walkPage(db, def, where, query.sort, query.pageSize, offset) : undefined)
        ?? await db.select().from(def.table).where(where)
          .orderBy(...orderBy(def, query.sort, { useSortIndex: !walk && matches * 10 > expectedWalk })).limit(query.pageSize).offset(offset);
      total = pageTotal(total, estimate);
    } else {
      const page = db.select().from(def.table).where(where).orderBy(...orderBy(def, query.sort)).limit(query.pageSize).offset(offset);
      const [pageRows, estimate] = await Promise.all([page, estimateRows(db, matching)]);
      rows = pageRows;
      total = pageTotal(total, estimate);
    }
    if (rows.length > 0 && rows.length < query.pageSize) {
      total = offset + rows.length; // the last page: exact after all
    } else {
      total = Math.max(total, offset + rows.length + (rows.length === query.pageSize ? 1 : 0));
      totalIsEstimate = true;
    }
  }
  return {
    items: await enrich(db, def, rows.map((r) => def.present(r as Record<string, unknown>, actor))),
    total,
    totalIsEstimate,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Sort keys with a btree index in their order (entities_updated_idx: updated_at desc, id). */
const SORT_INDEXED = new Set<PgColumn>([entities.updatedAt]);

function sortIndex(def: RegisterDef, sort: string | undefined) {
  const key = sort && def.sorts[sort.replace(/^-/, '')] ? sort : def.defaultSort;
  return SORT_INDEXED.has(def.sorts[key.replace(/^-/, '')]);
}

/** A total beyond EXACT_TOTAL_LIMIT: the planner's estimate, but never EXACT_TOTAL_LIMIT or less. */
const pageTotal = (counted: number, estimate: number) => Math.max(counted, EXACT_TOTAL_LIMIT + 1, estimate);

/** At most this many rows of the sort index are read for a page (walkPage), and only when they are expected to hold it. */
export const WALK_ROWS = 20_000;

/**
 * The page among the first WALK_ROWS rows in sort order, or undefined when they hold fewer than
 * offset + pageSize matches. Matches among a prefix of the order are the first matches of the whole
 * order, so a full page from the window is the right page.
 *
 * For many matches (more than EXACT_TOTAL_LIMIT) this is the cheap plan: reading the sort index until a page
 * has passed the filter reads about pageSize × rows / matches rows, in index order (2–3 µs a row on
 * PostgreSQL here), where fetching every match and sorting costs a scattered heap visit per match (4,300
 * matches of 口腔 in one district: ~20 ms against 1–2 ms). The planner picks the walk by itself only when it
 * estimates the matches well, then often as a parallel plan for 1,000–3,000 matches (starting the workers
 * alone took ~20 ms here), and unbounded: when the matches are few or old it reads most of the table.
 */
async function walkPage(db: Db, def: RegisterDef, where: SQL, sort: string | undefined, pageSize: number, offset: number) {
  if (offset + pageSize > WALK_ROWS) return undefined;
  const order = orderBy(def, sort);
  // the window keeps the table's name, so `where` and the order refer to its columns unchanged
  const window = db.select().from(def.table).orderBy(...order).limit(WALK_ROWS).as(getTableName(def.table));
  const rows = await db.select().from(window).where(where).orderBy(...order).limit(pageSize).offset(offset);
  return rows.length === pageSize ? rows : undefined;
}

/** The planner's estimate of a table's rows, cached for a minute. */
const tableRowsCache = new WeakMap<object, { rows: number; at: number }>();
async function cachedTableRows(db: Db, def: RegisterDef) {
  const hit = tableRowsCache.get(def.table);
  if (hit && Date.now() - hit.at < 60_000) return hit.rows;
  const rows = await estimateRows(db, db.select({ one: sql`1` }).from(def.table));
  tableRowsCache.set(def.table, { rows, at: Date.now() });
  return rows;
}

/** The planner's row estimate for a query (EXPLAIN, not executed). */
async function estimateRows(db: Db, query: SQLWrapper): Promise<number> {
  const res = (await db.execute(sql`explain (format json) ${query}`)) as unknown as { rows: Record<string, unknown>[] };
  const cell = Object.values(res.rows[0] ?? {})[0];
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: { 'Plan Rows': number } }[];
  return Math.round(Number(plan[0]?.Plan?.['Plan Rows'] ?? 0));
}

/** Stream every matching row in pages (exports). */
export async function* iterateRecords(db: Db, def: RegisterDef, actor: Actor, query: ListQuery, batch = 2000) {
  const where = listConditions(def, actor, query);
  for (let offset = 0; ; offset += batch) {
    const rows = await db.select().from(def.table).where(where).orderBy(...orderBy(def, query.sort)).limit(batch).offset(offset);
    for (const r of await enrich(db, def, rows.map((x) => def.present(x as Record<string, unknown>, actor)))) yield r;
    if (rows.length < batch) return;
  }
}

async function loadScoped(db: Db, def: RegisterDef, actor: Actor, id: string, mode: 'read' | 'write') {
  if (!z.uuid().safeParse(id).success) throw notFound(def.label);
  const [row] = await db.select().from(def.table).where(and(eq(def.table.id, id), scopeWhere(actor, spec(def), mode))).limit(1);
  if (!row) throw notFound(def.label);
  return row as Record<string, unknown>;
}

export async function getRecord(db: Db, def: RegisterDef, actor: Actor, id: string) {
  if (!UUID.test(id)) throw notFound(def.label);
  const [row] = await scopedById(db, def, actor).prepared.execute({ id });
  if (!row) throw notFound(def.label);
  const [item] = await enrich(db, def, [def.present(row as Record<string, unknown>, actor)]);
  return item;
}

/** A UUID as PostgreSQL reads it (anything else cannot be an id: 404 without a query). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ScopedById {
  prepared: { execute(values: { id: string }): Promise<unknown[]> };
  /** The statement's name, SQL and parameters (`sql.placeholder('id')` among them), for the benchmark's driver baseline. */
  name: string;
  text: string;
  params: unknown[];
}

/**
 * The detail read, `select … where id = $1 and <scopeWhere(actor, 'read')> limit 1`, as a named prepared
 * statement. It is built once per actor and register: the session cache hands out the same Actor object for
 * 15 s, so the scope is exactly scopeWhere's for this actor, and the query is neither rebuilt by Drizzle
 * (~10 % of the CPU of a GET by id) nor parsed and planned again by PostgreSQL on a connection that ran it
 * before (on PGlite: PREPARE and EXECUTE, db/prepared.ts). The name is derived from the SQL text, so one name
 * always means one text on every connection.
 */
const byIdCache = new WeakMap<Db, WeakMap<Actor, Map<string, ScopedById>>>();
export function scopedById(db: Db, def: RegisterDef, actor: Actor): ScopedById {
  let perDb = byIdCache.get(db);
  if (!perDb) byIdCache.set(db, (perDb = new WeakMap()));
  let perActor = perDb.get(actor);
  if (!perActor) perDb.set(actor, (perActor = new Map()));
  let entry = perActor.get(def.name);
  if (!entry) {
    const query = db.select().from(def.table).where(and(eq(def.table.id, sql.placeholder('id')), scopeWhere(actor, spec(def), 'read'))).limit(1);
    const { sql: text, params } = query.toSQL();
    const name = `wj_${def.name}_by_id_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    const prepared = isPglite(db) ? pglitePrepared(db, def.table, name, text, params) : query.prepare(name) as ScopedById['prepared'];
    entry = { prepared, name, text, params };
    perActor.set(def.name, entry);
  }
  return entry;
}

/** Region full names for display, plus the register's own enrichment. */
async function enrich(db: Db, def: RegisterDef, items: Record<string, unknown>[]) {
  const codes = [...new Set(items.map((i) => i.regionCode).filter(Boolean))] as string[];
  if (codes.length) {
    const names = await regionNames(db, codes);
    items = items.map((i) => ({ ...i, regionName: names.get(i.regionCode as string) ?? null }));
  }
  return def.enrich ? def.enrich(db, items) : items;
}

export function parseInput<I>(def: RegisterDef, body: unknown): I {
  const parsed = def.input.safeParse(body);
  if (!parsed.success) throw invalid(labelled(def, zodToFieldErrors(parsed.error)));
  return parsed.data as I;
}

function labelled(def: RegisterDef, fields: FieldError[]): FieldError[] {
  return fields.map((f) => ({ ...f, label: def.fieldLabels[f.field.split('.')[0]] ?? f.label }));
}

function assertRegionWritable(def: RegisterDef, actor: Actor, regionCode: unknown) {
  if (typeof regionCode !== 'string' || !canWriteRegion(actor, regionCode)) {
    throw new AppError(403, 'out_of_jurisdiction', `所属区划不在您的管辖范围内，无法保存该${def.label}`, [
      { field: 'regionCode', label: '所属区划', message: '不在您的管辖范围内' },
    ]);
  }
}

async function assertNaturalKeyFree(db: Db, def: RegisterDef, value: unknown, exceptId?: string) {
  if (!def.naturalKey || value == null) return;
  const { column, field, label } = def.naturalKey;
  const [dup] = await db.select({ id: def.table.id, regionCode: def.table.regionCode }).from(def.table)
    .where(and(eq(column, value), eq(def.table.recordStatus, 'active'), exceptId ? ne(def.table.id, exceptId) : undefined)).limit(1);
  if (dup) throw invalid([{ field, label, message: `${label}“${value}”已登记，不能重复（区划 ${dup.regionCode}）` }]);
}

export async function createRecord(db: Db, def: RegisterDef, actor: Actor, body: unknown) {
  if (!hasRole(actor, def.access.write)) throw forbidden();
  const input = parseInput<Record<string, unknown>>(def, body);
  const ctx: RegisterContext = { db, actor, lookups: new Lookups(db) };
  const values = await def.toValues(input, ctx);
  assertRegionWritable(def, actor, values.regionCode);
  return db.transaction(async (tx) => {
    if (def.naturalKey) await assertNaturalKeyFree(tx, def, values[def.naturalKey.field]);
    const [row] = await tx.insert(def.table).values({ ...values, createdBy: actor.userId, updatedBy: actor.userId } as never).returning();
    const presented = def.present(row as Record<string, unknown>, actor);
    await def.afterWrite?.(tx, row as Record<string, unknown>, 'create');
    await recordAudit(tx, actor, { action: 'create', resource: def.name, resourceId: String(presented.id), regionCode: String(values.regionCode), after: row });
    return presented;
  });
}

const VersionBody = z.object({ version: z.coerce.number({ error: '缺少版本号' }).int().min(1) });

export async function updateRecord(db: Db, def: RegisterDef, actor: Actor, id: string, body: unknown) {
  if (!hasRole(actor, def.access.write)) throw forbidden();
  const { version } = parseVersion(body);
  const existing = await loadScoped(db, def, actor, id, 'write');
  if (existing.recordStatus !== 'active') throw conflict(`该${def.label}已删除，请先恢复后再修改`);
  const input = parseInput<Record<string, unknown>>(def, body);
  const values = await def.toValues(input, { db, actor, lookups: new Lookups(db), existing });
  assertRegionWritable(def, actor, values.regionCode);
  return db.transaction(async (tx) => {
    if (def.naturalKey) await assertNaturalKeyFree(tx, def, values[def.naturalKey.field], id);
    const row = await versionedUpdate(tx, def, id, version, { ...values, updatedBy: actor.userId });
    await def.afterWrite?.(tx, row, 'update');
    await recordAudit(tx, actor, { action: 'update', resource: def.name, resourceId: id, regionCode: String(row.regionCode), before: existing, after: row });
    return def.present(row, actor);
  });
}

function parseVersion(body: unknown) {
  const parsed = VersionBody.safeParse(body);
  if (!parsed.success) throw invalid([{ field: 'version', label: '版本号', message: '缺少版本号，请刷新页面后重试' }]);
  return parsed.data;
}

async function versionedUpdate(tx: Db, def: RegisterDef, id: string, version: number, values: Record<string, unknown>) {
  const rows = await tx.update(def.table)
    .set({ ...values, version: sql`${def.table.version} + 1`, updatedAt: sql`now()` } as never)
    .where(and(eq(def.table.id, id), eq(def.table.version, version)))
    .returning();
  if (rows.length === 0) {
    const [current] = await tx.select({ version: def.table.version, updatedBy: def.table.updatedBy }).from(def.table).where(eq(def.table.id, id));
    throw conflict(`该${def.label}已被他人修改（您编辑的是第 ${version} 版，当前为第 ${current?.version} 版）。请刷新后在最新内容上重新修改。`, {
      currentVersion: current?.version,
    });
  }
  return rows[0] as Record<string, unknown>;
}

const RemoveBody = z.object({
  version: z.coerce.number().int().min(1),
  reason: z.string().trim().min(2, '请填写删除原因（至少 2 个字）').max(500),
});

/** Deletion is a recorded status change; nothing is hard-deleted. */
export async function removeRecord(db: Db, def: RegisterDef, actor: Actor, id: string, body: unknown, restore = false) {
  if (!hasRole(actor, def.access.remove)) throw forbidden();
  const parsed = RemoveBody.safeParse(body);
  if (!parsed.success) throw invalid(zodToFieldErrors(parsed.error).map((f) => ({ ...f, label: f.field === 'reason' ? (restore ? '恢复原因' : '删除原因') : '版本号' })));
  const existing = await loadScoped(db, def, actor, id, 'write');
  const target = restore ? 'active' : 'deleted';
  if (existing.recordStatus === target) throw conflict(restore ? `该${def.label}未被删除` : `该${def.label}已删除`);
  return db.transaction(async (tx) => {
    if (restore && def.naturalKey) await assertNaturalKeyFree(tx, def, existing[def.naturalKey.field], id);
    const row = await versionedUpdate(tx, def, id, parsed.data.version, {
      recordStatus: target, deletedReason: restore ? null : parsed.data.reason, updatedBy: actor.userId,
    });
    await def.afterWrite?.(tx, row, restore ? 'restore' : 'delete');
    await recordAudit(tx, actor, {
      action: restore ? 'restore' : 'delete', resource: def.name, resourceId: id, regionCode: String(row.regionCode),
      before: existing, after: row, reason: parsed.data.reason,
    });
    return def.present(row, actor);
  });
}

export async function recordHistory(db: Db, def: RegisterDef, actor: Actor, id: string) {
  await loadScoped(db, def, actor, id, 'read');
  const events = await db.select().from(auditEvents)
    .where(and(eq(auditEvents.resource, def.name), eq(auditEvents.resourceId, id)))
    .orderBy(desc(auditEvents.id)).limit(200);
  return events.map((e) => ({
    id: e.id,
    at: e.at,
    actorName: e.actorName,
    action: e.action,
    reason: e.reason,
    hash: e.hash,
    changes: diffPresented(def, actor, e.before as Record<string, unknown> | null, e.after as Record<string, unknown> | null),
  }));
}

/** Field-level changes between two stored rows, masked the same way as the record itself. */
function diffPresented(def: RegisterDef, actor: Actor, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const b = before ? def.present(before, actor) : {};
  const a = after ? def.present(after, actor) : {};
  const skip = new Set(['version', 'updatedAt', 'createdAt', 'updatedBy', 'createdBy', 'id']);
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  const changes: { field: string; label: string; before: unknown; after: unknown }[] = [];
  for (const k of keys) {
    if (skip.has(k)) continue;
    if (JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null)) {
      changes.push({ field: k, label: def.fieldLabels[k] ?? k, before: b[k] ?? null, after: a[k] ?? null });
    }
  }
  return changes;
}

export interface ImportRowError { row: number; column: string; message: string }

/**
 * Validate every row, then apply all of them in one transaction — or none when any row is invalid.
 * Rows whose natural key matches an existing record in the actor's jurisdiction update it.
 */
export async function importRecords(
  db: Db, def: RegisterDef, actor: Actor, rows: { row: number; input: Record<string, unknown> }[], opts: { validateOnly?: boolean } = {},
) {
  if (!hasRole(actor, def.access.write)) throw forbidden();
  const errors: ImportRowError[] = [];
  const lookups = new Lookups(db);
  const ctx: RegisterContext = { db, actor, lookups };
  const parsed: { row: number; input: Record<string, unknown> }[] = [];
  for (const r of rows) {
    const res = def.input.safeParse(r.input);
    if (!res.success) {
      for (const f of zodToFieldErrors(res.error)) errors.push({ row: r.row, column: headerFor(def, f.field), message: f.message });
    } else parsed.push({ row: r.row, input: res.data as Record<string, unknown> });
  }
  await def.prepareImport?.(parsed.map((p) => p.input), ctx);

  // Natural keys: duplicates inside the file, and existing records inside / outside the jurisdiction.
  const existingByKey = new Map<string, { id: string; version: number; regionCode: string; writable: boolean; row: Record<string, unknown> }>();
  if (def.naturalKey) {
    const field = def.naturalKey.field;
    const keys = [...new Set(parsed.map((p) => p.input[field]).filter((k) => k != null))] as string[];
    for (let i = 0; i < keys.length; i += 5000) {
      const chunk = keys.slice(i, i + 5000);
      const found = await db.select().from(def.table)
        .where(and(inArray(def.naturalKey.column as PgColumn, chunk), eq(def.table.recordStatus, 'active')));
      for (const f of found as Record<string, unknown>[]) {
        existingByKey.set(String(f[field]), {
          id: String(f.id), version: Number(f.version), regionCode: String(f.regionCode),
          writable: canWriteRegion(actor, String(f.regionCode)), row: f,
        });
      }
    }
    const seen = new Map<string, number>();
    for (const p of parsed) {
      const key = p.input[field];
      if (key == null) continue;
      const first = seen.get(String(key));
      if (first !== undefined) {
        errors.push({ row: p.row, column: def.naturalKey.label, message: `与第 ${first} 行重复` });
      } else seen.set(String(key), p.row);
      const ex = existingByKey.get(String(key));
      if (ex && !ex.writable) {
        errors.push({ row: p.row, column: def.naturalKey.label, message: `已在其他辖区（${ex.regionCode}）登记，无权修改` });
      }
    }
  }

  const prepared: { row: number; values: Record<string, unknown>; existing?: (typeof existingByKey extends Map<string, infer V> ? V : never) }[] = [];
  for (const p of parsed) {
    const existing = def.naturalKey ? existingByKey.get(String(p.input[def.naturalKey.field])) : undefined;
    try {
      const values = await def.toValues(p.input, { ...ctx, existing: existing?.row });
      if (!canWriteRegion(actor, String(values.regionCode))) {
        errors.push({ row: p.row, column: headerFor(def, 'regionCode'), message: '所属区划不在您的管辖范围内' });
        continue;
      }
      prepared.push({ row: p.row, values, existing });
    } catch (err) {
      if (err instanceof AppError && err.fields) {
        for (const f of err.fields) errors.push({ row: p.row, column: headerFor(def, f.field), message: f.message });
      } else throw err;
    }
  }
  if (errors.length > 0 || opts.validateOnly) {
    errors.sort((a, b) => a.row - b.row);
    return { ok: false as const, total: rows.length, errors };
  }

  const started = Date.now();
  const result = await db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    const audits: Parameters<typeof recordAuditBatch>[2] = [];
    const inserts = prepared.filter((p) => !p.existing);
    for (let i = 0; i < inserts.length; i += 2000) {
      const chunk = inserts.slice(i, i + 2000);
      const ins = await bulkInsert(tx, def.table, chunk.map((p) => ({ ...p.values, createdBy: actor.userId, updatedBy: actor.userId })));
      for (const row of ins) {
        audits.push({ action: 'create', resource: def.name, resourceId: String(row.id), regionCode: String(row.regionCode), after: row, reason: 'Excel 导入' });
      }
      created += ins.length;
    }
    for (const p of prepared.filter((x) => x.existing)) {
      const row = await versionedUpdate(tx, def, p.existing!.id, p.existing!.version, { ...p.values, updatedBy: actor.userId });
      audits.push({ action: 'update', resource: def.name, resourceId: p.existing!.id, regionCode: String(row.regionCode), before: p.existing!.row, after: row, reason: 'Excel 导入' });
      updated++;
    }
    await recordAuditBatch(tx, actor, audits);
    return { created, updated };
  });
  return { ok: true as const, total: rows.length, ...result, ms: Date.now() - started };
}

function headerFor(def: RegisterDef, field: string): string {
  const mapped = def.importFieldColumns?.[field.replace(/\.\d+\./, '.#.')];
  const key = mapped ?? field.split('.')[0];
  return def.excel.find((c) => c.key === key)?.header ?? def.fieldLabels[key] ?? key;
}
