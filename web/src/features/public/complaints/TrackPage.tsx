/**
 * 投诉查询: the citizen enters the tracking code and sees the status, each public step and the reply —
 * nothing else (no internal notes, no names of staff or of anyone involved). Plain HTML, like the form.
 */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Field, Loading, Notice, PageHeading, Section, usePageTitle } from '../components';
import { fmtDate, fmtDateTime } from '../format';
import { getJson, PublicError, type Tracking } from './api';
import { recentCodes } from './recent';
import './complaints.css';

const STEP_LABELS = ['提交', '受理', '分派', '调查核实', '答复', '办结'];
/** The step being worked on now (the ones before it are done). */
const CURRENT: Record<string, number> = { registered: 1, accepted: 2, assigned: 3, verifying: 3, handled: 4, replied: 5, closed: 6 };

function Steps({ current }: { current: number }) {
  return (
    <ol className="wj-pub-progress" aria-label="办理步骤">
      {STEP_LABELS.map((label, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={label} className={`is-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="wj-pub-progress-dot">{state === 'done' ? '✓' : i + 1}</span>
            <span className="wj-pub-progress-label">{label}</span>
          </li>
        );
      })}
    </ol>
  );
}

export default function TrackPage() {
  usePageTitle('投诉查询', '投诉举报');
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
  const notFound = q.error instanceof PublicError && q.error.status === 404;

  return (
    <>
      <PageHeading title="投诉举报查询">输入提交投诉时获得的 12 位查询码（如 7K3M-Q9TD-2XWA），查看办理进度和答复。</PageHeading>
      <Section>
        <form className="wj-pub-cp-query" onSubmit={(e) => { e.preventDefault(); setSearch(input.trim() ? { code: input.trim().toUpperCase() } : {}); }}>
          <input className="wj-pub-input wj-pub-mono" value={input} onChange={(e) => setInput(e.target.value)} placeholder="查询码" aria-label="查询码" maxLength={20}
            autoCapitalize="characters" autoComplete="off" spellCheck={false} />
          <button type="submit" className="wj-pub-btn is-primary is-large">查询</button>
        </form>
        {!code && recent.length > 0 && (
          <div className="wj-pub-cp-recent">
            <span className="wj-pub-sub">本机提交过的投诉：</span>
            {recent.map((r) => <button type="button" key={r.code} className="wj-pub-btn is-link wj-pub-mono" onClick={() => setSearch({ code: r.code })}>{r.code}</button>)}
          </div>
        )}
      </Section>

      {code && q.isPending && <Loading />}
      {q.isError && <Notice type={notFound ? 'warning' : 'error'} title={notFound ? '未查到该投诉' : '查询失败'}>{q.error.message}</Notice>}
      {t && (
        <>
          <Section title={<span>办理进度 <span className={`wj-pub-tagx is-${t.status}`} data-testid="track-status">{t.statusLabel}</span></span>}>
            {t.status === 'rejected' ? (
              <Notice type="warning" title="不予受理"><span data-testid="reject-reason">{t.rejectReason}</span></Notice>
            ) : <Steps current={CURRENT[t.status] ?? 0} />}
            {t.merged && <Notice type="info" title="您的投诉与反映同一问题的其他投诉合并办理，进度和答复同步显示。" />}
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
            {t.timeline.length === 0 ? <p className="wj-pub-note">暂无记录</p> : (
              <ol className="wj-pub-timeline-plain">
                {[...t.timeline].reverse().map((e, i) => (
                  <li key={`${e.at}-${i}`} className={i === 0 ? 'is-latest' : undefined} data-testid="track-event">
                    <div className="wj-pub-change-time">{fmtDateTime(e.at)}</div>
                    <div>{e.text}</div>
                  </li>
                ))}
              </ol>
            )}
          </Section>
        </>
      )}
      <div className="wj-pub-cp-submit">
        <Link to="/public/complaints/new" className="wj-pub-btn is-large is-block">我要投诉举报</Link>
      </div>
    </>
  );
}
