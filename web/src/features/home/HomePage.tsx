/**
 * 工作台: a home page for each role, built from the same pieces.
 * - everyone: 我的待办 (GET /api/todo), what waits for the user across tasks, complaints, leads and approvals, by deadline;
 * - head: 待我审批 first (extensions, filing decisions);
 * - chief and head: 本辖区在办, the team's open items with who acts;
 * - inspector: the inspection tasks card; chiefs and heads: current plans; complaint handlers: the complaints card;
 * - 协管员: the grid cell and a few shortcuts; legal reviewer: what awaits review (honestly empty until cases exist);
 * - chiefs, heads and administrators: the jurisdiction at a glance (registers, chart, reminders).
 * A unit account does not come here: it lands on its own record (/my-entity).
 */
import { Card, Col, Row, Typography } from 'antd';
import {
  AuditOutlined, CheckSquareOutlined, FileSearchOutlined, FormOutlined, ShopOutlined, SolutionOutlined, TeamOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { COMPLAINT_WORK, PLAN_WRITE } from '../../app/access';
import { useAuth } from '../../app/auth';
import { ComplaintsCard } from '../complaints/HomeCard';
import { useMyGrid, useTodo, type TodoItem } from './api';
import { GridCard } from './GridCard';
import { Overview } from './Overview';
import { CurrentPlansCard, MyTasksCard } from './PlanCards';
import { TodoCard } from './TodoCard';
import './home.css';

const isApproval = (i: TodoItem) => i.kind === 'approval';

function Welcome() {
  const { me } = useAuth();
  const hour = dayjs().hour();
  const greeting = hour < 11 ? '上午好' : hour < 13 ? '中午好' : hour < 18 ? '下午好' : '晚上好';
  return (
    <Card className="wj-welcome" variant="borderless">
      <div className="wj-welcome-inner">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{greeting}，{me?.user.displayName}</Typography.Title>
          <Typography.Text type="secondary">{me?.agency?.name ?? '卫生健康监督机构'} · {me?.user.roleLabels.join('、')}</Typography.Text>
        </div>
        <Typography.Text type="secondary" className="wj-today">{dayjs().format('YYYY年M月D日 dddd')}</Typography.Text>
      </div>
    </Card>
  );
}

/** 协管员: the few places their work is done. */
function AssistantShortcuts() {
  const grid = useMyGrid();
  const cell = grid.data?.items[0];
  return (
    <Card className="wj-card" size="small" title="常用功能">
      <nav className="wj-quick" aria-label="常用功能">
        <Link to="/complaints/new"><FormOutlined /> 登记群众反映</Link>
        <Link to={cell ? `/entities?grid=${cell.code}` : '/entities'}><ShopOutlined /> 网格内单位</Link>
        <Link to="/complaints"><SolutionOutlined /> 投诉举报</Link>
        <Link to="/leads"><FileSearchOutlined /> 线索台账</Link>
      </nav>
    </Card>
  );
}

function emptyText(roles: readonly string[]): string {
  if (roles.includes('chief')) return '暂无待您处理的事项（受理、分派、指定承办人、派员）。';
  if (roles.includes('inspector')) return '暂无待办：没有分派给您的检查任务、复查、投诉或线索。';
  if (roles.includes('assistant')) return '您的网格内暂无需要督促整改的单位。';
  if (roles.includes('admin')) return '暂无系统待办（锁定的账户、到期的执法证）。';
  return '暂无待办事项。';
}

export default function HomePage() {
  const { me, hasRole } = useAuth();
  const roles = me?.user.roles ?? [];
  const head = hasRole(['head']);
  const supervisor = hasRole(['head', 'chief']);
  const legalOnly = roles.length > 0 && roles.every((r) => r === 'legal');
  const mine = useTodo('mine');
  const team = useTodo('team', supervisor);

  return (
    <section className="wj-page">
      <Welcome />
      <Row gutter={[16, 0]}>
        <Col xs={24} xl={14}>
          {head && (
            <TodoCard title="待我审批" icon={<CheckSquareOutlined />} testId="todo-approvals" data={mine.data} loading={mine.isPending} error={mine.error}
              pick={isApproval} empty="暂无待审批事项（线索延期申请、立案决定）。" />
          )}
          {legalOnly ? (
            <TodoCard title="待法制审核" icon={<AuditOutlined />} testId="todo-mine" data={mine.data} loading={mine.isPending} error={mine.error}
              empty={(
                <div className="wj-home-empty-note">
                  暂无待法制审核的事项。<br />
                  重大执法决定作出前须经法制审核（《行政处罚法》第五十八条）；案件办理功能上线后，提交审核的案件将在此列出。
                </div>
              )} />
          ) : (
            <TodoCard title={head ? '待我处理' : '我的待办'} icon={<CheckSquareOutlined />} testId="todo-mine" data={mine.data} loading={mine.isPending} error={mine.error}
              pick={head ? (i) => !isApproval(i) : undefined} empty={emptyText(roles)} />
          )}
          {supervisor && (
            <TodoCard title="本辖区在办" icon={<TeamOutlined />} testId="todo-team" data={team.data} loading={team.isPending} error={team.error} showActor
              empty="本辖区暂无在办事项。" />
          )}
        </Col>
        <Col xs={24} xl={10}>
          {hasRole(['assistant']) && <><GridCard /><AssistantShortcuts /></>}
          {hasRole(['inspector']) && <MyTasksCard />}
          {hasRole(PLAN_WRITE) && <CurrentPlansCard />}
        </Col>
      </Row>
      {hasRole(COMPLAINT_WORK) && <ComplaintsCard />}
      {hasRole(['admin', 'head', 'chief']) && <Overview />}
    </section>
  );
}
