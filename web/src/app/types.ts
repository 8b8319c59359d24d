/** Shapes of the API responses the web app uses. */
import type { Role } from '../shared/schemas';

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  roleLabels: string[];
  regionCode: string;
  entityId: string | null;
  mustChangePassword: boolean;
}

export interface Me {
  user: CurrentUser;
  agency: { id: string; name: string; regionCode: string; docPrefix: string } | null;
  csrfToken: string;
}

export interface CodeLabel {
  code: string;
  label: string;
}

export interface Meta {
  categories: { code: string; label: string; parent?: string }[];
  roles: CodeLabel[];
  operatingStatuses: CodeLabel[];
  licenceKinds: CodeLabel[];
  practitionerCategories: string[];
  planLevels: string[];
}

export interface RegionItem {
  code: string;
  name: string;
  fullName: string;
  level: number;
  parentCode: string | null;
}

export interface ListResult<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** The total is the planner's estimate (more than 1,000 matches). */
  totalIsEstimate?: boolean;
}

/** Fields every register record carries. */
export interface BaseRecord {
  id: string;
  version: number;
  recordStatus: 'active' | 'deleted';
  deletedReason?: string | null;
  regionCode: string;
  regionName?: string | null;
  updatedAt: string;
  [key: string]: unknown;
}

export interface HistoryChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

export interface HistoryItem {
  id: number | string;
  at: string;
  actorName: string | null;
  action: string;
  reason: string | null;
  hash: string;
  changes: HistoryChange[];
}

export interface Dashboard {
  entities: { total: number; operating: number; licenceExpiring: number; licenceExpired: number; checkDue: number };
  entitiesByCategory: { code: string; n: number }[];
  practitioners: number;
  inspectors: { total: number; credentialExpired: number; credentialExpiring: number } | null;
}
