import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, customType, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid, varchar,
} from 'drizzle-orm/pg-core';
import { registerColumns } from './common';

/**
 * Binary column; node-postgres returns a Buffer, PGlite a Uint8Array — both are Uint8Array. The columns below hold
 * compressed bytes and are stored EXTERNAL, without a second compression attempt (migration 0010).
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * 抽查计划 (random inspection plan). The region code is the owning agency's; targets are drawn inside
 * `targetRegions` and carried out by the `carrierAgencyIds` (the owner when empty).
 * Status: draft → published → drawn → in_progress → completed.
 */
export const plans = pgTable('plans', {
  ...registerColumns(),
  agencyId: uuid('agency_id').notNull(),
  level: varchar('level', { length: 8 }).notNull(), // 国家 | 省 | 市 | 区县
  year: smallint('year').notNull(),
  name: varchar('name', { length: 200 }).notNull(),
  matterIds: uuid('matter_ids').array().notNull(),
  categories: text('categories').array().notNull(),
  targetRegions: text('target_regions').array().notNull(),
  carrierAgencyIds: uuid('carrier_agency_ids').array().notNull(),
  windowStart: date('window_start', { mode: 'string' }).notNull(),
  windowEnd: date('window_end', { mode: 'string' }).notNull(),
  strata: jsonb('strata').notNull(),
  rules: jsonb('rules').notNull(),
  exclusions: jsonb('exclusions').notNull(),
  weights: jsonb('weights').notNull(),
  description: text('description'),
  /** 'local' (drawn here) | 'imported' (targets handed down by a higher level; only inspectors are drawn here). */
  source: varchar('source', { length: 16 }).notNull().default('local'),
  issuedBy: varchar('issued_by', { length: 200 }),
  /** Imported plans: the target entities handed down; the draw selects all of them and draws only inspectors. */
  handedDownIds: uuid('handed_down_ids').array(),
  status: varchar('status', { length: 16 }).notNull().default('draft'),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  drawnAt: timestamp('drawn_at', { withTimezone: true, mode: 'date' }),
  completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  candidateCount: integer('candidate_count'),
  planHash: varchar('plan_hash', { length: 64 }),
  candidatesHash: varchar('candidates_hash', { length: 64 }),
  inspectorsHash: varchar('inspectors_hash', { length: 64 }),
  commitment: varchar('commitment', { length: 64 }),
  /** The secret seed share: AES-GCM encrypted until the draw, then published in the bundle. */
  secretEnc: text('secret_enc'),
  publicValue: varchar('public_value', { length: 200 }),
  drawOperator: varchar('draw_operator', { length: 64 }),
}, (t) => [
  index('plans_region_idx').on(t.regionCode.op('text_pattern_ops')),
  index('plans_year_idx').on(t.year, t.status),
]);

/** The frozen inputs of a draw (candidates, inspector pool, conflicts, last pairs) and, after it, the bundle. */
export const drawSnapshots = pgTable('draw_snapshots', {
  planId: uuid('plan_id').primaryKey(),
  /** gzip of the canonical Frozen JSON, fixed at publication. */
  frozenGz: bytea('frozen_gz').notNull(),
  /** gzip of the bundle's head; the bundle is this head, the frozen JSON and `}` (plans/snapshot.ts). Written by the draw, immutable. */
  bundleGz: bytea('bundle_gz'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * 检查任务: one drawn target with its inspectors. The identifying fields (entity, inspectors, order)
 * never change after the draw; the status changes only through recorded task events.
 * Status: pending (待检查) → in_progress (检查中) → done (已完成) | unable (无法检查); unstaffed (待派员).
 */
export const tasks = pgTable('tasks', {
  ...registerColumns(),
  planId: uuid('plan_id').notNull(),
  agencyId: uuid('agency_id').notNull(),
  entityId: uuid('entity_id').notNull(),
  entityName: varchar('entity_name', { length: 200 }).notNull(),
  creditCode: varchar('credit_code', { length: 18 }).notNull(),
  address: varchar('address', { length: 300 }),
  stratum: varchar('stratum', { length: 32 }).notNull(),
  seq: integer('seq').notNull(),
  inspectorIds: uuid('inspector_ids').array().notNull(),
  inspectorNames: text('inspector_names').array().notNull(),
  unstaffedReason: text('unstaffed_reason'),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  status: varchar('status', { length: 16 }).notNull(),
  result: varchar('result', { length: 16 }), // qualified | rectify | case | unable
  unableReason: varchar('unable_reason', { length: 32 }),
  summary: text('summary'),
  inspectedOn: date('inspected_on', { mode: 'string' }),
  /** Latest date by which the outcome must be public (20 working days after the inspection). */
  publishBy: date('publish_by', { mode: 'string' }),
  attachments: jsonb('attachments').notNull().default(sql`'[]'::jsonb`),
  followUpStatus: varchar('follow_up_status', { length: 16 }).notNull().default('none'), // none | scheduled | closed
  followUpDue: date('follow_up_due', { mode: 'string' }),
  followUpOn: date('follow_up_on', { mode: 'string' }),
  followUpResult: varchar('follow_up_result', { length: 16 }),
  followUpNote: text('follow_up_note'),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
}, (t) => [
  uniqueIndex('tasks_plan_entity_uq').on(t.planId, t.entityId),
  index('tasks_plan_idx').on(t.planId, t.stratum, t.seq),
  index('tasks_inspectors_idx').using('gin', t.inspectorIds),
  index('tasks_entity_idx').on(t.entityId, t.inspectedOn),
  index('tasks_region_idx').on(t.regionCode.op('text_pattern_ops')),
]);

/** Every status change of a task, with its reason; `public` ones are shown on the portal. */
export const taskEvents = pgTable('task_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  taskId: uuid('task_id').notNull(),
  planId: uuid('plan_id').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  action: varchar('action', { length: 32 }).notNull(),
  fromStatus: varchar('from_status', { length: 16 }),
  toStatus: varchar('to_status', { length: 16 }),
  reason: text('reason'),
  actorId: uuid('actor_id'),
  actorName: varchar('actor_name', { length: 64 }),
  public: boolean('public').notNull().default(true),
}, (t) => [index('task_events_task_idx').on(t.taskId, t.id), index('task_events_plan_idx').on(t.planId)]);

/** Declared conflicts of interest (回避, 行政处罚法 Art. 43) between an inspector and a supervised unit. */
export const inspectorConflicts = pgTable('inspector_conflicts', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  inspectorId: uuid('inspector_id').notNull(),
  entityId: uuid('entity_id').notNull(),
  reason: text('reason').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
}, (t) => [index('inspector_conflicts_inspector_idx').on(t.inspectorId), index('inspector_conflicts_entity_idx').on(t.entityId)]);

/** Uploaded files (attachments, evidence), content-addressed by SHA-256. */
export const files = pgTable('files', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  name: varchar('name', { length: 255 }).notNull(),
  mime: varchar('mime', { length: 100 }).notNull(),
  size: integer('size').notNull(),
  sha256: varchar('sha256', { length: 64 }).notNull(),
  content: bytea('content').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
});
