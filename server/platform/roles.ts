/** Roles (角色). Shared with the web app: keep this file free of server-only imports. */
export const ROLES = {
  admin: '系统管理员',
  head: '机构负责人',
  chief: '科室负责人',
  legal: '法制审核员',
  inspector: '卫生监督员',
  assistant: '协管员',
  unit: '被监督单位用户',
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_CODES = Object.keys(ROLES) as [Role, ...Role[]];
/** Agency staff: every role except the regulated unit's own account. */
export const STAFF_ROLES: Role[] = ['admin', 'head', 'chief', 'legal', 'inspector', 'assistant'];
export const roleLabel = (r: string): string => (ROLES as Record<string, string>)[r] ?? r;
