import { sql } from 'drizzle-orm';
import { integer, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/** Columns every register row carries: identity, jurisdiction, optimistic lock, soft delete, provenance. */
export const registerColumns = () => ({
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  version: integer('version').notNull().default(1),
  recordStatus: varchar('record_status', { length: 16 }).notNull().default('active'),
  deletedReason: text('deleted_reason'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedBy: uuid('updated_by'),
});
