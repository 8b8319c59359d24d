/** 抽查计划: the plans of the user's jurisdiction (and those organised above it), with their progress. */
import { useMemo, useState } from 'react';
import { Button, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useAgencies } from '../../components/pickers';
import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { PLAN_WRITE } from '../../app/access';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { ListResult } from '../../app/types';
import { PageContainer } from '../../components/PageContainer';
import { SearchTable, useListParams, type SearchField } from '../../components/SearchTable';
import { PLAN_LEVELS } from '../../shared/schemas';
import { planKeys, type PlanSummary } from './api';
import { PLAN_STATUS_LABELS, PlanStatusTag, RateBar } from './common';
import { ImportPlanDialog } from './ImportPlanDialog';
import './plans.css';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear + 1 - i).map((y) => ({ value: String(y), label: `${y} 年` }));

/** 2026-03-01 至 12-31 (the year once when both dates fall in it). */
const windowText = (start: string, end: string) => (start.slice(0, 4) === end.slice(0, 4) ? `${start} 至 ${end.slice(5)}` : `${start} 至 ${end}`);

/** The agency's short name (full name in a tooltip) from the cached agency list. */
function AgencyName({ id, fallback }: { id: string; short?: boolean; fallback: string }) {
  const { data } = useAgencies();
  const a = data?.items.find((x) => x.id === id);
  return a?.shortName ? <Tooltip title={a.name}><span>{a.shortName}</span></Tooltip> : <>{fallback}</>;
}

export default function PlanListPage() {
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const canWrite = hasRole(PLAN_WRITE);
  const [params, setParams] = useListParams();
  const [importing, setImporting] = useState(false);

  // `status` in the URL is the register record-status switch of useListParams: plan status travels as planStatus.
  const query = { q: params.q, year: params.year, status: params.planStatus, level: params.level, page: params.page, pageSize: params.pageSize };
  const { data, isFetching } = useQuery({
    queryKey: planKeys.list(query),
    queryFn: () => api.get<ListResult<PlanSummary>>('/api/plans', query),
    placeholderData: keepPreviousData,
  });

  const fields = useMemo<SearchField[]>(() => [
    { name: 'q', label: '计划名称', control: <Input allowClear placeholder="输入计划名称" maxLength={100} /> },
    { name: 'year', label: '年度', control: <Select allowClear placeholder="全部年度" options={YEARS} /> },
    {
      name: 'planStatus', label: '计划状态',
      control: <Select allowClear placeholder="全部状态" options={Object.entries(PLAN_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />,
    },
    { name: 'level', label: '计划层级', control: <Select allowClear placeholder="全部层级" options={PLAN_LEVELS.map((l) => ({ value: l, label: l === '区县' ? '区县级' : `${l}级` }))} /> },
  ], []);

  const columns = useMemo<ColumnsType<PlanSummary>>(() => [
    {
      title: '计划名称', dataIndex: 'name', key: 'name', className: 'wj-wrap-cell',
      render: (v: string, r) => (
        <div className="wj-plan-name">
          <Link to={`/plans/${r.id}`}>{v}</Link>
          {r.source === 'imported' && <Tooltip title={r.issuedBy ? `下达机关：${r.issuedBy}` : '上级下达的计划'}><Tag color="purple" style={{ marginLeft: 6 }}>上级下达</Tag></Tooltip>}
        </div>
      ),
    },
    { title: '层级 / 年度', key: 'level', width: 96, align: 'center', render: (_v, r) => <span className="wj-nowrap">{r.level} · {r.year}</span> },
    { title: '组织实施机构', dataIndex: 'agencyId', key: 'agency', render: (v: string, r) => <AgencyName id={v} short fallback={r.agencyName} /> },
    { title: '状态', dataIndex: 'status', key: 'status', width: 90, align: 'center', render: (v, r) => <PlanStatusTag status={v} label={r.statusLabel} /> },
    { title: '实施期限', key: 'window', render: (_v, r) => <span className="wj-nowrap">{windowText(r.windowStart, r.windowEnd)}</span> },
    {
      title: '候选对象', dataIndex: 'candidateCount', key: 'candidates', align: 'right', width: 88,
      render: (v: number | null) => (v === null ? <Tooltip title="发布时冻结候选名单"><Typography.Text type="secondary">未冻结</Typography.Text></Tooltip> : `${v} 户`),
    },
    {
      title: <Tooltip title="已完成检查的任务数（含无法检查）/ 抽取的任务数">任务进度</Tooltip>, key: 'progress', width: 190,
      render: (_v, r) => (r.tasks ? <RateBar rate={(r.finished ?? 0) / r.tasks} n={r.finished ?? 0} total={r.tasks} width={64} /> : <Typography.Text type="secondary">尚未抽取</Typography.Text>),
    },
    {
      title: '操作', key: '_a', width: 100, fixed: 'right',
      render: (_v, r) => (
        <Space size={0} className="wj-row-actions">
          <Link to={`/plans/${r.id}`} className="ant-btn ant-btn-link ant-btn-sm wj-link-btn">查看</Link>
          {canWrite && r.status === 'draft' && <Link to={`/plans/${r.id}/edit`} className="ant-btn ant-btn-link ant-btn-sm wj-link-btn">编辑</Link>}
        </Space>
      ),
    },
  ], [canWrite]);

  const toolbar = canWrite && (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/plans/new')}>新建计划</Button>
      <Button icon={<CloudUploadOutlined />} onClick={() => setImporting(true)}>导入上级下达计划</Button>
    </>
  );

  return (
    <PageContainer title="抽查计划" subTitle="“双随机、一公开”：随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果及时公开">
      <SearchTable<PlanSummary>
        ariaLabel="抽查计划列表"
        fields={fields}
        params={params}
        onParamsChange={setParams}
        columns={columns}
        data={data}
        loading={isFetching}
        toolbar={toolbar}
        toolbarLeft={<span className="wj-toolbar-title">计划列表</span>}
        collapsedCount={4}
      />
      {canWrite && (
        <ImportPlanDialog
          open={importing}
          onClose={() => setImporting(false)}
          onImported={(plan) => {
            setImporting(false);
            navigate(`/plans/${plan.id}`);
          }}
        />
      )}
    </PageContainer>
  );
}
