/**
 * Who may read and write what: mirrors `access` in server/domains/*\/register.ts and the platform
 * routes, so the UI hides menus and buttons the server would refuse anyway.
 */
import type { Role } from '../shared/schemas';

export interface Access {
  read: readonly Role[];
  write: readonly Role[];
  remove: readonly Role[];
}

const STAFF: Role[] = ['admin', 'head', 'chief', 'legal', 'inspector', 'assistant'];

export const REGISTER_ACCESS: Record<string, Access> = {
  entities: { read: [...STAFF, 'unit'], write: ['admin', 'head', 'chief', 'inspector'], remove: ['admin', 'head', 'chief'] },
  practitioners: { read: [...STAFF, 'unit'], write: ['admin', 'head', 'chief', 'inspector'], remove: ['admin', 'head', 'chief'] },
  inspectors: { read: STAFF, write: ['admin', 'head'], remove: ['admin', 'head'] },
  matters: { read: STAFF, write: ['admin', 'head', 'chief'], remove: ['admin', 'head'] },
  checklists: { read: STAFF, write: ['admin', 'head', 'chief'], remove: ['admin', 'head'] },
  regions: { read: STAFF, write: ['admin'], remove: ['admin'] },
  'grid-cells': { read: STAFF, write: ['admin', 'head', 'chief'], remove: ['admin', 'head'] },
  agencies: { read: STAFF, write: ['admin'], remove: ['admin'] },
  users: { read: ['admin', 'head'], write: ['admin'], remove: ['admin'] },
};

export const CALENDAR_READ: Role[] = STAFF;
export const CALENDAR_WRITE: Role[] = ['admin'];
export const AUDIT_READ: Role[] = ['admin', 'head'];
export const AUDIT_VERIFY: Role[] = ['admin'];
/** 文书模板 (server/platform/documents/routes.ts). */
export const DOCUMENT_TEMPLATES: Role[] = ['admin'];
export const USER_ADMIN: Role[] = ['admin'];

/** 双随机抽查 (server/domains/plans/routes.ts): staff read plans and tasks; plan writers organise and draw. */
export const PLAN_READ: Role[] = STAFF;
export const PLAN_WRITE: Role[] = ['admin', 'head', 'chief'];
/** Roles that may act on tasks; inspectors only on the tasks they were drawn for, the others on any in their jurisdiction. */
export const TASK_WORK: Role[] = ['admin', 'head', 'chief', 'inspector'];
export const TASK_SUPERVISE: Role[] = ['admin', 'head', 'chief'];
/** 利害关系申报: staff read, inspectors and supervisors declare, supervisors withdraw. */
export const CONFLICT_READ: Role[] = STAFF;
export const CONFLICT_DECLARE: Role[] = ['admin', 'head', 'chief', 'inspector'];
export const CONFLICT_WITHDRAW: Role[] = ['admin', 'head', 'chief'];

/** 投诉举报 (server/domains/complaints/routes.ts): staff read; operators register calls; chiefs accept and assign; assignees verify and reply. */
export const COMPLAINT_READ: Role[] = STAFF;
export const COMPLAINT_REGISTER: Role[] = ['admin', 'head', 'chief', 'inspector', 'assistant'];
export const COMPLAINT_MANAGE: Role[] = ['admin', 'head', 'chief'];
export const COMPLAINT_WORK: Role[] = ['admin', 'head', 'chief', 'inspector'];
/**
 * 线索台账 (server/domains/leads/rules.ts): staff read; these roles register; handlers (inspectors) and chiefs verify
 * and ask for extensions; chiefs and the head assign and record dispositions; only the head approves filing and extensions.
 */
export const LEAD_READ: Role[] = STAFF;
export const LEAD_WRITE: Role[] = ['admin', 'head', 'chief', 'inspector'];
export const LEAD_SUPERVISE: Role[] = ['head', 'chief'];
export const LEAD_APPROVE: Role[] = ['head'];

export const STAFF_ROLES = STAFF;
