/** 抽取结果与检查结果 (searchable, paginated; cards on phones) and 状态变更公示. */
import { useMemo, useState } from 'react';
import { Button, Empty, Input, Pagination, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { usePublicChanges, usePublicResults, type PublicPlan, type PublicResult } from './api';
import { Field, LoadError, Section, useIsMobile } from './components';
import { StatusTag } from './antd-parts';
import { fmtDate, fmtDateTime, TASK_STATUS_COLOR } from './format';

const PAGE_SIZE = 20;
const UNSTAFFED_HINT = '按回避、专业和工作量等规则暂无可派执法人员，由组织实施机构依规补充派员后公示。';

function Inspectors({ r }: { r: PublicResult }) {
  if (r.inspectorNames.length) return <>{r.inspectorNames.join('、')}</>;
  return <Tooltip title={UNSTAFFED_HINT}><Typography.Text type="secondary" className="wj-pub-dotted">待补充派员</Typography.Text></Tooltip>;
}

const columns: TableColumnsType<PublicResult> = [
  { title: '层级 / 序号', key: 'seq', width: 132, render: (_, r) => <div><div>{r.stratumName}</div><div className="wj-pub-sub">第 {r.seq} 位</div></div> },
  {
    title: '检查对象', key: 'entity',
    render: (_, r) => <div><div>{r.entityName}</div><div className="wj-pub-sub wj-pub-mono">{r.creditCode}</div></div>,
  },
  { title: '执法人员', key: 'inspectors', width: 150, render: (_, r) => <Inspectors r={r} /> },
  { title: '完成期限', dataIndex: 'dueDate', key: 'due', width: 112, render: (v: string | null) => fmtDate(v) },
  { title: '状态', key: 'status', width: 96, render: (_, r) => <StatusTag label={r.statusLabel} color={TASK_STATUS_COLOR[r.status]} /> },
  { title: '检查结果', dataIndex: 'resultLabel', key: 'result', width: 150, render: (v: string | null) => v ?? '—' },
  { title: '检查日期', dataIndex: 'inspectedOn', key: 'inspectedOn', width: 112, render: (v: string | null) => fmtDate(v) },
];

function ResultCard({ r }: { r: PublicResult }) {
  return (
    <div className="wj-pub-card wj-pub-result-card">
      <div className="wj-pub-card-head">
        <span className="wj-pub-card-title">{r.entityName}</span>
        <StatusTag label={r.statusLabel} color={TASK_STATUS_COLOR[r.status]} />
      </div>
      <Field label="信用代码"><span className="wj-pub-mono">{r.creditCode}</span></Field>
      <Field label="抽取层级">{r.stratumName} 第 {r.seq} 位</Field>
      <Field label="执法人员"><Inspectors r={r} /></Field>
      <Field label="完成期限">{fmtDate(r.dueDate)}</Field>
      {(r.resultLabel || r.inspectedOn) && <Field label="检查结果">{r.resultLabel ?? '—'}{r.inspectedOn ? `（${fmtDate(r.inspectedOn)}）` : ''}</Field>}
    </div>
  );
}

export function ResultsSection({ plan }: { plan: PublicPlan }) {
  const mobile = useIsMobile();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const res = usePublicResults(plan.id, true, { q: q || undefined, page, pageSize: PAGE_SIZE });
  const items = res.data?.items ?? [];
  const total = res.data?.total ?? 0;
  const empty = <Empty description={q ? `没有名称或信用代码匹配“${q}”的检查对象` : '暂无抽取结果'} />;

  return (
    <Section title="抽取结果与检查结果" id="results">
      <p className="wj-pub-note">
        共抽取检查对象 {plan.tasks} 户，已完成检查 {plan.finished} 户。检查结果自检查完成之日起 {plan.publishWithinWorkingDays} 个工作日内公示。
      </p>
      <div className="wj-pub-toolbar">
        <Input.Search
          className="wj-pub-search" allowClear enterButton="查询" placeholder="输入单位名称或统一社会信用代码" maxLength={50} aria-label="查询检查对象"
          onSearch={(v) => { setQ(v.trim()); setPage(1); }}
        />
        <Typography.Text type="secondary">{q ? `匹配 ${total} 户` : `共 ${total} 户`}</Typography.Text>
      </div>
      {res.error ? <LoadError error={res.error} retry={() => res.refetch()} /> : mobile ? (
        <div className="wj-pub-cards" aria-busy={res.isFetching}>
          {res.isLoading ? <div className="wj-pub-card">正在加载…</div> : items.length === 0 ? empty : items.map((r) => <ResultCard key={r.id} r={r} />)}
          {total > PAGE_SIZE && <Pagination className="wj-pub-pager" simple current={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} />}
        </div>
      ) : (
        <Table<PublicResult>
          className="wj-pub-table" rowKey="id" size="middle" columns={columns} dataSource={items} loading={res.isFetching}
          locale={{ emptyText: empty }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, hideOnSinglePage: true, onChange: setPage, showTotal: (t) => `共 ${t} 户` }}
        />
      )}
    </Section>
  );
}

const ACTION_LABEL: Record<string, string> = {
  start: '开始检查', record: '登记检查结果', unable: '登记无法检查', assign: '补充派员', closeFollowUp: '复查/处理办结', followUp: '安排复查',
};

const CHANGES_STEP = 10;
/** Actions whose reason is an outcome (shown neutral) rather than an explanation of a deviation (shown amber). */
const RESULT_ACTIONS = new Set(['record', 'closeFollowUp']);

export function ChangesSection({ plan }: { plan: PublicPlan }) {
  const res = usePublicChanges(plan.id, true);
  const [shown, setShown] = useState(CHANGES_STEP);
  // newest first
  const all = useMemo(() => [...(res.data?.items ?? [])].reverse(), [res.data]);
  const items = all.slice(0, shown);
  return (
    <Section title="状态变更公示" id="changes" extra={all.length ? <Typography.Text type="secondary">共 {all.length} 条</Typography.Text> : undefined}>
      <p className="wj-pub-note">抽取完成后，检查任务的每一次状态变更及其原因均在此公示（按时间倒序），抽中对象不得无故调整。</p>
      {res.error ? <LoadError error={res.error} retry={() => res.refetch()} /> : res.isLoading ? null : all.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="抽取后暂无状态变更" />
      ) : (
        <>
          <ol className="wj-pub-changes">
            {items.map((c, i) => (
              <li key={i} className="wj-pub-change">
                <div className="wj-pub-change-time">{fmtDateTime(c.at)}</div>
                <div className="wj-pub-change-body">
                  <div><b>{c.entityName}</b> <span className="wj-pub-sub wj-pub-mono">{c.creditCode}</span></div>
                  <div>
                    {ACTION_LABEL[c.action] ?? '状态变更'}
                    {c.fromStatus && c.toStatus && c.fromStatus !== c.toStatus && <span className="wj-pub-sub">：{c.fromStatus} → {c.toStatus}</span>}
                  </div>
                  {c.reason && <div className={`wj-pub-change-reason${RESULT_ACTIONS.has(c.action) ? ' is-result' : ''}`}>{c.reason}</div>}
                </div>
              </li>
            ))}
          </ol>
          {all.length > shown && (
            <div className="wj-pub-more">
              <Button onClick={() => setShown((n) => n + 50)}>显示更多（还有 {all.length - shown} 条）</Button>
            </div>
          )}
        </>
      )}
    </Section>
  );
}
