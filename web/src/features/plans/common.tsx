/** Building blocks shared by the plan and task pages: status tags, rates, hashes, error dialogs. */
import type { ReactNode } from 'react';
import { App, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { ApiError } from '../../app/api';
import type { Me } from '../../app/types';
import { regionScopePrefix } from '../../../../server/domains/regions/region-code';
import { percent, type PlanStatus, type Task, type TaskStatus } from './api';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: '草稿', published: '已发布', drawn: '已抽取', in_progress: '实施中', completed: '已完成',
};
const PLAN_STATUS_COLORS: Record<PlanStatus, string> = {
  draft: 'default', published: 'blue', drawn: 'cyan', in_progress: 'processing', completed: 'green',
};
export const PLAN_STEPS: PlanStatus[] = ['draft', 'published', 'drawn', 'in_progress', 'completed'];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  pending: '待检查', in_progress: '检查中', done: '已完成', unable: '无法检查', unstaffed: '待派员',
};
const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  pending: 'blue', in_progress: 'processing', done: 'green', unable: 'default', unstaffed: 'orange',
};
const RESULT_COLORS: Record<string, string> = { qualified: 'green', rectify: 'orange', case: 'red' };

export const TASK_ACTION_LABELS: Record<string, string> = {
  assign: '补充派员', start: '开始检查', record: '登记检查结果', unable: '登记无法检查', followUp: '安排复查', closeFollowUp: '办结复查',
};

export function PlanStatusTag({ status, label }: { status: PlanStatus; label?: string }) {
  return <Tag color={PLAN_STATUS_COLORS[status] ?? 'default'}>{label ?? PLAN_STATUS_LABELS[status] ?? status}</Tag>;
}

export function TaskStatusTag({ task }: { task: Pick<Task, 'status' | 'statusLabel'> }) {
  return <Tag color={TASK_STATUS_COLORS[task.status] ?? 'default'}>{task.statusLabel ?? TASK_STATUS_LABELS[task.status]}</Tag>;
}

/** The inspection result, with the follow-up state of a rectification order or a case. */
export function ResultTag({ task }: { task: Pick<Task, 'result' | 'resultLabel' | 'status' | 'unableReasonLabel' | 'followUpStatus' | 'followUpResultLabel'> }) {
  if (task.status === 'unable') return <Tag>{task.unableReasonLabel ?? '无法检查'}</Tag>;
  if (!task.result) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      <Tag color={RESULT_COLORS[task.result]}>{task.resultLabel}</Tag>
      {task.followUpStatus === 'scheduled' && <Tag color="gold">{task.result === 'case' ? '待结案' : '待复查'}</Tag>}
      {task.followUpStatus === 'closed' && task.followUpResultLabel && <Tag color="green">{task.followUpResultLabel}</Tag>}
    </Space>
  );
}

/** A rate as a progress bar with "n / N". */
export function RateBar({ rate, n, total, width = 120, status }: { rate: number | null; n: number; total: number; width?: number; status?: 'success' | 'normal' }) {
  const pct = rate === null ? 0 : Math.round(rate * 1000) / 10;
  return (
    <Space size={8} className="wj-rate-bar">
      <Progress percent={pct} size={[width, 8]} showInfo={false} status={status ?? (pct >= 100 ? 'success' : 'normal')} />
      <span className="wj-rate-text">{percent(rate)}</span>
      <Typography.Text type="secondary" className="wj-rate-count">{n}/{total}</Typography.Text>
    </Space>
  );
}

/** A column title or label with its definition in a tooltip. */
export function Defined({ label, definition }: { label: ReactNode; definition: string }) {
  return (
    <Tooltip title={definition}>
      <span className="wj-defined">{label} <QuestionCircleOutlined /></span>
    </Tooltip>
  );
}

/** A SHA-256 in full, monospace, wrapped, with a copy button. */
export function HashText({ value, label }: { value: string | null | undefined; label: string }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text className="wj-hash-full wj-mono" copyable={{ text: value, tooltips: [`复制${label}`, '已复制'] }}>
      {value}
    </Typography.Text>
  );
}

/** Whether the user's agency may change a plan of this region (mirrors access.canWriteRegion). */
export function canWritePlanRegion(me: Me | null, regionCode: string): boolean {
  if (!me) return false;
  return regionCode.startsWith(regionScopePrefix(me.user.regionCode));
}

/** Agencies whose region lies within a root region (the organising agency and those below it). */
export function withinRegion(regionCode: string, root: string): boolean {
  return regionCode.startsWith(regionScopePrefix(root));
}

/**
 * Show a failed action: a stale version (409) explains that someone else changed the record and offers
 * to reload; everything else shows the server's message.
 */
export function showActionError(modal: ModalApi, err: unknown, opts: { title: string; reload?: () => void }) {
  const msg = err instanceof Error ? err.message : '操作失败';
  if (err instanceof ApiError && err.status === 409) {
    const stale = typeof err.body.currentVersion === 'number';
    modal.warning({
      title: stale ? '数据已被他人修改' : opts.title,
      content: stale ? `${msg}` : msg,
      okText: stale ? '刷新' : '知道了',
      onOk: () => opts.reload?.(),
    });
    return;
  }
  if (err instanceof ApiError && err.fields.length) {
    modal.error({
      title: opts.title,
      content: <ul className="wj-error-list">{err.fields.map((f) => <li key={`${f.field}-${f.message}`}>{f.label ? `${f.label}：` : ''}{f.message}</li>)}</ul>,
      okText: '知道了',
    });
    return;
  }
  modal.error({ title: opts.title, content: msg, okText: '知道了' });
}

export const fmtTime = (iso: string | null | undefined) => {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export const fileSize = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
