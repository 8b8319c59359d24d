/**
 * 投诉举报办理工作台: the complaints of the jurisdiction with who must act next and by when; overdue in
 * red, due soon in orange. Filters live in the URL (status, channel, category, overdue/due soon, mine).
 */
import { Button, Card, Empty, Grid, Input, List, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PhoneOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { COMPLAINT_MANAGE, COMPLAINT_REGISTER } from '../../app/access';
import { download, withQuery } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageContainer } from '../../components/PageContainer';
import {
  CHANNELS, COMPLAINT_CATEGORIES, COMPLAINT_STATUS, complaintKeys, fetchComplaints, fmtDateTime, type Complaint,
} from './api';
import { DueText, StatusTag } from './common';
import '../plans/plans.css';
import './complaints.css';

const STATUS_OPTIONS = [
  { value: 'open', label: '全部待办' },
  ...Object.entries(COMPLAINT_STATUS).map(([value, label]) => ({ value, label })),
  { value: 'all', label: '全部' },
];
/** 澄江市临湖区卫生健康监督所 → 临湖区卫监所; the city's own agency → 市卫监所. */
const shortAgency = (name: string) => name.replace(/卫生健康监督所$/, '卫监所').replace(/^.+?市(?=.+?[区县])/, '').replace(/^.+?市卫监所$/, '市卫监所');
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

function ComplaintCard({ c }: { c: Complaint }) {
  const navigate = useNavigate();
  return (
    <Card size="small" hoverable className={`wj-cp-card${c.dueState === 'overdue' ? ' is-overdue' : ''}`} onClick={() => navigate(`/complaints/${c.id}`)} role="link" aria-label={`投诉 ${c.trackingCode}`}>
      <div className="wj-cp-card-head">
        <span className="wj-cp-card-title">{c.unitName ?? c.address ?? c.categoryLabel}</span>
        <StatusTag status={c.status} label={c.statusLabel} />
      </div>
      <div className="wj-cp-card-line"><Tag>{c.categoryLabel}</Tag><Typography.Text type="secondary">{c.channelLabel} · {fmtDateTime(c.receivedAt)}</Typography.Text></div>
      <div className="wj-cp-card-text">{c.content}</div>
      {c.nextActor && <div className="wj-cp-card-line">下一步：{c.nextActor}</div>}
      <div className="wj-cp-card-foot"><span>期限 <DueText due={c.nextDue} state={c.dueState} /></span><RightOutlined /></div>
    </Card>
  );
}

