/**
 * Navigation: the sider menu and the breadcrumb groups, filtered by role. Kept free of page code so
 * that the shell loads without the feature chunks.
 */
import type { ReactNode } from 'react';
import {
  AppstoreOutlined, AuditOutlined, BankOutlined, BookOutlined, CalendarOutlined, ClusterOutlined, DatabaseOutlined,
  EnvironmentOutlined, FileSearchOutlined, HomeOutlined, IdcardOutlined, OrderedListOutlined, ProfileOutlined, SafetyCertificateOutlined,
  ScheduleOutlined, SettingOutlined, AlertOutlined, PhoneOutlined, BarChartOutlined, FileTextOutlined, NotificationOutlined, ShopOutlined, StopOutlined, SwapOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import type { Role } from '../shared/schemas';
import { AUDIT_READ, CALENDAR_READ, DOCUMENT_TEMPLATES, COMPLAINT_READ, COMPLAINT_REGISTER, CONFLICT_READ, LEAD_READ, PLAN_READ, REGISTER_ACCESS, STAFF_ROLES } from './access';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  roles: readonly Role[];
}

export interface NavGroup {
  key: string;
  label: string;
  icon: ReactNode;
  items: NavItem[];
}

/** Registers in menu order with their group (also used for breadcrumbs). */
export const REGISTER_NAV: { name: string; label: string; group: string; icon: ReactNode }[] = [
  { name: 'entities', label: '检查对象', group: '名录库', icon: <ShopOutlined /> },
  { name: 'practitioners', label: '从业人员', group: '名录库', icon: <IdcardOutlined /> },
  { name: 'inspectors', label: '执法人员', group: '名录库', icon: <SafetyCertificateOutlined /> },
  { name: 'matters', label: '随机抽查事项', group: '一单一细则', icon: <OrderedListOutlined /> },
  { name: 'checklists', label: '检查细则', group: '一单一细则', icon: <FileSearchOutlined /> },
  { name: 'regions', label: '行政区划', group: '基础数据', icon: <EnvironmentOutlined /> },
  { name: 'grid-cells', label: '网格', group: '基础数据', icon: <ClusterOutlined /> },
  { name: 'agencies', label: '监督机构', group: '基础数据', icon: <BankOutlined /> },
  { name: 'users', label: '用户管理', group: '系统管理', icon: <TeamOutlined /> },
];

const GROUP_ICONS: Record<string, ReactNode> = {
  名录库: <DatabaseOutlined />,
  一单一细则: <BookOutlined />,
  基础数据: <AppstoreOutlined />,
  系统管理: <SettingOutlined />,
};

export const registerGroup = (name: string) => REGISTER_NAV.find((r) => r.name === name)?.group ?? '';
export const registerLabel = (name: string) => REGISTER_NAV.find((r) => r.name === name)?.label ?? name;

/** 双随机抽查: first group of the menu, the daily work of inspectors. */
export const RANDOM_INSPECTION: NavGroup = {
  key: '双随机抽查',
  label: '双随机抽查',
  icon: <SwapOutlined />,
  items: [
    { path: '/plans', label: '抽查计划', icon: <ProfileOutlined />, roles: PLAN_READ },
    { path: '/tasks', label: '我的检查任务', icon: <ScheduleOutlined />, roles: PLAN_READ },
    { path: '/conflicts', label: '利害关系申报', icon: <StopOutlined />, roles: CONFLICT_READ },
  ],
};

/** 投诉举报与线索: complaints from every channel and the ledger of leads. */
export const COMPLAINTS_AND_LEADS: NavGroup = {
  key: '投诉举报与线索',
  label: '投诉举报与线索',
  icon: <NotificationOutlined />,
  items: [
    { path: '/complaints', label: '投诉举报', icon: <AlertOutlined />, roles: COMPLAINT_READ },
    { path: '/complaints/new', label: '来电来访登记', icon: <PhoneOutlined />, roles: COMPLAINT_REGISTER },
    { path: '/leads', label: '线索台账', icon: <FileTextOutlined />, roles: LEAD_READ },
    { path: '/complaints/stats', label: '投诉举报统计', icon: <BarChartOutlined />, roles: COMPLAINT_READ },
  ],
};

export const HOME: NavItem = { path: '/', label: '首页', icon: <HomeOutlined />, roles: STAFF_ROLES };
export const MY_ENTITY: NavItem = { path: '/my-entity', label: '本单位信息', icon: <ShopOutlined />, roles: ['unit'] };

/** The menu for a user: groups with the items the user may read. */
export function navFor(hasRole: (roles: readonly Role[]) => boolean, isUnitOnly: boolean): { top: NavItem[]; groups: NavGroup[] } {
  if (isUnitOnly) {
    return {
      top: [MY_ENTITY, { path: '/practitioners', label: '从业人员', icon: <IdcardOutlined />, roles: ['unit'] }],
      groups: [],
    };
  }
  const groups = new Map<string, NavGroup>();
  const random = RANDOM_INSPECTION.items.filter((i) => hasRole(i.roles));
  if (random.length) groups.set(RANDOM_INSPECTION.key, { ...RANDOM_INSPECTION, items: random });
  const complaints = COMPLAINTS_AND_LEADS.items.filter((i) => hasRole(i.roles));
  if (complaints.length) groups.set(COMPLAINTS_AND_LEADS.key, { ...COMPLAINTS_AND_LEADS, items: complaints });
  for (const r of REGISTER_NAV) {
    if (!hasRole(REGISTER_ACCESS[r.name].read)) continue;
    const g = groups.get(r.group) ?? { key: r.group, label: r.group, icon: GROUP_ICONS[r.group], items: [] };
    g.items.push({ path: `/${r.name}`, label: r.label, icon: r.icon, roles: REGISTER_ACCESS[r.name].read });
    groups.set(r.group, g);
  }
  if (hasRole(CALENDAR_READ)) {
    groups.get('基础数据')?.items.push({ path: '/calendar', label: '工作日历', icon: <CalendarOutlined />, roles: CALENDAR_READ });
  }
  if (hasRole(AUDIT_READ)) {
    const g = groups.get('系统管理') ?? { key: '系统管理', label: '系统管理', icon: GROUP_ICONS['系统管理'], items: [] };
    g.items.push({ path: '/audit', label: '审计日志', icon: <AuditOutlined />, roles: AUDIT_READ });
    groups.set('系统管理', g);
  }
  if (hasRole(DOCUMENT_TEMPLATES)) groups.get('系统管理')?.items.push({ path: '/document-templates', label: '文书模板', icon: <FileTextOutlined />, roles: DOCUMENT_TEMPLATES });
  return { top: [HOME], groups: [...groups.values()] };
}

export const ACCOUNT_ICON = <UserOutlined />;
