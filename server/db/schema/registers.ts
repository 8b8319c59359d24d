import {
  boolean, date, doublePrecision, index, integer, jsonb, numeric, pgTable, smallint, text, uniqueIndex, uuid, varchar,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { registerColumns } from './common';

/** 行政区划 (GB/T 2260). The code is the key; regionCode equals the code itself. */
export const regions = pgTable('regions', {
  ...registerColumns(),
  code: varchar('code', { length: 12 }).notNull(),
  parentCode: varchar('parent_code', { length: 12 }),
  level: smallint('level').notNull(), // 1 province, 2 city, 3 district, 4 town, 5 village
  name: varchar('name', { length: 64 }).notNull(),
  fullName: varchar('full_name', { length: 200 }).notNull(),
}, (t) => [
  uniqueIndex('regions_code_uq').on(t.code),
  index('regions_region_idx').on(t.regionCode.op('text_pattern_ops')),
  index('regions_parent_idx').on(t.parentCode),
]);

/** 网格: the cell a 协管员 patrols, inside a town or village. */
export const gridCells = pgTable('grid_cells', {
  ...registerColumns(),
  code: varchar('code', { length: 20 }).notNull(),
  name: varchar('name', { length: 100 }).notNull(),
  assistantName: varchar('assistant_name', { length: 32 }),
  assistantPhone: varchar('assistant_phone', { length: 32 }),
  assistantUserId: uuid('assistant_user_id'),
}, (t) => [
  uniqueIndex('grid_cells_code_uq').on(t.code),
  index('grid_cells_region_idx').on(t.regionCode.op('text_pattern_ops')),
]);

/** 卫生监督机构: jurisdiction is the region subtree rooted at regionCode. */
export const agencies = pgTable('agencies', {
  ...registerColumns(),
  name: varchar('name', { length: 100 }).notNull(),
  shortName: varchar('short_name', { length: 32 }).notNull(),
  level: varchar('level', { length: 8 }).notNull(), // 省 | 市 | 区县
  parentId: uuid('parent_id'),
  docPrefix: varchar('doc_prefix', { length: 16 }).notNull(),
  address: varchar('address', { length: 200 }),
  phone: varchar('phone', { length: 32 }),
  headName: varchar('head_name', { length: 32 }),
}, (t) => [index('agencies_region_idx').on(t.regionCode.op('text_pattern_ops'))]);

/** 检查对象名录库. */
export const entities = pgTable('entities', {
  ...registerColumns(),
  creditCode: varchar('credit_code', { length: 18 }).notNull(),
  name: varchar('name', { length: 200 }).notNull(),
  address: varchar('address', { length: 300 }).notNull(),
  lng: doublePrecision('lng'),
  lat: doublePrecision('lat'),
  gridCode: varchar('grid_code', { length: 20 }),
  legalRep: varchar('legal_rep', { length: 64 }),
  contactPhone: varchar('contact_phone', { length: 32 }),
  categories: text('categories').array().notNull(),
  licences: jsonb('licences').notNull().default(sql`'[]'::jsonb`),
  beds: integer('beds'),
  operatingStatus: varchar('operating_status', { length: 16 }).notNull().default('operating'),
  riskGrade: varchar('risk_grade', { length: 8 }),
  creditClass: varchar('credit_class', { length: 8 }),
}, (t) => [
  index('entities_credit_code_idx').on(t.creditCode),
  index('entities_region_idx').on(t.regionCode.op('text_pattern_ops')),
  index('entities_name_trgm').using('gin', t.name.op('gin_trgm_ops')),
  // two-character name searches ('诊所', '宾馆') within a jurisdiction: pg_trgm has nothing to offer them
  // (wj_bigrams: migration 0002, wj_name_region_tokens: migrations 0005, 0007)
  index('entities_name_region_tokens').using('gin', sql`wj_name_region_tokens(${t.name}, ${t.regionCode})`),
  // the default list order (-updatedAt, then id): pages of a whole city without sorting it
  index('entities_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.id),
  index('entities_categories_idx').using('gin', t.categories),
]);

/** 从业人员: ID numbers are stored encrypted, looked up by keyed hash, shown masked. */
export const practitioners = pgTable('practitioners', {
  ...registerColumns(),
  name: varchar('name', { length: 64 }).notNull(),
  gender: varchar('gender', { length: 4 }),
  idNumberEnc: text('id_number_enc'),
  idNumberHash: varchar('id_number_hash', { length: 64 }),
  idNumberMasked: varchar('id_number_masked', { length: 24 }),
  certificateNo: varchar('certificate_no', { length: 32 }).notNull(),
  category: varchar('category', { length: 32 }).notNull(),
  practiceScope: varchar('practice_scope', { length: 100 }),
  entityId: uuid('entity_id'),
  phone: varchar('phone', { length: 32 }),
}, (t) => [
  index('practitioners_region_idx').on(t.regionCode.op('text_pattern_ops')),
  index('practitioners_entity_idx').on(t.entityId),
  index('practitioners_cert_idx').on(t.certificateNo),
  index('practitioners_idhash_idx').on(t.idNumberHash),
]);

/** 执法人员名录库. */
export const inspectors = pgTable('inspectors', {
  ...registerColumns(),
  name: varchar('name', { length: 64 }).notNull(),
  agencyId: uuid('agency_id').notNull(),
  userId: uuid('user_id'),
  credentialNo: varchar('credential_no', { length: 32 }).notNull(),
  credentialExpiry: date('credential_expiry', { mode: 'string' }).notNull(),
  specialties: text('specialties').array().notNull(),
  /** Town (乡镇街道) the inspector lives in, for the "not from the target's town" avoidance rule. */
  homeTownCode: varchar('home_town_code', { length: 12 }),
  legalQualification: boolean('legal_qualification').notNull().default(false),
  position: varchar('position', { length: 32 }),
  phone: varchar('phone', { length: 32 }),
  trainingHours: jsonb('training_hours').notNull().default(sql`'[]'::jsonb`),
}, (t) => [
  index('inspectors_region_idx').on(t.regionCode.op('text_pattern_ops')),
  index('inspectors_agency_idx').on(t.agencyId),
]);

/** 随机抽查事项清单 (一单). */
export const matters = pgTable('matters', {
  ...registerColumns(),
  code: varchar('code', { length: 32 }).notNull(),
  name: varchar('name', { length: 200 }).notNull(),
  category: varchar('category', { length: 48 }).notNull(),
  legalBasis: text('legal_basis').notNull(),
  subject: varchar('subject', { length: 100 }).notNull(),
  level: varchar('level', { length: 8 }).notNull(),
  ratio: numeric('ratio', { precision: 5, scale: 2, mode: 'number' }),
  frequency: varchar('frequency', { length: 32 }).notNull(),
  method: varchar('method', { length: 100 }).notNull(),
  staffRequirement: varchar('staff_requirement', { length: 200 }),
}, (t) => [index('matters_region_idx').on(t.regionCode.op('text_pattern_ops'))]);

/** 检查细则 (一细则): items live in a JSON array versioned with the checklist. */
export const checklists = pgTable('checklists', {
  ...registerColumns(),
  code: varchar('code', { length: 32 }).notNull(),
  name: varchar('name', { length: 200 }).notNull(),
  category: varchar('category', { length: 48 }).notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }),
  items: jsonb('items').notNull().default(sql`'[]'::jsonb`),
}, (t) => [index('checklists_region_idx').on(t.regionCode.op('text_pattern_ops'))]);
