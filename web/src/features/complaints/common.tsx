/** Small shared pieces of the complaint pages: status tag, deadline text, definitions. */
import { Space, Tag, Typography } from 'antd';
import { STATUS_COLORS, type DueState } from './api';

export function StatusTag({ status, label }: { status: string; label: string }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{label}</Tag>;
}

/** A deadline: red with 已逾期 when overdue, orange with 临期 when due within a few days. */
export function DueText({ due, state }: { due: string | null; state: DueState }) {
  if (!due) return <Typography.Text type="secondary">—</Typography.Text>;
  if (state === 'overdue') return <Space size={4} className="wj-nowrap"><Typography.Text type="danger" strong>{due}</Typography.Text><Tag color="red">已逾期</Tag></Space>;
  if (state === 'soon') return <Space size={4} className="wj-nowrap"><Typography.Text style={{ color: '#d46b08' }}>{due}</Typography.Text><Tag color="orange">临期</Tag></Space>;
  return <span className="wj-nowrap">{due}</span>;
}

export const none = <Typography.Text type="secondary">—</Typography.Text>;
