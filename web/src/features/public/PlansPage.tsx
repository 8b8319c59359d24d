/** 抽查计划公示: every published plan, newest first, filterable by year. */
import { Empty, Pagination, Select, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { usePublicPlans, type PublicPlanItem } from './api';
import { DateRange, Field, LoadError, PageHeading, useIsMobile, usePageTitle } from './components';
import { StatusTag } from './antd-parts';
import { fmtCount, fmtDateTime, fmtWindow, PLAN_STATUS_COLOR, shortHash, SOURCE_LABEL } from './format';

const PAGE_SIZE = 20;

function yearOptions() {
  const now = new Date().getFullYear();
  return [{ value: 0, label: '全部年度' }, ...Array.from({ length: 6 }, (_, i) => now + 1 - i).map((y) => ({ value: y, label: `${y} 年度` }))];
}

const columns: TableColumnsType<PublicPlanItem> = [
  {
    title: '计划名称', dataIndex: 'name', key: 'name',
    render: (_, p) => (
      <div>
        <Link to={`/public/plans/${p.id}`} className="wj-pub-plan-link">{p.name}</Link>
        <div className="wj-pub-sub">{p.agencyName} · {p.level}级 · {SOURCE_LABEL[p.source] ?? p.source}</div>
      </div>
    ),
  },
  { title: '状态', dataIndex: 'statusLabel', key: 'status', width: 96, render: (_, p) => <StatusTag label={p.statusLabel} color={PLAN_STATUS_COLOR[p.status]} /> },
  { title: '实施期限', key: 'window', width: 210, render: (_, p) => fmtWindow(p.windowStart, p.windowEnd) },
  { title: '候选对象', dataIndex: 'candidateCount', key: 'candidates', width: 96, align: 'right', render: (v: number | null) => fmtCount(v) },
  {
    title: '承诺值（前 16 位）', dataIndex: 'commitment', key: 'commitment', width: 186,
    render: (v: string | null) => <span className="wj-pub-mono" title={v ?? undefined}>{shortHash(v)}</span>,
  },
  { title: '公布时间', dataIndex: 'publishedAt', key: 'publishedAt', width: 170, render: (v: string | null) => fmtDateTime(v) },
];

function PlanCard({ p }: { p: PublicPlanItem }) {
  return (
    <Link to={`/public/plans/${p.id}`} className="wj-pub-card wj-pub-card-link">
      <div className="wj-pub-card-head">
        <span className="wj-pub-card-title">{p.name}</span>
        <StatusTag label={p.statusLabel} color={PLAN_STATUS_COLOR[p.status]} />
      </div>
      <Field label="实施机构">{p.agencyName}</Field>
      <Field label="实施期限"><DateRange start={p.windowStart} end={p.windowEnd} /></Field>
      <Field label="候选对象">{fmtCount(p.candidateCount)} 户</Field>
      <Field label="承诺值"><span className="wj-pub-mono">{shortHash(p.commitment)}</span></Field>
      <Field label="公布时间">{fmtDateTime(p.publishedAt)}</Field>
    </Link>
  );
}

export function PlansPage() {
  usePageTitle('抽查计划公示');
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || 0;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = usePublicPlans({ year: year || undefined, page, pageSize: PAGE_SIZE });
  const set = (next: { year?: number; page?: number }) => {
    const y = next.year ?? year, pg = next.page ?? 1;
    const p = new URLSearchParams();
    if (y) p.set('year', String(y));
    if (pg > 1) p.set('page', String(pg));
    setParams(p);
  };
  const items = q.data?.items ?? [];
  const total = q.data?.total ?? 0;

  return (
    <>
      <PageHeading title="抽查计划公示">
        根据《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号），卫生健康监督机构随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果及时向社会公开。下列计划均在抽取前公布了候选名单哈希值和承诺值，抽取后可下载数据包独立验证。
      </PageHeading>
      <div className="wj-pub-toolbar">
        <label className="wj-pub-filter">
          <span>年度</span>
          <Select aria-label="年度" value={year} options={yearOptions()} onChange={(v) => set({ year: v })} style={{ width: 132 }} />
        </label>
        <Typography.Text type="secondary">共 {total} 项计划</Typography.Text>
      </div>
      {q.error ? <LoadError error={q.error} retry={() => q.refetch()} /> : mobile ? (
        <div className="wj-pub-cards" aria-busy={q.isFetching}>
          {q.isLoading ? <div className="wj-pub-card">正在加载…</div> : items.length === 0
            ? <Empty className="wj-pub-empty" description="暂无已公布的抽查计划" />
            : items.map((p) => <PlanCard key={p.id} p={p} />)}
          {total > PAGE_SIZE && <Pagination className="wj-pub-pager" simple current={page} pageSize={PAGE_SIZE} total={total} onChange={(pg) => set({ page: pg })} />}
        </div>
      ) : (
        <Table<PublicPlanItem>
          className="wj-pub-table" rowKey="id" columns={columns} dataSource={items} loading={q.isFetching} size="middle"
          locale={{ emptyText: <Empty description="暂无已公布的抽查计划" /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, hideOnSinglePage: true, onChange: (pg) => set({ page: pg }), showTotal: (t) => `共 ${t} 项` }}
        />
      )}
    </>
  );
}
