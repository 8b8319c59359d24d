/**
 * 线索台账: every lead of the jurisdiction with its source, handler, deadline and disposition; filters
 * (source, status, disposition, overdue, handler, date range) kept in the URL, and the .xlsx export of
 * exactly the filtered ledger.
 */
import { useMemo } from 'react';
import { Alert, Button, DatePicker, Input, Segmented, Select, Space, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { LEAD_WRITE } from '../../app/access';
import { api, download, withQuery } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageContainer } from '../../components/PageContainer';
import { SearchTable, useListParams, type ListParams, type SearchField } from '../../components/SearchTable';
import { leadKeys, useLeadOptions, type Lead, type LeadList } from './api';
import { dispositionDetail, DispositionTag, DueCell, DISPOSITION_OPTIONS, LeadStatusTag, SOURCE_OPTIONS, SourceTag, STATUS_OPTIONS } from './common';
import '../plans/plans.css';
import './leads.css';

/** The view switch above the table: preset filters that officials use every day. */
const VIEWS = [
  { value: 'all', label: '全部线索' },
  { value: 'open', label: '未处置' },
  { value: 'overdue', label: '超期线索' },
  { value: 'mine', label: '我承办的' },
];

function HandlerSelect(props: { value?: string; onChange?: (v?: string) => void }) {
  const { data, isLoading } = useLeadOptions();
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={isLoading}
      placeholder="全部承办人"
      options={(data?.handlers ?? []).map((h) => ({ value: h.id, label: h.name }))}
      {...props}
    />
  );
}

function DateRange({ value, onChange, id }: { value?: [string | undefined, string | undefined]; onChange?: (v: [string | undefined, string | undefined] | undefined) => void; id?: string }) {
  return (
    <DatePicker.RangePicker
      id={id}
      style={{ width: '100%' }}
      value={value ? [value[0] ? dayjs(value[0]) : null, value[1] ? dayjs(value[1]) : null] : null}
      onChange={(d) => onChange?.(d ? [d[0]?.format('YYYY-MM-DD'), d[1]?.format('YYYY-MM-DD')] : undefined)}
      placeholder={['收到日期起', '收到日期止']}
      aria-label="收到日期范围"
    />
  );
}

/** URL params → API query (lead status travels as `leadStatus`: `status` is the list's record-status switch). */
function toQuery(p: ListParams) {
  const [from, to] = String(p.received ?? '').split('~');
  return {
    q: p.q, source: p.source, status: p.leadStatus, disposition: p.disposition, overdue: p.overdue, handlerId: p.handlerId, mine: p.mine,
    from: from || undefined, to: to || undefined, page: p.page, pageSize: p.pageSize,
  } as Record<string, string | number | undefined>;
}