export default function ComplaintListPage() {
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false || (screens.md === undefined && window.innerWidth < 768);
  const [search, setSearch] = useSearchParams();
  const status = search.get('status') ?? 'open';
  const channel = search.get('channel') ?? undefined;
  const category = search.get('category') ?? undefined;
  const due = search.get('due') ?? 'all';
  // an inspector starts from his own work; chiefs and others from the whole jurisdiction
  const mine = search.has('mine') ? search.get('mine') === 'true' : hasRole(['inspector']) && !hasRole(COMPLAINT_MANAGE);
  const q = search.get('q') ?? '';
  const page = Number(search.get('page')) || 1;
  const pageSize = Number(search.get('pageSize')) || 20;

  const set = (next: Record<string, string | undefined>) => setSearch((s) => {
    for (const [k, v] of Object.entries(next)) { if (v) s.set(k, v); else s.delete(k); }
    if (!('page' in next)) s.delete('page');
    return s;
  }, { replace: true });

  const query = {
    status: status === 'all' ? undefined : status, channel, category, due: due === 'all' ? undefined : due, mine: mine ? 'true' : undefined,
    q: q || undefined, page, pageSize,
  };
  const { data, isFetching } = useQuery({ queryKey: complaintKeys.list(query), queryFn: () => fetchComplaints(query), placeholderData: keepPreviousData });
  // a district's own list needs no agency column; the city's does
  const manyAgencies = new Set((data?.items ?? []).map((c) => c.agencyId)).size > 1;

  const toolbar = (
    <div className="wj-cp-toolbar">
      <Segmented
        aria-label="办理范围"
        value={mine ? 'mine' : 'all'}
        options={[{ value: 'mine', label: '我的待办' }, { value: 'all', label: '辖区全部' }]}
        onChange={(v) => set({ mine: v === 'mine' ? 'true' : 'false' })}
      />
      <Segmented
        aria-label="期限"
        value={due}
        options={[{ value: 'all', label: '不限期限' }, { value: 'overdue', label: '已逾期' }, { value: 'soon', label: '临期' }]}
        onChange={(v) => set({ due: v === 'all' ? undefined : String(v) })}
      />
      <Select aria-label="状态" value={status} options={STATUS_OPTIONS} style={{ width: 120 }} onChange={(v) => set({ status: v === 'open' ? undefined : v })} />
      <Select aria-label="来源渠道" allowClear placeholder="来源渠道" value={channel} options={opts(CHANNELS)} style={{ width: 150 }} onChange={(v) => set({ channel: v })} />
      <Select aria-label="投诉类别" allowClear placeholder="投诉类别" value={category} options={opts(COMPLAINT_CATEGORIES)} style={{ width: 150 }} onChange={(v) => set({ category: v })} popupMatchSelectWidth={false} />
      <Input.Search allowClear defaultValue={q} placeholder="查询码、单位、地点或内容" className="wj-cp-search" onSearch={(v) => set({ q: v.trim() || undefined })} />
    </div>
  );

  const empty = <Empty description={due === 'overdue' ? '没有逾期的投诉' : mine ? '暂无需要您办理的投诉' : '暂无投诉'} />;

  return (
    <PageContainer
      title="投诉举报"
      subTitle={narrow ? undefined : '各渠道投诉举报的受理、分派、核查、答复和回访；红色为已逾期，橙色为临期'}
      extra={(
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => download(withQuery('/api/complaints/export.xlsx', { ...query, page: undefined, pageSize: undefined }))}>导出台账</Button>
          {hasRole(COMPLAINT_REGISTER) && <Button type="primary" icon={<PhoneOutlined />} onClick={() => navigate('/complaints/new')}>来电来访登记</Button>}
        </Space>
      )}
    >
      {narrow ? (
        <div className="wj-cp-mobile">
          {toolbar}
          <List<Complaint>
            loading={isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: empty }}
            renderItem={(c) => <ComplaintCard key={c.id} c={c} />}
            pagination={(data?.total ?? 0) > pageSize ? { current: page, pageSize, total: data?.total ?? 0, simple: true, size: 'small', align: 'center', onChange: (p) => set({ page: String(p) }) } : false}
          />
        </div>
      ) : (
        <Card className="wj-table-card" size="small" variant="borderless">
          <div className="wj-toolbar">{toolbar}</div>
          <Table<Complaint>
            aria-label="投诉列表"
            rowKey="id"
            bordered
            size="middle"
            loading={isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: empty }}
            scroll={{ x: 'max-content' }}
            className="wj-nowrap-table"
            rowClassName={(r) => (r.dueState === 'overdue' ? 'wj-row-overdue' : '')}
            pagination={{
              current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 件`,
              onChange: (p, ps) => set({ page: String(p), pageSize: ps === 20 ? undefined : String(ps) }),
            }}
            columns={[
              {
                title: '查询码 / 收到时间', key: 'code',
                render: (_v, r) => (
                  <div className="wj-two-line">
                    <Link to={`/complaints/${r.id}`} className="wj-mono">{r.trackingCode}</Link>
                    <Typography.Text type="secondary" className="wj-cp-sub">{fmtDateTime(r.receivedAt)}</Typography.Text>
                  </div>
                ),
              },
              {
                title: '类别 / 来源', key: 'category',
                render: (_v, r) => (
                  <div className="wj-two-line">
                    <span>{r.categoryLabel}</span>
                    <Typography.Text type="secondary" className="wj-cp-sub">{r.channelLabel}</Typography.Text>
                  </div>
                ),
              },
              {
                title: '被投诉单位 / 内容', key: 'what',
                render: (_v, r) => (
                  <div className="wj-cp-what">
                    <div className="wj-cp-what-unit" title={r.unitName ?? r.address ?? ''}>{r.unitName ?? r.address ?? '—'}</div>
                    <div className="wj-cp-what-text" title={r.content}>{r.content}</div>
                  </div>
                ),
              },
              ...(manyAgencies ? [{ title: '承办机构', dataIndex: 'agencyName', key: 'agency', render: (v: string) => <span title={v}>{shortAgency(v)}</span> }] : []),
              { title: '状态', key: 'status', align: 'center', render: (_v, r) => <StatusTag status={r.status} label={r.statusLabel} /> },
              { title: '下一步办理', dataIndex: 'nextActor', key: 'next', render: (v: string | null) => (v ? <span className="wj-cp-next-actor" title={v}>{v}</span> : <Typography.Text type="secondary">—</Typography.Text>) },
              { title: '办理期限', dataIndex: 'nextDue', key: 'due', render: (_v, r) => <DueText due={r.nextDue} state={r.dueState} /> },
              { title: '操作', key: '_a', fixed: 'right', width: 64, render: (_v, r) => <Link to={`/complaints/${r.id}`}>办理</Link> },
            ]}
          />
        </Card>
      )}
    </PageContainer>
  );
}
