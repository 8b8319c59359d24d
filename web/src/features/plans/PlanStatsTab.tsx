/** 进度统计: completion and closure rates overall, by stratum, agency and inspector, with their definitions. */
import { lazy, Suspense, useState } from 'react';
import { Alert, Card, Col, Empty, Progress, Row, Segmented, Skeleton, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { TASK_STATUS_LABELS } from './common';
import { percent, planKeys, type Plan, type PlanStats, type Rates, type TaskStatus } from './api';
import type { RateDatum } from './StatsChart';

const StatsChart = lazy(() => import('./StatsChart'));

type Group = 'byAgency' | 'byInspector' | 'byStratum';
const GROUP_LABELS: Record<Group, string> = { byStratum: '按抽取层级', byAgency: '按承办机构', byInspector: '按执法人员' };

function RateCard({ title, rate, n, total, definition, color, testId }: { title: string; rate: number | null; n: number; total: number; definition: string; color: string; testId: string }) {
  return (
    <Card size="small" className="wj-rate-card" variant="borderless">
      <div className="wj-rate-main">
        <Progress type="circle" size={88} percent={rate === null ? 0 : Math.round(rate * 1000) / 10} strokeColor={color} format={() => ''} />
        <div className="wj-rate-body">
          <div className="wj-rate-title">{title}</div>
          <div className="wj-rate-value" data-testid={testId}>{percent(rate)}</div>
          <Typography.Text type="secondary">{title === '完成率' ? '已完成' : '已完结'} {n} / 抽取 {total} 个任务</Typography.Text>
        </div>
      </div>
      <div className="wj-rate-definition">口径：{definition}</div>
    </Card>
  );
}

export function PlanStatsTab({ plan }: { plan: Plan }) {
  const [group, setGroup] = useState<Group>('byAgency');
  const { data, isPending, isError, error } = useQuery({
    queryKey: planKeys.stats(plan.id),
    queryFn: () => api.get<PlanStats>(`/api/plans/${plan.id}/stats`),
  });
  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (isError) return <Alert type="error" showIcon title="统计加载失败" description={error.message} />;
  if (data.overall.drawn === 0) return <Empty description={plan.status === 'draft' || plan.status === 'published' ? '计划尚未抽取，暂无统计' : '暂无检查任务'} />;

  const rows: (Rates & { key: string; name: string })[] = data[group].map((r) => ({ ...r, key: 'id' in r ? r.id : r.key }));
  const chartData: RateDatum[] = rows.slice(0, 30);
  const chartHeight = Math.max(180, chartData.length * 44 + 60);

  return (
    <div className="wj-stats">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <RateCard title="完成率" testId="completion-rate" rate={data.overall.completionRate} n={data.overall.finished} total={data.overall.drawn} definition={data.definitions.completion} color="#1456b8" />
        </Col>
        <Col xs={24} lg={12}>
          <RateCard title="完结率" testId="closure-rate" rate={data.overall.closureRate} n={data.overall.closed} total={data.overall.drawn} definition={data.definitions.closure} color="#2e8b57" />
        </Col>
      </Row>
      <div className="wj-status-counts">
        <Typography.Text type="secondary">任务状态：</Typography.Text>
        {Object.entries(TASK_STATUS_LABELS).map(([k, label]) => (
          <Tag key={k} color={data.byStatus[k] ? (k === 'unstaffed' ? 'orange' : 'blue') : 'default'}>{label} {data.byStatus[k as TaskStatus] ?? 0}</Tag>
        ))}
      </div>
      <Card
        size="small"
        className="wj-card"
        title="分组统计"
        extra={<Segmented size="small" value={group} onChange={(v) => setGroup(v as Group)} options={(Object.keys(GROUP_LABELS) as Group[]).map((g) => ({ value: g, label: GROUP_LABELS[g] }))} />}
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={12}>
            {rows.length === 0 ? <Empty description="暂无数据（尚无已派员的任务）" /> : (
            <div style={{ height: chartHeight }}>
              <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
                <StatsChart data={chartData} label={GROUP_LABELS[group]} />
              </Suspense>
            </div>
            )}
            {rows.length > chartData.length && <Typography.Text type="secondary">图中显示任务最多的前 {chartData.length} 项，完整数据见右表。</Typography.Text>}
          </Col>
          <Col xs={24} xxl={12}>
            <Table
              size="small"
              bordered
              rowKey="key"
              aria-label={`${GROUP_LABELS[group]}统计`}
              dataSource={rows}
              pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: group === 'byInspector' ? '执法人员' : group === 'byAgency' ? '承办机构' : '抽取层级', dataIndex: 'name' },
                { title: '抽取', dataIndex: 'drawn', align: 'right', width: 64 },
                { title: '已完成', dataIndex: 'finished', align: 'right', width: 72 },
                { title: '已完结', dataIndex: 'closed', align: 'right', width: 72 },
                { title: '完成率', dataIndex: 'completionRate', align: 'right', width: 80, render: (v: number | null) => percent(v) },
                { title: '完结率', dataIndex: 'closureRate', align: 'right', width: 80, render: (v: number | null) => percent(v) },
              ]}
            />
          </Col>
        </Row>
      </Card>
    </div>
  );
}
