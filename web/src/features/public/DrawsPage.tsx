/** 抽取结果: every completed draw, newest first, with its public value, commitment and data package. */
import { Button, Empty, Pagination, Table, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePublicDraws, type PublicDraw } from './api';
import { Field, LoadError, PageHeading, useIsMobile, usePageTitle } from './components';
import { bundleFileName, fmtCount, fmtDateTime, shortHash } from './format';

const PAGE_SIZE = 20;

const Downloads = ({ d }: { d: PublicDraw }) => (
  <span className="wj-pub-actions">
    <Link to={`/public/plans/${d.id}#verify`}><SafetyCertificateOutlined /> 验证</Link>
    <a href={d.bundleUrl} download={bundleFileName(d.id)}><DownloadOutlined /> 数据包</a>
  </span>
);

const columns: TableColumnsType<PublicDraw> = [
  {
    title: '抽查计划', key: 'plan',
    render: (_, d) => (
      <div>
        <Link to={`/public/plans/${d.id}`} className="wj-pub-plan-link">{d.planName}</Link>
        <div className="wj-pub-sub">{d.agencyName} · {d.year} 年度</div>
      </div>
    ),
  },
  { title: '抽取时间', dataIndex: 'drawnAt', key: 'drawnAt', width: 170, render: (v: string) => fmtDateTime(v) },
  { title: '公开随机值', dataIndex: 'publicValue', key: 'publicValue', width: 220, render: (v: string | null) => v ?? '—' },
  { title: '候选 / 抽中', key: 'counts', width: 112, align: 'right', render: (_, d) => `${fmtCount(d.candidateCount)} / ${fmtCount(d.targets)}` },
  { title: '承诺值（前 16 位）', dataIndex: 'commitment', key: 'commitment', width: 180, render: (v: string | null) => <span className="wj-pub-mono" title={v ?? undefined}>{shortHash(v)}</span> },
  { title: '操作', key: 'actions', width: 150, render: (_, d) => <Downloads d={d} /> },
];

function DrawCard({ d }: { d: PublicDraw }) {
  const navigate = useNavigate();
  return (
    <div className="wj-pub-card">
      <div className="wj-pub-card-head">
        <Link to={`/public/plans/${d.id}`} className="wj-pub-card-title wj-pub-plan-link">{d.planName}</Link>
      </div>
      <Field label="实施机构">{d.agencyName}</Field>
      <Field label="抽取时间">{fmtDateTime(d.drawnAt)}</Field>
      <Field label="公开随机值">{d.publicValue ?? '—'}</Field>
      <Field label="候选 / 抽中">{fmtCount(d.candidateCount)} 户 / {fmtCount(d.targets)} 户</Field>
      <Field label="承诺值"><span className="wj-pub-mono">{shortHash(d.commitment)}</span></Field>
      <div className="wj-pub-card-foot">
        <Button size="small" type="primary" ghost icon={<SafetyCertificateOutlined />} onClick={() => navigate(`/public/plans/${d.id}#verify`)}>验证抽取</Button>
        <Button size="small" icon={<DownloadOutlined />} href={d.bundleUrl} download={bundleFileName(d.id)}>下载数据包</Button>
      </div>
    </div>
  );
}

export default function DrawsPage() {
  usePageTitle('抽取结果');
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = usePublicDraws({ page, pageSize: PAGE_SIZE });
  const setPage = (pg: number) => setParams(pg > 1 ? { page: String(pg) } : {});
  const items = q.data?.items ?? [];
  const total = q.data?.total ?? 0;
  const empty = <Empty description="暂无已完成的抽取" />;
  return (
    <>
      <PageHeading title="抽取结果">
        以下为已完成的随机抽取。每次抽取均公布抽取时间、公开随机值和数据包；数据包包含冻结的候选名单、执法人员名单、秘密种子和抽取结果，可在计划详情页一键验证，也可下载后离线验证。
      </PageHeading>
      <div className="wj-pub-toolbar"><span /><Typography.Text type="secondary">共 {total} 次抽取</Typography.Text></div>
      {q.error ? <LoadError error={q.error} retry={() => q.refetch()} /> : mobile ? (
        <div className="wj-pub-cards" aria-busy={q.isFetching}>
          {q.isLoading ? <div className="wj-pub-card">正在加载…</div> : items.length === 0 ? empty : items.map((d) => <DrawCard key={d.id} d={d} />)}
          {total > PAGE_SIZE && <Pagination className="wj-pub-pager" simple current={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} />}
        </div>
      ) : (
        <Table<PublicDraw>
          className="wj-pub-table" rowKey="id" columns={columns} dataSource={items} loading={q.isFetching} size="middle" locale={{ emptyText: empty }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, hideOnSinglePage: true, onChange: setPage, showTotal: (t) => `共 ${t} 次` }}
        />
      )}
    </>
  );
}
