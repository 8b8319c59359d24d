import { lazy, Suspense, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { createBrowserRouter, Navigate, useLocation, useNavigate, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import type { Role } from '../shared/schemas';
import { AUDIT_READ, CALENDAR_READ, DOCUMENT_TEMPLATES, COMPLAINT_READ, COMPLAINT_REGISTER, CONFLICT_READ, LEAD_READ, LEAD_WRITE, PLAN_READ, PLAN_WRITE, REGISTER_ACCESS, STAFF_ROLES } from './access';
import { AppLayout, type RouteHandle } from './AppLayout';
import { useAuth } from './auth';
import { REGISTER_NAV } from './nav';

// Feature pages are separate chunks: the login page and the shell load without them.
const RegisterList = lazy(() => import('../features/registers/routes').then((m) => ({ default: m.RegisterList })));
const RegisterDetail = lazy(() => import('../features/registers/routes').then((m) => ({ default: m.RegisterDetail })));
const MyEntity = lazy(() => import('../features/registers/routes').then((m) => ({ default: m.MyEntity })));
const HomePage = lazy(() => import('../features/home/HomePage'));
const CalendarPage = lazy(() => import('../features/calendar/CalendarPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const ChangePasswordPage = lazy(() => import('../features/auth/ChangePasswordPage'));
// 双随机抽查: plans, tasks, declared conflicts of interest.
const PlanListPage = lazy(() => import('../features/plans/PlanListPage'));
const PlanFormPage = lazy(() => import('../features/plans/PlanFormPage'));
const PlanDetailPage = lazy(() => import('../features/plans/PlanDetailPage'));
const ConflictsPage = lazy(() => import('../features/plans/ConflictsPage'));
const TaskListPage = lazy(() => import('../features/tasks/TaskListPage'));
const TaskDetailPage = lazy(() => import('../features/tasks/TaskDetailPage'));
// 投诉举报与线索台账.
const ComplaintListPage = lazy(() => import('../features/complaints/ComplaintListPage'));
const ComplaintFormPage = lazy(() => import('../features/complaints/ComplaintFormPage'));
const ComplaintDetailPage = lazy(() => import('../features/complaints/ComplaintDetailPage'));
const ComplaintStatsPage = lazy(() => import('../features/complaints/ComplaintStatsPage'));
const LeadListPage = lazy(() => import('../features/leads/LeadListPage'));
const LeadFormPage = lazy(() => import('../features/leads/LeadFormPage'));
const LeadDetailPage = lazy(() => import('../features/leads/LeadDetailPage'));
// 执法文书: the administrators' template management.
const DocumentTemplatesPage = lazy(() => import('../features/documents/DocumentTemplatesPage'));
// The public portal (一公开): no login, its own layout.
const PublicApp = lazy(() => import('../features/public/PublicApp'));

function FullPageSpin() {
  return (
    <div style={{ height: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" description="正在加载…" />
    </div>
  );
}

/** Logged in (else → /login), and password changed when the server demands it. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!me) {
    const from = location.pathname + location.search;
    return <Navigate to={from === '/' ? '/login' : `/login?from=${encodeURIComponent(from)}`} replace />;
  }
  if (me.user.mustChangePassword && location.pathname !== '/account/password') return <Navigate to="/account/password" replace />;
  return <>{children}</>;
}

function Forbidden() {
  const navigate = useNavigate();
  return <Result status="403" title="无权访问" subTitle="您的角色无权访问此页面。" extra={<Button type="primary" onClick={() => navigate('/')}>返回首页</Button>} />;
}

function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { hasRole } = useAuth();
  return hasRole(roles) ? <>{children}</> : <Forbidden />;
}

/** Staff see the dashboard; a unit user lands on his own entity. */
function Home() {
  const { me } = useAuth();
  if (me && me.user.roles.every((r) => r === 'unit')) return <Navigate to="/my-entity" replace />;
  return <RequireRole roles={STAFF_ROLES}><HomePage /></RequireRole>;
}

function NotFound() {
  const navigate = useNavigate();
  return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在或已被移除。" extra={<Button type="primary" onClick={() => navigate('/')}>返回首页</Button>} />;
}

const handle = (...crumbs: RouteHandle['crumbs']): RouteHandle => ({ crumbs });

const RANDOM = '双随机抽查';
const plansCrumb = { title: '抽查计划', to: '/plans' };
const tasksCrumb = { title: '我的检查任务', to: '/tasks' };

const planRoutes: RouteObject[] = [
  { path: 'plans', handle: handle(RANDOM, '抽查计划'), element: <RequireRole roles={PLAN_READ}><PlanListPage /></RequireRole> },
  { path: 'plans/new', handle: handle(RANDOM, plansCrumb, '新建计划'), element: <RequireRole roles={PLAN_WRITE}><PlanFormPage /></RequireRole> },
  { path: 'plans/:id', handle: handle(RANDOM, plansCrumb, '计划详情'), element: <RequireRole roles={PLAN_READ}><PlanDetailPage /></RequireRole> },
  { path: 'plans/:id/edit', handle: handle(RANDOM, plansCrumb, '编辑计划'), element: <RequireRole roles={PLAN_WRITE}><PlanFormPage /></RequireRole> },
  { path: 'tasks', handle: handle(RANDOM, '我的检查任务'), element: <RequireRole roles={PLAN_READ}><TaskListPage /></RequireRole> },
  { path: 'tasks/:id', handle: handle(RANDOM, tasksCrumb, '任务详情'), element: <RequireRole roles={PLAN_READ}><TaskDetailPage /></RequireRole> },
  { path: 'conflicts', handle: handle(RANDOM, '利害关系申报'), element: <RequireRole roles={CONFLICT_READ}><ConflictsPage /></RequireRole> },
];

const COMPLAINTS = '投诉举报与线索';
const complaintsCrumb = { title: '投诉举报', to: '/complaints' };
const leadsCrumb = { title: '线索台账', to: '/leads' };

const complaintRoutes: RouteObject[] = [
  { path: 'complaints', handle: handle(COMPLAINTS, '投诉举报'), element: <RequireRole roles={COMPLAINT_READ}><ComplaintListPage /></RequireRole> },
  { path: 'complaints/new', handle: handle(COMPLAINTS, complaintsCrumb, '来电来访登记'), element: <RequireRole roles={COMPLAINT_REGISTER}><ComplaintFormPage /></RequireRole> },
  { path: 'complaints/stats', handle: handle(COMPLAINTS, '投诉举报统计'), element: <RequireRole roles={COMPLAINT_READ}><ComplaintStatsPage /></RequireRole> },
  { path: 'complaints/:id', handle: handle(COMPLAINTS, complaintsCrumb, '投诉详情'), element: <RequireRole roles={COMPLAINT_READ}><ComplaintDetailPage /></RequireRole> },
  { path: 'leads', handle: handle(COMPLAINTS, '线索台账'), element: <RequireRole roles={LEAD_READ}><LeadListPage /></RequireRole> },
  { path: 'leads/new', handle: handle(COMPLAINTS, leadsCrumb, '登记线索'), element: <RequireRole roles={LEAD_WRITE}><LeadFormPage /></RequireRole> },
  { path: 'leads/:id', handle: handle(COMPLAINTS, leadsCrumb, '线索详情'), element: <RequireRole roles={LEAD_READ}><LeadDetailPage /></RequireRole> },
];

const registerRoutes: RouteObject[] = REGISTER_NAV.flatMap((r) => [
  {
    path: r.name,
    handle: handle(r.group, r.label),
    element: <RequireRole roles={REGISTER_ACCESS[r.name].read}><RegisterList name={r.name} /></RequireRole>,
  },
  {
    path: `${r.name}/:id`,
    handle: handle(r.group, { title: r.label, to: `/${r.name}` }, '详情'),
    element: <RequireRole roles={REGISTER_ACCESS[r.name].read}><RegisterDetail name={r.name} /></RequireRole>,
  },
]);

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/public/*', element: <Suspense fallback={<FullPageSpin />}><PublicApp /></Suspense> },
  {
    path: '/',
    element: <RequireAuth><AppLayout /></RequireAuth>,
    children: [
      { index: true, element: <Home />, handle: handle('工作台') },
      { path: 'my-entity', element: <RequireRole roles={['unit']}><MyEntity /></RequireRole>, handle: handle('本单位信息') },
      ...planRoutes,
      ...complaintRoutes,
      ...registerRoutes,
      { path: 'calendar', element: <RequireRole roles={CALENDAR_READ}><CalendarPage /></RequireRole>, handle: handle('基础数据', '工作日历') },
      { path: 'document-templates', element: <RequireRole roles={DOCUMENT_TEMPLATES}><DocumentTemplatesPage /></RequireRole>, handle: handle('系统管理', '文书模板') },
      { path: 'audit', element: <RequireRole roles={AUDIT_READ}><AuditPage /></RequireRole>, handle: handle('系统管理', '审计日志') },
      { path: 'account/password', element: <ChangePasswordPage />, handle: handle('个人设置', '修改密码') },
      { path: '*', element: <NotFound />, handle: handle('页面不存在') },
    ],
  },
];

export const router = createBrowserRouter(routes);
