import { sql } from 'drizzle-orm';
import {
  bigserial, boolean, date, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid, varchar,
} from 'drizzle-orm/pg-core';
import { registerColumns } from './common';

/**
 * 投诉举报 (complaint). `regionCode` is the handling agency's jurisdiction (where it is scoped); the
 * complaint's place is `placeRegionCode`. The complainant's identity lives in `complainants`, never here,
 * so no list, export or document built from this table can carry it.
 *
 * Status: registered (已登记) → accepted (已受理) | rejected (不予受理) → assigned (已分派) → verifying (核查中)
 * → handled (已处理) → replied (已答复) → closed (已办结); merged (已并入) for a duplicate merged into another.
 * `nextActor`/`nextDue` say who must act next and by when; they are recomputed on every step.
 */
export const complaints = pgTable('complaints', {
  ...registerColumns(),
  trackingCode: varchar('tracking_code', { length: 16 }).notNull(),
  /** public_web | open311 | hotline_12320 | phone | letter | visit | wechat | superior | department */
  channel: varchar('channel', { length: 16 }).notNull(),
  category: varchar('category', { length: 24 }).notNull(),
  content: text('content').notNull(),
  address: varchar('address', { length: 300 }),
  lng: doublePrecision('lng'),
  lat: doublePrecision('lat'),
  placeRegionCode: varchar('place_region_code', { length: 12 }),
  entityId: uuid('entity_id'),
  unitName: varchar('unit_name', { length: 200 }),
  occurredOn: date('occurred_on', { mode: 'string' }),
  anonymous: boolean('anonymous').notNull().default(false),
  /** Attached files (ids in `files`), photos from the public form included. */
  attachments: jsonb('attachments').notNull().default(sql`'[]'::jsonb`),
  /** Channel reference: 12320 工单号, letter number, superior's 转办单号, Open311 service_request_id of the sender. */
  externalRef: varchar('external_ref', { length: 64 }),
  /** Idempotency key sent by a client (public form, Open311) so a retried submission is stored once. */
  submissionKey: varchar('submission_key', { length: 64 }),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  agencyId: uuid('agency_id').notNull(),
  section: varchar('section', { length: 64 }),
  assigneeIds: uuid('assignee_ids').array().notNull().default(sql`'{}'::uuid[]`),
  assigneeNames: text('assignee_names').array().notNull().default(sql`'{}'::text[]`),
  status: varchar('status', { length: 16 }).notNull().default('registered'),
  /** Role or person that must act next (shown in lists), and the deadline of that step. */
  nextActor: varchar('next_actor', { length: 64 }),
  nextDue: date('next_due', { mode: 'string' }),
  acceptDue: date('accept_due', { mode: 'string' }),
  concludeDue: date('conclude_due', { mode: 'string' }),
  /** One extension of the conclusion deadline (信访工作条例 Art. 34), approved by the head. */
  extendedDue: date('extended_due', { mode: 'string' }),
  extensionReason: text('extension_reason'),
  extensionApprovedBy: uuid('extension_approved_by'),
  acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
  rejectReason: text('reject_reason'),
  findings: text('findings'),
  /** no_violation | rectification | lead */
  outcome: varchar('outcome', { length: 16 }),
  leadId: uuid('lead_id'),
  replyText: text('reply_text'),
  repliedAt: timestamp('replied_at', { withTimezone: true, mode: 'date' }),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  /** 回访: 1 不满意 … 3 满意 (or null when the complainant could not be reached / anonymous). */
  satisfaction: smallint('satisfaction'),
  callbackAt: timestamp('callback_at', { withTimezone: true, mode: 'date' }),
  callbackNote: text('callback_note'),
  /** A duplicate merged into another complaint (the master carries the work; both get the reply). */
  mergedInto: uuid('merged_into'),
}, (t) => [
  uniqueIndex('complaints_tracking_uq').on(t.trackingCode),
  uniqueIndex('complaints_submission_uq').on(t.submissionKey),
  index('complaints_region_idx').on(t.regionCode.op('text_pattern_ops'), t.status),
  index('complaints_assignees_idx').using('gin', t.assigneeIds),
  index('complaints_next_due_idx').on(t.status, t.nextDue),
  index('complaints_entity_idx').on(t.entityId, t.receivedAt),
  index('complaints_received_idx').on(t.receivedAt),
]);

/**
 * The complainant(s) of a complaint: one row each (a merged duplicate keeps its own). Visible only to
 * the roles handling the complaint; every read of these fields is logged in `complainant_views`.
 */
export const complainants = pgTable('complainants', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  complaintId: uuid('complaint_id').notNull(),
  name: varchar('name', { length: 64 }),
  phone: varchar('phone', { length: 32 }),
  idNumber: varchar('id_number', { length: 18 }),
  contactAddress: varchar('contact_address', { length: 300 }),
  email: varchar('email', { length: 128 }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('complainants_complaint_idx').on(t.complaintId), index('complainants_phone_idx').on(t.phone)]);

/** Every time a user saw a complainant's identity unmasked. */
export const complainantViews = pgTable('complainant_views', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  complaintId: uuid('complaint_id').notNull(),
  userId: uuid('user_id').notNull(),
  userName: varchar('user_name', { length: 64 }).notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  purpose: varchar('purpose', { length: 64 }),
}, (t) => [index('complainant_views_complaint_idx').on(t.complaintId, t.id)]);

