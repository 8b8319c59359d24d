/** Portal building blocks that use antd: only the pages loaded with antd (plans, draws, results) import them. */
import { Tag, Typography } from 'antd';

/** A full hash in monospace, wrapping on small screens, with a copy button. */
export function HashValue({ value, label }: { value: string | null | undefined; label?: string }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text className="wj-pub-hash" copyable={{ text: value, tooltips: [label ? `复制${label}` : '复制', '已复制'] }}>
      {value}
    </Typography.Text>
  );
}

export function StatusTag({ label, color }: { label: string; color?: string }) {
  return <Tag color={color ?? 'default'} className="wj-pub-tag">{label}</Tag>;
}
