/**
 * 投诉查询: the citizen enters the tracking code and sees the status, each public step and the reply —
 * nothing else (no internal notes, no names of staff or of anyone involved).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Input, Skeleton, Steps, Tag, Timeline, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Field, PageHeading, Section, usePageTitle } from '../components';
import { fmtDate, fmtDateTime } from '../format';
import { getJson, PublicError, type Tracking } from './api';
import { recentCodes } from './recent';
import './complaints.css';

const STEP_LABELS = ['提交', '受理', '分派', '调查核实', '答复', '办结'];
const COLOR: Record<string, string> = { registered: 'blue', accepted: 'cyan', rejected: 'default', assigned: 'geekblue', verifying: 'processing', handled: 'purple', replied: 'gold', closed: 'green' };
/** The step being worked on now (the ones before it are done). */
const CURRENT: Record<string, number> = { registered: 1, accepted: 2, assigned: 3, verifying: 3, handled: 4, replied: 5, closed: 5 };

export default function TrackPage() {
  usePageTitle('投诉查询');
  const [search, setSearch] = useSearchParams();
  const code = search.get('code') ?? '';
  const [input, setInput] = useState(code);
  useEffect(() => setInput(code), [code]);
  const recent = recentCodes();

  const q = useQuery({
    queryKey: ['public', 'complaint', code],
    queryFn: () => getJson<Tracking>(`/api/public/complaints/${encodeURIComponent(code)}`),
    enabled: code.length > 0,
    retry: false,
  });
  const t = q.data;

  return (
    <>
      <PageHeading title="投诉举报查询">输入提交投诉时获得的 12 位查询码（如 7K3M-Q9TD-2XWA），查看办理进度和答复。</PageHeading>
      <Card variant="borderless" className="wj-pub-section">
        <form className="wj-pub-cp-query" onSubmit={(e) => { e.preventDefault(); setSearch(input.trim() ? { code: input.trim().toUpperCase() } : {}); }}>
          <Input size="large" value={input} onChange={(e) => setInput(e.target.value)} placeholder="查询码" aria-label="查询码" maxLength={20} allowClear autoCapitalize="characters" autoComplete="off" className="wj-pub-mono" />
          <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
        </form>
        {!code && recent.length > 0 && (
          <div className="wj-pub-cp-recent">
            <Typography.Text type="secondary">本机提交过的投诉：</Typography.Text>
            {recent.map((r) => <a key={r.code} className="wj-pub-mono" onClick={() => setSearch({ code: r.code })}>{r.code}</a>)}
          </div>
        )}
      </Card>

      {code && q.isPending && <Card variant="borderless" className="wj-pub-section"><Skeleton active paragraph={{ rows: 5 }} /></Card>}
      {q.isError && (
        <Alert type={q.error instanceof PublicError && q.error.status === 404 ? 'warning' : 'error'} showIcon className="wj-pub-alert"
          title={q.error instanceof PublicError && q.error.status === 404 ? '未查到该投诉' : '查询失败'} description={q.error.message} />
      )}
      {t && (
        <>
          <Section title={<span>办理进度 <Tag color={COLOR[t.status] ?? 'default'} className="wj-pub-tag" data-testid="track-status">{t.statusLabel}</Tag></span>}>
            {t.status === 'rejected' ? (
              <Alert type="warning" showIcon title="不予受理" description={<span data-testid="reject-reason">{t.rejectReason}</span>} style={{ marginBottom: 12 }} />
            ) : (
              <Steps className="wj-pub-steps" size="small" current={CURRENT[t.status] ?? 0} status={t.status === 'closed' ? 'finish' : 'process'}
                responsive={false} labelPlacement="vertical" items={STEP_LABELS.map((title) => ({ title }))} />
            )}
            {t.merged && <Alert type="info" showIcon style={{ margin: '12px 0' }} title="您的投诉与反映同一问题的其他投诉合并办理，进度和答复同步显示。" />}
            <div className="wj-pub-facts">
              <Field label="查询码"><span className="wj-pub-mono">{t.trackingCode}</span></Field>
              <Field label="问题类别">{t.categoryLabel}</Field>
              <Field label="提交时间">{fmtDateTime(t.receivedAt)}</Field>
              <Field label="办理机构">{t.agencyName}</Field>
              {t.acceptDue && <Field label="受理期限">{fmtDate(t.acceptDue)} 前</Field>}
              {t.concludeDue && <Field label="办结期限">{fmtDate(t.concludeDue)} 前</Field>}
              {t.closedAt && <Field label="办结时间">{fmtDateTime(t.closedAt)}</Field>}
            </div>
          </Section>

          {t.reply && (
            <Section title="答复" className="wj-pub-cp-reply">
              <div className="wj-pub-cp-reply-text" data-testid="reply-text">{t.reply.text}</div>
              <div className="wj-pub-sub">答复时间：{fmtDateTime(t.reply.at)}</div>
            </Section>
          )}

          <Section title="办理记录">
            {t.timeline.length === 0 ? <Empty description="暂无记录" /> : (
              <Timeline
                items={[...t.timeline].reverse().map((e, i) => ({
                  key: `${e.at}-${i}`,
                  color: i === 0 ? 'blue' : 'gray',
                  content: (
                    <div data-testid="track-event">
                      <div className="wj-pub-change-time">{fmtDateTime(e.at)}</div>
                      <div>{e.text}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </Section>
        </>
      )}
      <div className="wj-pub-cp-submit">
        <Link to="/public/complaints/new"><Button size="large" block>我要投诉举报</Button></Link>
      </div>
    </>
  );
}
