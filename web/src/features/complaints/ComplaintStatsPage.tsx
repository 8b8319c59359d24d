/**
 * 投诉举报统计: 及时接处率, 规范处置率, average handling time, overdue and satisfaction in total and by
 * agency, channel, category and month, each with its exact definition; the monthly trend and the density
 * by district/town as charts; and the SLA table (办理时限规则), editable by the administrator.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Card, Col, Descriptions, Empty, Row, Segmented, Skeleton, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { PageContainer } from '../../components/PageContainer';
import { DateStringPicker } from '../../components/pickers';
import { Defined, RateBar } from '../plans/common';
import { complaintKeys, percent, type KpiGroup, type Stats } from './api';
import { SlaSettings } from './SlaSettings';
import '../plans/plans.css';
import './complaints.css';

const TrendChart = lazy(() => import('./ComplaintCharts').then((m) => ({ default: m.TrendChart })));
const CountBars = lazy(() => import('./ComplaintCharts').then((m) => ({ default: m.CountBars })));
const DensityChart = lazy(() => import('./ComplaintCharts').then((m) => ({ default: m.DensityChart })));

const DIMENSIONS = [
  { key: 'byAgency', label: '按承办机构', col: '承办机构' },
  { key: 'byChannel', label: '按来源渠道', col: '来源渠道' },
  { key: 'byCategory', label: '按投诉类别', col: '投诉类别' },
  { key: 'byMonth', label: '按月份', col: '月份' },
] as const;

const chartBox = (node: React.ReactNode, h = 300) => (
  <div style={{ height: h }}><Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>{node}</Suspense></div>
);

/** The first day of the month eleven months ago: the last twelve months. */
function yearStart() {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 11, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01`;
}

export default function ComplaintStatsPage() {
  const [from, setFrom] = useState<string | null>(yearStart());
  const [to, setTo] = useState<string | null>(null);
  const [dim, setDim] = useState<(typeof DIMENSIONS)[number]['key']>('byAgency');
  const [placeChoice, setPlace] = useState<'district' | 'town' | null>(null);
  const query = { from: from ?? undefined, to: to ?? undefined };
  const { data, isPending, isError, error } = useQuery({ queryKey: complaintKeys.stats(query), queryFn: () => api.get<Stats>('/api/complaints/stats', query) });

  const d = data?.definitions;
  const columns = useMemo(() => [
    { title: DIMENSIONS.find((x) => x.key === dim)!.col, dataIndex: 'label', key: 'label', fixed: 'left' as const, render: (v: string) => <span className="wj-cell-ellipsis" title={v}>{v}</span> },
    { title: '收到', dataIndex: 'received', key: 'received', align: 'right' as const },
    { title: d ? <Defined label="及时接处率" definition={d.timely} /> : '及时接处率', key: 'timely', render: (_: unknown, r: KpiGroup) => <RateBar rate={r.timelyRate} n={r.timely} total={r.timelyDue} width={80} /> },
    { title: d ? <Defined label="规范处置率" definition={d.standard} /> : '规范处置率', key: 'standard', render: (_: unknown, r: KpiGroup) => <RateBar rate={r.standardRate} n={r.standard} total={r.closed} width={80} /> },
    { title: d ? <Defined label="平均办理天数" definition={d.avgDays} /> : '平均办理天数', dataIndex: 'avgDays', key: 'avg', align: 'right' as const, render: (v: number | null) => (v == null ? '—' : v) },
    { title: d ? <Defined label="逾期未办" definition={d.overdue} /> : '逾期未办', dataIndex: 'overdueOpen', key: 'overdue', align: 'right' as const, render: (v: number) => (v ? <Typography.Text type="danger" strong>{v}</Typography.Text> : 0) },
    { title: '超期办结', dataIndex: 'closedLate', key: 'late', align: 'right' as const },
    { title: d ? <Defined label="满意率" definition={d.satisfaction} /> : '满意率', key: 'sat', render: (_: unknown, r: KpiGroup) => <span className="wj-nowrap">{percent(r.satisfactionRate)} <Typography.Text type="secondary">（{r.satisfied}/{r.rated}）</Typography.Text></span> },
  ], [dim, d]);

  const t = data?.total;
  // a district's own users see one district: its towns are what is worth comparing
  const place = placeChoice ?? ((data?.byDistrict.length ?? 0) > 1 ? 'district' : 'town');
  return (
    <PageContainer
      title="投诉举报统计"
      subTitle="及时接处率、规范处置率目标均为 100%"
      extra={(
        <Space wrap>
          <span>收到日期</span>
          <DateStringPicker value={from} onChange={setFrom} placeholder="开始" aria-label="开始日期" style={{ width: 140 }} />
          <span>至</span>
          <DateStringPicker value={to} onChange={setTo} placeholder="今天" aria-label="结束日期" style={{ width: 140 }} />
        </Space>
      )}
    >
      {isError && <Alert type="error" showIcon title="统计数据加载失败" description={error.message} className="wj-card" />}
      <Row gutter={[16, 16]} className="wj-cp-kpis">
        {[
          { key: 'timely', title: '及时接处率', value: percent(t?.timelyRate ?? null), sub: t ? `${t.timely} / ${t.timelyDue} 件` : '', def: d?.timely, good: (t?.timelyRate ?? 1) >= 1 },
          { key: 'standard', title: '规范处置率', value: percent(t?.standardRate ?? null), sub: t ? `${t.standard} / ${t.closed} 件` : '', def: d?.standard, good: (t?.standardRate ?? 1) >= 1 },
          { key: 'avg', title: '平均办理天数', value: t?.avgDays ?? '—', sub: t ? `已办结 ${t.closed} 件` : '', def: d?.avgDays, good: true },
          { key: 'overdue', title: '逾期未办', value: t?.overdueOpen ?? 0, sub: t ? `超期办结 ${t.closedLate} 件` : '', def: d?.overdue, good: !t?.overdueOpen },
          { key: 'sat', title: '满意率', value: percent(t?.satisfactionRate ?? null), sub: t ? `回访评价 ${t.rated} 件，平均 ${t.avgSatisfaction ?? '—'} 分` : '', def: d?.satisfaction, good: true },
          { key: 'received', title: '收到投诉', value: t?.received ?? 0, sub: '所选期间', def: undefined, good: true },
        ].map((k) => (
          <Col key={k.key} xs={12} md={8} xl={4}>
            <Card size="small" className="wj-cp-kpi" variant="borderless">
              {isPending ? <Skeleton active paragraph={{ rows: 1 }} /> : (
                <>
                  <Statistic title={k.def ? <Defined label={k.title} definition={k.def} /> : k.title} value={k.value} styles={{ content: { color: k.good ? undefined : '#c8102e' } }} />
                  <Typography.Text type="secondary" className="wj-cp-kpi-sub">{k.sub}</Typography.Text>
                </>
              )}
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title="按月收到投诉与办理质量" size="small" className="wj-card">
            {isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : (data?.byMonth.length ?? 0) === 0 ? <Empty description="所选期间没有投诉" /> : chartBox(<TrendChart data={data!.byMonth} />)}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title="投诉密度（按发生地）"
            size="small"
            className="wj-card"
            extra={<Segmented size="small" value={place} onChange={(v) => setPlace(v as 'district' | 'town')} options={[{ value: 'district', label: '区县' }, { value: 'town', label: '街道（乡镇）前 15' }]} />}
          >
            {isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : (data?.byDistrict.length ?? 0) === 0 ? <Empty description="暂无数据" /> : chartBox(
              <DensityChart data={place === 'district' ? data!.byDistrict : data!.byTown.slice(0, 15)} label={place === 'district' ? '各区县' : '各街道（乡镇）'} />,
            )}
          </Card>
        </Col>
      </Row>

      <Card size="small" className="wj-card" title="分项统计">
        <Tabs activeKey={dim} onChange={(k) => setDim(k as typeof dim)} items={DIMENSIONS.map((x) => ({ key: x.key, label: x.label }))} />
        <Table<KpiGroup>
          rowKey="key"
          size="small"
          bordered
          loading={isPending}
          dataSource={data?.[dim] ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          aria-label="分项统计表"
          summary={() => t && (
            <Table.Summary.Row className="wj-cp-total-row">
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{t.received}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{percent(t.timelyRate)}（{t.timely}/{t.timelyDue}）</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{percent(t.standardRate)}（{t.standard}/{t.closed}）</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{t.avgDays ?? '—'}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">{t.overdueOpen}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{t.closedLate}</Table.Summary.Cell>
              <Table.Summary.Cell index={7}>{percent(t.satisfactionRate)}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        {data && dim !== 'byMonth' && data[dim].length >= 3 && (
          <div className="wj-cp-dim-chart">
            {chartBox(<CountBars data={data[dim]} label={DIMENSIONS.find((x) => x.key === dim)!.label} />, Math.max(220, data[dim].length * 30 + 60))}
          </div>
        )}
      </Card>

      {d && (
        <Card size="small" className="wj-card" title="指标口径">
          <Descriptions size="small" bordered column={1} styles={{ label: { width: 130 } }} items={[
            { key: 'timely', label: '及时接处率', children: d.timely },
            { key: 'standard', label: '规范处置率', children: d.standard },
            { key: 'avg', label: '平均办理天数', children: d.avgDays },
            { key: 'overdue', label: '逾期', children: d.overdue },
            { key: 'sat', label: '满意率', children: d.satisfaction },
          ]} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            期限按下方“办理时限规则”计算：工作日依据系统工作日历（法定节假日、调休），自然日期满日为休息日的顺延至下一个工作日。
          </Typography.Paragraph>
        </Card>
      )}

      <SlaSettings />
    </PageContainer>
  );
}