export default function LeadListPage() {
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const canWrite = hasRole(LEAD_WRITE);
  const [params, setParams] = useListParams();
  const query = toQuery(params);
  const { data, isFetching } = useQuery({
    queryKey: leadKeys.list(query),
    queryFn: () => api.get<LeadList>('/api/leads', query),
    placeholderData: keepPreviousData,
  });

  const view = params.overdue === 'true' ? 'overdue' : params.mine === 'true' ? 'mine' : params.leadStatus === 'open' ? 'open' : 'all';
  const setView = (v: string) => setParams({
    page: 1,
    overdue: v === 'overdue' ? 'true' : undefined,
    mine: v === 'mine' ? 'true' : undefined,
    leadStatus: v === 'open' ? 'open' : params.leadStatus === 'open' ? undefined : params.leadStatus,
  });

  const fields = useMemo<SearchField[]>(() => [
    { name: 'q', label: '关键词', control: <Input allowClear placeholder="编号、当事人、线索内容或来源编号" maxLength={100} /> },
    { name: 'source', label: '线索来源', control: <Select allowClear placeholder="全部来源" options={SOURCE_OPTIONS} /> },
    { name: 'leadStatus', label: '办理状态', control: <Select allowClear placeholder="全部状态" options={[{ value: 'open', label: '未处置（全部）' }, ...STATUS_OPTIONS]} /> },
    { name: 'disposition', label: '处置方式', control: <Select allowClear placeholder="全部处置方式" options={DISPOSITION_OPTIONS} /> },
    { name: 'overdue', label: '是否超期', control: <Select allowClear placeholder="不限" options={[{ value: 'true', label: '已超期' }, { value: 'false', label: '未超期' }]} /> },
    { name: 'handlerId', label: '承办人', control: <HandlerSelect /> },
    {
      name: 'received', label: '收到日期', control: <DateRange />,
      toParam: (v) => { const r = v as [string | undefined, string | undefined] | undefined; return r && (r[0] || r[1]) ? `${r[0] ?? ''}~${r[1] ?? ''}` : undefined; },
      fromParam: (s) => s.split('~').map((x) => x || undefined),
    },
  ], []);

  const columns = useMemo<ColumnsType<Lead>>(() => [
    { title: '线索编号', dataIndex: 'code', key: 'code', fixed: 'left', render: (v: string, r) => <Link to={`/leads/${r.id}`} className="wj-nowrap">{v}</Link> },
    {
      title: '来源', key: 'source', align: 'center',
      render: (_v, r) => (r.originRef ? <Tooltip title={r.originRef}><span><SourceTag lead={r} /></span></Tooltip> : <SourceTag lead={r} />),
    },
    { title: '收到日期', dataIndex: 'receivedOn', key: 'receivedOn', render: (v: string) => <span className="wj-nowrap">{v}</span> },
    {
      title: '当事人 / 线索内容', key: 'unit',
      render: (_v, r) => (
        <div className="wj-lead-unitcell">
          <div className="wj-lead-unit" title={r.unitName}>{r.unitName}</div>
          <Typography.Text type="secondary" className="wj-lead-facts" title={r.facts}>{r.facts}</Typography.Text>
        </div>
      ),
    },
    { title: '承办人', key: 'handlers', render: (_v, r) => (r.handlerNames.length ? <span className="wj-nowrap">{r.handlerNames.join('、')}</span> : <Typography.Text type="warning" className="wj-nowrap">未指定</Typography.Text>) },
    { title: '状态', key: 'status', align: 'center', render: (_v, r) => <LeadStatusTag lead={r} /> },
    { title: <Tooltip title="未核查的线索为核查期限；已核查的线索为立案决定期限（核查后 7 个工作日，经负责人批准可延长 7 个工作日）">期限</Tooltip>, key: 'due', render: (_v, r) => <DueCell lead={r} /> },
    {
      title: '处置结果', key: 'disposition',
      render: (_v, r) => (r.disposition ? (
        <Tooltip title={dispositionDetail(r) || undefined}>
          <Space orientation="vertical" size={0}>
            <DispositionTag lead={r} />
            <Typography.Text type="secondary" className="wj-nowrap wj-lead-small">{r.dispositionOn}</Typography.Text>
          </Space>
        </Tooltip>
      ) : <DispositionTag lead={r} />),
    },
    { title: '操作', key: '_a', fixed: 'right', width: 64, render: (_v, r) => <Link to={`/leads/${r.id}`}>{r.status === 'disposed' ? '查看' : '办理'}</Link> },
  ], []);

  const exportUrl = withQuery('/api/leads/export.xlsx', { ...query, page: undefined, pageSize: undefined });
  const toolbar = (
    <>
      {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/leads/new')}>登记线索</Button>}
      <Tooltip title="按当前筛选条件导出线索台账（.xlsx），不含投诉举报人身份信息">
        <Button icon={<DownloadOutlined />} onClick={() => download(exportUrl)}>导出台账</Button>
      </Tooltip>
    </>
  );

  return (
    <PageContainer title="线索台账" subTitle="各来源线索统一登记、核查、处置，件件有着落；核查后 7 个工作日内作出是否立案的决定">
      {!!data?.overdueTotal && view !== 'overdue' && (
        <Alert
          type="error"
          showIcon
          className="wj-card"
          title={<span>辖区内有 <b>{data.overdueTotal}</b> 条线索已超过期限尚未处置</span>}
          action={<Button size="small" danger onClick={() => setView('overdue')}>查看超期线索</Button>}
        />
      )}
      <SearchTable<Lead>
        ariaLabel="线索台账"
        fields={fields}
        params={params}
        onParamsChange={setParams}
        columns={columns}
        data={data}
        loading={isFetching}
        toolbar={toolbar}
        toolbarLeft={<Segmented aria-label="台账视图" value={view} options={VIEWS} onChange={(v) => setView(String(v))} />}
        rowClassName={(r) => (r.overdue ? 'wj-row-overdue' : '')}
        collapsedCount={3}
      />
    </PageContainer>
  );
}