/** Every step of a complaint. `publicText` is what the complainant sees on the tracking page (no names). */
export const complaintEvents = pgTable('complaint_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  complaintId: uuid('complaint_id').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  action: varchar('action', { length: 32 }).notNull(),
  fromStatus: varchar('from_status', { length: 16 }),
  toStatus: varchar('to_status', { length: 16 }),
  note: text('note'),
  publicText: text('public_text'),
  fromAgencyId: uuid('from_agency_id'),
  toAgencyId: uuid('to_agency_id'),
  actorId: uuid('actor_id'),
  actorName: varchar('actor_name', { length: 64 }),
}, (t) => [index('complaint_events_complaint_idx').on(t.complaintId, t.id)]);

/**
 * SLA table: the deadline of each step per channel and category ('*' matches any). The most specific
 * row wins (channel and category > channel > category > default).
 * step: accept (受理决定) | refer (转办) | conclude (办结) | extend (延期上限) | callback (回访)
 */
export const complaintSla = pgTable('complaint_sla', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  channel: varchar('channel', { length: 16 }).notNull().default('*'),
  category: varchar('category', { length: 24 }).notNull().default('*'),
  step: varchar('step', { length: 16 }).notNull(),
  days: integer('days').notNull(),
  /** 'working' (工作日, from the calendar) | 'natural' (自然日) */
  unit: varchar('unit', { length: 8 }).notNull(),
  basis: text('basis'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
}, (t) => [uniqueIndex('complaint_sla_uq').on(t.channel, t.category, t.step)]);

/**
 * 线索台账 (lead ledger): every lead from every source until it is disposed of.
 * source: complaint | inspection | superior (上级交办) | subordinate (下级报请) | department (部门移送)
 *       | media (媒体曝光) | monitoring (监测预警) | self_report (自查报告)
 * Status: registered (已登记) → verifying (核查中) → verified (已核查, filing decision due) → disposed (已处置).
 * disposition: file (立案) | no_file (不予立案) | transfer (移送) | merge (并案).
 */
export const leads = pgTable('leads', {
  ...registerColumns(),
  /** 线索编号, e.g. 临卫线〔2026〕17号 — unique per agency and year. */
  code: varchar('code', { length: 48 }).notNull(),
  agencyId: uuid('agency_id').notNull(),
  year: smallint('year').notNull(),
  seq: integer('seq').notNull(),
  source: varchar('source', { length: 16 }).notNull(),
  /** The origin: a complaint id, a task id, or a document number of the superior/department/media item. */
  originType: varchar('origin_type', { length: 16 }),
  originId: uuid('origin_id'),
  originRef: varchar('origin_ref', { length: 200 }),
  entityId: uuid('entity_id'),
  unitName: varchar('unit_name', { length: 200 }).notNull(),
  facts: text('facts').notNull(),
  category: varchar('category', { length: 24 }),
  receivedOn: date('received_on', { mode: 'string' }).notNull(),
  handlerIds: uuid('handler_ids').array().notNull().default(sql`'{}'::uuid[]`),
  handlerNames: text('handler_names').array().notNull().default(sql`'{}'::text[]`),
  status: varchar('status', { length: 16 }).notNull().default('registered'),
  verification: text('verification'),
  verifiedOn: date('verified_on', { mode: 'string' }),
  /** 卫生健康行政处罚程序规定 Art. 32: filing decision within 7 days of verification, once extendable by 7. */
  filingDue: date('filing_due', { mode: 'string' }),
  extendedDue: date('extended_due', { mode: 'string' }),
  extensionReason: text('extension_reason'),
  extensionApprovedBy: uuid('extension_approved_by'),
  disposition: varchar('disposition', { length: 16 }),
  dispositionOn: date('disposition_on', { mode: 'string' }),
  dispositionReason: text('disposition_reason'),
  /** 立案: approver (负责人) and date. */
  approvedBy: uuid('approved_by'),
  approverName: varchar('approver_name', { length: 64 }),
  /** 移送: the receiving authority (公安, 市场监管, 医保…) and the transfer document. */
  transferTo: varchar('transfer_to', { length: 100 }),
  transferDocNo: varchar('transfer_doc_no', { length: 100 }),
  /** 并案: the lead this one was merged into. */
  mergedInto: uuid('merged_into'),
}, (t) => [
  uniqueIndex('leads_code_uq').on(t.agencyId, t.year, t.seq),
  index('leads_region_idx').on(t.regionCode.op('text_pattern_ops'), t.status),
  index('leads_origin_idx').on(t.originType, t.originId),
  index('leads_handlers_idx').using('gin', t.handlerIds),
]);

/** Every step of a lead. */
export const leadEvents = pgTable('lead_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  leadId: uuid('lead_id').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  action: varchar('action', { length: 32 }).notNull(),
  fromStatus: varchar('from_status', { length: 16 }),
  toStatus: varchar('to_status', { length: 16 }),
  note: text('note'),
  actorId: uuid('actor_id'),
  actorName: varchar('actor_name', { length: 64 }),
}, (t) => [index('lead_events_lead_idx').on(t.leadId, t.id)]);
