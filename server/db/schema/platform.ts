import { sql } from 'drizzle-orm';
import { registerColumns } from './common';
import {
  bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar,
} from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  ...registerColumns(),
  username: varchar('username', { length: 64 }).notNull(),
  displayName: varchar('display_name', { length: 64 }).notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles').array().notNull(),
  agencyId: uuid('agency_id'),
  entityId: uuid('entity_id'),
  phone: varchar('phone', { length: 32 }),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
}, (t) => [
  uniqueIndex('users_username_uq').on(t.username),
  index('users_region_idx').on(t.regionCode.op('text_pattern_ops')),
]);

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  tokenHash: varchar('token_hash', { length: 64 }).notNull(),
  csrfToken: varchar('csrf_token', { length: 64 }).notNull(),
  userId: uuid('user_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  ip: varchar('ip', { length: 64 }),
  userAgent: text('user_agent'),
}, (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)]);

/** Tamper-evident audit chain: hash = SHA-256(prevHash + canonical(event)). */
export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  actorId: uuid('actor_id'),
  actorName: varchar('actor_name', { length: 64 }),
  action: varchar('action', { length: 32 }).notNull(),
  resource: varchar('resource', { length: 48 }).notNull(),
  resourceId: varchar('resource_id', { length: 64 }).notNull(),
  regionCode: varchar('region_code', { length: 12 }),
  before: jsonb('before'),
  after: jsonb('after'),
  reason: text('reason'),
  prevHash: varchar('prev_hash', { length: 64 }).notNull(),
  hash: varchar('hash', { length: 64 }).notNull(),
}, (t) => [index('audit_resource_idx').on(t.resource, t.resourceId)]);

/** Working-day calendar: exceptions to the Mon–Fri rule (法定节假日 and 调休 make-up working days). */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: varchar('kind', { length: 8 }).notNull(), // 'holiday' | 'workday'
  name: varchar('name', { length: 64 }).notNull(),
  source: varchar('source', { length: 16 }).notNull().default('seed'), // 'seed' | 'admin'
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const settings = pgTable('settings', {
  key: varchar('key', { length: 64 }).primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Every Excel import attempt, with its per-row error report when it was refused. */
export const importJobs = pgTable('import_jobs', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  userId: uuid('user_id').notNull(),
  register: varchar('register', { length: 48 }).notNull(),
  filename: varchar('filename', { length: 255 }),
  fileSha256: varchar('file_sha256', { length: 64 }),
  status: varchar('status', { length: 16 }).notNull(), // 'applied' | 'rejected'
  totalRows: integer('total_rows').notNull(),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
