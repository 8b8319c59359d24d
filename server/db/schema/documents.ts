import { sql } from 'drizzle-orm';
import {
  boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, varchar,
} from 'drizzle-orm/pg-core';
import { bytea } from './inspections';

/**
 * 执法文书 (issued enforcement documents). A row is written once, when the document is issued, and never
 * changed or deleted (a trigger refuses UPDATE and DELETE, migration 0012): a correction is a new document
 * whose `supersedes_id` names the old one. The region code is the issuing agency's.
 */
export const documents = pgTable('documents', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  agencyId: uuid('agency_id').notNull(),
  agencyName: varchar('agency_name', { length: 100 }).notNull(),
  /** Document type code from the catalogue (server/platform/documents/catalogue.ts), e.g. onsite_record. */
  type: varchar('type', { length: 40 }).notNull(),
  /** 执法类别 (医, 公, 传 …) of a 文号; '' for types numbered with 编号 (year + sequence). */
  category: varchar('category', { length: 2 }).notNull().default(''),
  year: smallint('year').notNull(),
  seq: integer('seq').notNull(),
  /** The printed number: 锡卫医罚〔2026〕12号 or 2026—001. */
  number: varchar('number', { length: 64 }).notNull(),
  /** The work the document belongs to (either, both or neither). */
  inspectionId: uuid('inspection_id'),
  caseId: uuid('case_id'),
  /** The party (a unit of the register), if any: a unit account reads the documents addressed to it. */
  entityId: uuid('entity_id'),
  partyName: varchar('party_name', { length: 200 }),
  addressedToParty: boolean('addressed_to_party').notNull(),
  issuedOn: date('issued_on', { mode: 'string' }).notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  issuedBy: uuid('issued_by').notNull(),
  issuedByName: varchar('issued_by_name', { length: 64 }).notNull(),
  /** The type's data as issued (what the template was filled with). */
  data: jsonb('data').notNull(),
  /** SHA-256 of canonical JSON of {type, data}: what signatures are captured over. */
  contentHash: varchar('content_hash', { length: 64 }).notNull(),
  /** The template used: null = the built-in default of the type. */
  templateId: uuid('template_id'),
  templateSha256: varchar('template_sha256', { length: 64 }).notNull(),
  docx: bytea('docx').notNull(),
  docxSize: integer('docx_size').notNull(),
  /** SHA-256 of the issued .docx file: what the public verification page shows. */
  sha256: varchar('sha256', { length: 64 }).notNull(),
  /** 验真码: XXXXX-XXXXX, printed on the document beside its QR code. */
  verifyCode: varchar('verify_code', { length: 16 }).notNull(),
  supersedesId: uuid('supersedes_id'),
  correctionReason: text('correction_reason'),
}, (t) => [
  uniqueIndex('documents_number_uq').on(t.agencyId, t.type, t.category, t.year, t.seq),
  uniqueIndex('documents_verify_code_uq').on(t.verifyCode),
  index('documents_region_idx').on(t.regionCode.op('text_pattern_ops'), t.issuedAt),
  index('documents_inspection_idx').on(t.inspectionId),
  index('documents_case_idx').on(t.caseId),
  index('documents_entity_idx').on(t.entityId),
  // a document is corrected at most once (a correction of the correction chains on)
  uniqueIndex('documents_supersedes_uq').on(t.supersedesId),
]);

/**
 * Signatures on an issued document, each captured over the document's content hash. A party who refuses
 * to sign is recorded as a row with `refused` and no image (卫生健康行政处罚程序规定 Art. 26–27).
 */
export const documentSignatures = pgTable('document_signatures', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  documentId: uuid('document_id').notNull(),
  /** party (当事人/被检查人) | inspector (执法人员) | recorder (记录人) | witness (见证人) | … */
  role: varchar('role', { length: 16 }).notNull(),
  signerName: varchar('signer_name', { length: 64 }).notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull(),
  contentHash: varchar('content_hash', { length: 64 }).notNull(),
  refused: boolean('refused').notNull().default(false),
  note: text('note'),
  image: bytea('image'),
  imageSha256: varchar('image_sha256', { length: 64 }),
}, (t) => [index('document_signatures_document_idx').on(t.documentId)]);

/**
 * Gap-free numbering: one row per agency, document type, 执法类别 and year holding the last number issued.
 * Issuing increments it inside the issuing transaction (the row stays locked until commit, so concurrent
 * issues queue; a rolled-back issue rolls the increment back and frees its number).
 */
export const documentCounters = pgTable('document_counters', {
  agencyId: uuid('agency_id').notNull(),
  type: varchar('type', { length: 40 }).notNull(),
  category: varchar('category', { length: 2 }).notNull(),
  year: smallint('year').notNull(),
  lastSeq: integer('last_seq').notNull(),
}, (t) => [primaryKey({ columns: [t.agencyId, t.type, t.category, t.year] })]);

/**
 * Templates uploaded by administrators, versioned per region and type. The effective template for an
 * issuing agency is the active one of the nearest region at or above the agency's; without one, the
 * built-in default of the type.
 */
export const documentTemplates = pgTable('document_templates', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  type: varchar('type', { length: 40 }).notNull(),
  version: integer('version').notNull(),
  fileName: varchar('file_name', { length: 255 }).notNull(),
  content: bytea('content').notNull(),
  size: integer('size').notNull(),
  sha256: varchar('sha256', { length: 64 }).notNull(),
  active: boolean('active').notNull().default(false),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  createdByName: varchar('created_by_name', { length: 64 }),
}, (t) => [
  uniqueIndex('document_templates_version_uq').on(t.regionCode, t.type, t.version),
  index('document_templates_type_idx').on(t.type, t.regionCode),
]);
