/**
 * 我的检查任务: the inspections the user was drawn for (supervisors may switch to all tasks of their
 * jurisdiction). Cards on a phone, a table on wider screens.
 */
import { useMemo } from 'react';
import { Card, Empty, Grid, Input, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import { CalendarOutlined, EnvironmentOutlined, RightOutlined, TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { TASK_SUPERVISE } from '../../app/access';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { ListResult } from '../../app/types';
import { PageContainer } from '../../components/PageContainer';
import { taskKeys, type Task } from '../plans/api';
import { ResultTag, TaskStatusTag } from '../plans/common';
import '../plans/plans.css';

const FILTERS = [
  { value: 'open', label: '待办' },
  { value: 'followUp', label: '复查' },
  { value: 'all', label: '全部' },
];

function DueText({ task }: { task: Task }) {
  if (task.overdue) return <Space size={4}><Typography.Text type="danger">{task.dueDate}</Typography.Text><Tag color="red">已逾期</Tag></Space>;
  const days = Math.ceil((new Date(task.dueDate).getTime() - Date.now()) / 86_400_000);
  const open = ['pending', 'in_progress', 'unstaffed'].includes(task.status);
  return <Space size={4}><span>{task.dueDate}</span>{open && days <= 7 && <Tag color="orange">{days <= 0 ? '今日到期' : `${days} 天后到期`}</Tag>}</Space>;
}

function TaskCard({ task }: { task: Task }) {
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      className={`wj-task-card${task.overdue ? ' wj-task-overdue' : ''}`}
      hoverable
      onClick={() => navigate(`/tasks/${task.id}`)}
      role="link"
      aria-label={`任务：${task.entityName}`}
    >
      <div className="wj-task-card-head">
        <span className="wj-task-card-title">{task.entityName}</span>
        <TaskStatusTag task={task} />
      </div>
      <div className="wj-task-card-line"><EnvironmentOutlined /> {task.address || '地址未登记'}</div>
      <div className="wj-task-card-line"><CalendarOutlined /> 期限 <DueText task={task} /></div>
      <div className="wj-task-card-line"><TeamOutlined /> {task.inspectorNames.length ? task.inspectorNames.join('、') : <Typography.Text type="warning">待派员</Typography.Text>}</div>
      {(task.result || task.status === 'unable') && <div className="wj-task-card-line"><ResultTag task={task} /></div>}
      {task.followUpStatus === 'scheduled' && task.followUpDue && <div className="wj-task-card-line">复查日期 {task.followUpDue}</div>}
      <div className="wj-task-card-foot">
        <Typography.Text type="secondary" ellipsis className="wj-task-card-plan">{task.planName}</Typography.Text>
        <RightOutlined />
      </div>
    </Card>
  );
}

export default function TaskListPage() {
  const { hasRole } = useAuth();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false || (screens.md === undefined && window.innerWidth < 768);
  const supervisor = hasRole(TASK_SUPERVISE);
  const isInspector = hasRole(['inspector']);
  const [search, setSearch] = useSearchParams();
  const filter = search.get('filter') ?? 'open';
  // Inspectors see their own tasks; supervisors without an inspector role default to their jurisdiction.
  const scope = search.get('scope') ?? (isInspector || !supervisor ? 'mine' : 'all');
  const q = search.get('q') ?? '';
  const page = Number(search.get('page')) || 1;
  const pageSize = 20;

  const set = (next: Record<string, string | undefined>) => setSearch((s) => {
    for (const [k, v] of Object.entries(next)) { if (v) s.set(k, v); else s.delete(k); }
    if (!('page' in next)) s.delete('page');
    return s;
  }, { replace: true });

  const query = { mine: scope === 'mine' ? 'true' : undefined, status: filter === 'all' ? undefined : filter, q: q || undefined, page, pageSize };
  const { data, isFetching } = useQuery({
    queryKey: taskKeys.list(query),
    queryFn: () => api.get<ListResult<Task>>('/api/tasks', query),
    placeholderData: keepPreviousData,
  });

  const filters = useMemo(() => (supervisor && scope === 'all' ? [...FILTERS.slice(0, 2), { value: 'unstaffed', label: '待派员' }, FILTERS[2]] : FILTERS), [supervisor, scope]);

  const toolbar = (
    <div className="wj-task-toolbar">
      <Segmented aria-label="任务筛选" value={filter} options={filters} onChange={(v) => set({ filter: String(v) })} block={narrow} />
      {supervisor && (
        <Segmented
          aria-label="任务范围"
          value={scope}
          options={[{ value: 'mine', label: '我的任务' }, { value: 'all', label: '辖区全部' }]}
          onChange={(v) => set({ scope: String(v) })}
          block={narrow}
        />
      )}
      <Input.Search
        allowClear
        defaultValue={q}
        placeholder="单位名称或信用代码"
        className="wj-task-search"
        onSearch={(v) => set({ q: v.trim() || undefined })}
      />
    </div>
  );

  const empty = (
    <Empty description={filter === 'open' ? '暂无待办检查任务' : filter === 'followUp' ? '暂无待复查的任务' : '暂无检查任务'} />
  );

  return (
    <PageContainer title={scope === 'mine' ? '我的检查任务' : '检查任务'} subTitle={narrow ? undefined : '双随机抽查中抽中的检查对象，请在期限内完成检查并登记结果'}>
      {narrow ? (
        <div className="wj-task-mobile">
          {toolbar}
          <List<Task>
            loading={isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: empty }}
            renderItem={(t) => <TaskCard key={t.id} task={t} />}
            pagination={(data?.total ?? 0) > pageSize ? {
              current: page, pageSize, total: data?.total ?? 0, simple: true, size: 'small', align: 'center',
              onChange: (p) => set({ page: String(p) }),
            } : false}
          />
          {data && <Typography.Text type="secondary" className="wj-task-total">共 {data.total} 个任务</Typography.Text>}
        </div>
      ) : (
        <Card className="wj-table-card" size="small" variant="borderless">
          <div className="wj-toolbar">{toolbar}</div>
          <Table<Task>
            aria-label="检查任务列表"
            rowKey="id"
            bordered
            size="middle"
            loading={isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: empty }}
            scroll={{ x: 'max-content' }}
            className="wj-nowrap-table"
            rowClassName={(r) => (r.overdue ? 'wj-row-overdue' : '')}
            pagination={{
              current: page, pageSize, total: data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 个任务`,
              onChange: (p) => set({ page: String(p) }),
            }}
            columns={[
              { title: '检查对象', dataIndex: 'entityName', key: 'entity', render: (v: string, r) => <Link to={`/tasks/${r.id}`}>{v}</Link> },
              { title: '地址', dataIndex: 'address', key: 'address', render: (v: string | null) => <span className="wj-cell-ellipsis wj-cell-address" title={v ?? ''}>{v ?? '—'}</span> },
              { title: '检查期限', dataIndex: 'dueDate', key: 'due', render: (_v, r) => <DueText task={r} /> },
              { title: '状态', dataIndex: 'status', key: 'status', align: 'center', render: (_v, r) => <TaskStatusTag task={r} /> },
              { title: '检查结果', key: 'result', render: (_v, r) => <ResultTag task={r} /> },
              { title: '执法人员', key: 'inspectors', render: (_v, r) => (r.inspectorNames.length ? r.inspectorNames.join('、') : <Typography.Text type="warning">待派员</Typography.Text>) },
              { title: '抽查计划', dataIndex: 'planName', key: 'plan', render: (v: string | null, r) => <Link to={`/plans/${r.planId}`} className="wj-cell-ellipsis wj-cell-plan" title={v ?? ''}>{v}</Link> },
              { title: '操作', key: '_a', fixed: 'right', width: 72, render: (_v, r) => <Link to={`/tasks/${r.id}`}>办理</Link> },
            ]}
          />
        </Card>
      )}
    </PageContainer>
  );
}
