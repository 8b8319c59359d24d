/** 抽取结果 / 任务: the targets of a drawn plan in draw order, with their inspectors, status and result. */
import { useState } from 'react';
import { App, Button, Input, Segmented, Space, Table, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../app/api';
import type { ListResult } from '../../app/types';
import { taskKeys, type Plan, type Task } from './api';
import { AssignDialog } from './AssignDialog';
import { ResultTag, TaskStatusTag } from './common';

const FILTERS = [
  { value: '', label: '全部' },
  { value: 'open', label: '待办' },
  { value: 'unstaffed', label: '待派员' },
  { value: 'done', label: '已完成' },
  { value: 'unable', label: '无法检查' },
  { value: 'followUp', label: '复查/待结案' },
];

export function PlanTasksTab({ plan, canAssign, onChanged }: { plan: Plan; canAssign: boolean; onChanged: () => void }) {
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [assigning, setAssigning] = useState<Task | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const strata = new Map(plan.strata.map((s) => [s.key, s.name]));

  const query = { planId: plan.id, status: status || undefined, q: q || undefined, page, pageSize };
  const { data, isFetching } = useQuery({
    queryKey: taskKeys.list(query),
    queryFn: () => api.get<ListResult<Task>>('/api/tasks', query),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <div className="wj-toolbar">
        <div className="wj-scroll-x">
          <Segmented aria-label="任务状态" value={status} options={FILTERS} onChange={(v) => { setStatus(String(v)); setPage(1); }} />
        </div>
        <Input.Search allowClear placeholder="检查对象名称或信用代码" className="wj-task-search" onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
      </div>
      <Table<Task>
        aria-label="抽取结果"
        rowKey="id"
        size="middle"
        bordered
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        className="wj-nowrap-table"
        rowClassName={(r) => (r.status === 'unstaffed' ? 'wj-row-unstaffed' : '')}
        pagination={{
          current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t} 个任务`,
          onChange: (p, s) => { setPage(p); setPageSize(s); },
        }}
        columns={[
          { title: '抽取层级', dataIndex: 'stratum', key: 'stratum', render: (v: string) => strata.get(v) ?? v },
          { title: '序号', dataIndex: 'seq', key: 'seq', width: 56, align: 'center' },
          {
            title: '检查对象 / 统一社会信用代码', dataIndex: 'entityName', key: 'entity',
            render: (v: string, r) => (
              <div className="wj-two-line">
                <Link to={`/tasks/${r.id}`}>{v}</Link>
                <span className="wj-mono wj-sub">{r.creditCode}</span>
              </div>
            ),
          },
          {
            title: '执法人员', key: 'inspectors',
            render: (_v, r) => (r.status === 'unstaffed' ? (
              <Tooltip title={r.unstaffedReason}>
                <Typography.Text type="warning" className="wj-unstaffed-reason"><WarningOutlined /> {r.unstaffedReason ?? '未能派员'}</Typography.Text>
              </Tooltip>
            ) : r.inspectorNames.join('、')),
          },
          { title: '状态', dataIndex: 'status', key: 'status', align: 'center', render: (_v, r) => <TaskStatusTag task={r} /> },
          { title: '检查结果', key: 'result', render: (_v, r) => <ResultTag task={r} /> },
          { title: '检查日期', dataIndex: 'inspectedOn', key: 'inspectedOn', render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
          {
            title: '操作', key: '_a', fixed: 'right', width: 124,
            render: (_v, r) => (
              <Space size={0} className="wj-row-actions">
                <Link to={`/tasks/${r.id}`} className="ant-btn ant-btn-link ant-btn-sm wj-link-btn">查看</Link>
                {canAssign && r.status === 'unstaffed' && <Button type="link" size="small" onClick={() => setAssigning(r)}>补充派员</Button>}
              </Space>
            ),
          },
        ]}
      />
      <AssignDialog
        task={assigning}
        onClose={() => setAssigning(null)}
        onAssigned={(t) => {
          message.success(`已为“${t.entityName}”补充派员：${t.inspectorNames.join('、')}`);
          setAssigning(null);
          void qc.invalidateQueries({ queryKey: taskKeys.all });
          onChanged();
        }}
        reload={async () => {
          const fresh = await api.get<Task>(`/api/tasks/${assigning!.id}`);
          void qc.invalidateQueries({ queryKey: taskKeys.all });
          return fresh;
        }}
      />
    </>
  );
}
