import type { ReactNode } from 'react';
import { Empty, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { HistoryChange, HistoryItem } from '../app/types';
import { ACTION_COLORS, ACTION_LABELS, COMMON_FIELD_LABELS, RECORD_STATUS_LABELS } from './labels';

export interface HistoryTimelineProps {
  items: HistoryItem[];
  /** Chinese labels of the register's fields; changes of fields without a label (derived display fields) are hidden. */
  labels: Record<string, string>;
  /** Register-specific rendering of a value (code → label, structured values). */
  formatValue?: (field: string, value: unknown) => ReactNode | undefined;
}

/** Generic, readable rendering of a changed value. */
export function defaultFormat(value: unknown): ReactNode {
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">（空）</Typography.Text>;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    if (value.length === 0) return <Typography.Text type="secondary">（无）</Typography.Text>;
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.join('、');
    return <Typography.Text>{value.length} 项</Typography.Text>;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function visibleChanges(changes: HistoryChange[], labels: Record<string, string>) {
  return changes
    .map((c) => ({ ...c, label: labels[c.field] ?? COMMON_FIELD_LABELS[c.field] ?? (c.label !== c.field ? c.label : '') }))
    .filter((c) => c.label);
}

/** 变更历史: who changed what, when and why, with the audit-chain hash of each event. */
export function HistoryTimeline({ items, labels, formatValue }: HistoryTimelineProps) {
  if (items.length === 0) return <Empty description="暂无变更记录" />;
  const render = (field: string, v: unknown): ReactNode => {
    if (field === 'recordStatus' && typeof v === 'string') return RECORD_STATUS_LABELS[v] ?? v;
    const custom = formatValue?.(field, v);
    return custom !== undefined ? custom : defaultFormat(v);
  };
  return (
    <Timeline
      className="wj-history"
      items={items.map((h) => {
        const changes = visibleChanges(h.changes, labels);
        const action = ACTION_LABELS[h.action] ?? h.action;
        return {
          key: String(h.id),
          color: ACTION_COLORS[h.action] ?? 'gray',
          content: (
            <div className="wj-history-item" data-testid="history-item">
              <Space wrap size={[8, 4]}>
                <Tag color={ACTION_COLORS[h.action] ?? 'default'}>{action}</Tag>
                <Typography.Text strong>{h.actorName ?? '系统'}</Typography.Text>
                <Typography.Text type="secondary">{dayjs(h.at).format('YYYY-MM-DD HH:mm:ss')}</Typography.Text>
              </Space>
              {h.reason && <div className="wj-history-reason">原因：{h.reason}</div>}
              {h.action === 'update' || h.action === 'delete' || h.action === 'restore' ? (
                changes.length > 0 && (
                  <Table<HistoryChange>
                    size="small"
                    tableLayout="fixed"
                    className="wj-history-changes"
                    rowKey="field"
                    pagination={false}
                    dataSource={changes}
                    columns={[
                      { title: '字段', dataIndex: 'label', width: 140 },
                      { title: '修改前', dataIndex: 'before', render: (v, c) => <span className="wj-change-before">{render(c.field, v)}</span> },
                      { title: '修改后', dataIndex: 'after', render: (v, c) => <span className="wj-change-after">{render(c.field, v)}</span> },
                    ]}
                  />
                )
              ) : (
                h.action === 'create' && <div className="wj-history-note">登记了该记录（{changes.length} 个字段）</div>
              )}
              <div className="wj-history-hash">
                <Tooltip title="审计哈希链中该事件的哈希值（SHA-256），用于校验记录未被篡改">
                  <Typography.Text type="secondary">哈希：</Typography.Text>
                </Tooltip>
                <Typography.Text code copyable={{ text: h.hash, tooltips: ['复制哈希', '已复制'] }} className="wj-hash">
                  {h.hash.slice(0, 16)}…{h.hash.slice(-8)}
                </Typography.Text>
              </div>
            </div>
          ),
        };
      })}
    />
  );
}
