/** Building blocks of the lead pages: status, source and disposition tags, the deadline cell, event labels. */
import { Space, Tag, Tooltip, Typography } from 'antd';
import { DISPOSITIONS, LEAD_SOURCES, LEAD_STATUS } from '../../../../server/domains/leads/schema';
import type { Lead } from './api';

export const STATUS_COLORS: Record<string, string> = { registered: 'default', verifying: 'processing', verified: 'gold', disposed: 'green' };
export const DISPOSITION_COLORS: Record<string, string> = { file: 'red', no_file: 'default', transfer: 'purple', merge: 'cyan' };
const SOURCE_COLORS: Record<string, string> = {
  complaint: 'magenta', inspection: 'blue', superior: 'volcano', subordinate: 'geekblue', department: 'purple', media: 'orange', monitoring: 'cyan', self_report: 'green',
};

export const EVENT_LABELS: Record<string, string> = {
  register: '登记线索', assign: '指定承办人', verify: '登记核查情况', extension_request: '申请延期', extension_approve: '批准延期', extension_reject: '不同意延期',
  dispose_file: '决定立案', dispose_no_file: '决定不予立案', dispose_transfer: '移送', dispose_merge: '并案', merged_in: '其他线索并入',
};
export const EVENT_COLORS: Record<string, string> = {
  register: 'blue', assign: 'blue', verify: 'cyan', extension_request: 'orange', extension_approve: 'green', extension_reject: 'red',
  dispose_file: 'red', dispose_no_file: 'gray', dispose_transfer: 'purple', dispose_merge: 'cyan', merged_in: 'cyan',
};

export const SOURCE_OPTIONS = Object.entries(LEAD_SOURCES).map(([value, label]) => ({ value, label }));
export const STATUS_OPTIONS = Object.entries(LEAD_STATUS).map(([value, label]) => ({ value, label }));
export const DISPOSITION_OPTIONS = Object.entries(DISPOSITIONS).map(([value, label]) => ({ value, label }));

export function LeadStatusTag({ lead }: { lead: Pick<Lead, 'status' | 'statusLabel'> }) {
  return <Tag color={STATUS_COLORS[lead.status]}>{lead.statusLabel}</Tag>;
}

export function SourceTag({ lead }: { lead: Pick<Lead, 'source' | 'sourceLabel'> }) {
  return <Tag color={SOURCE_COLORS[lead.source]} variant="outlined">{lead.sourceLabel}</Tag>;
}

export function DispositionTag({ lead }: { lead: Pick<Lead, 'disposition' | 'dispositionLabel'> }) {
  if (!lead.disposition) return <Typography.Text type="secondary">未处置</Typography.Text>;
  return <Tag color={DISPOSITION_COLORS[lead.disposition]}>{lead.dispositionLabel}</Tag>;
}

/** The deadline in force: what it is for, the date, and overdue / working days left. */
export function DueCell({ lead }: { lead: Lead }) {
  if (!lead.deadlineKind) {
    return lead.disposedLate ? <Tooltip title={`立案决定期限 ${lead.due}`}><Tag color="orange">逾期处置</Tag></Tooltip> : <Typography.Text type="secondary">—</Typography.Text>;
  }
  const what = lead.deadlineKind === 'filing' ? (lead.extendedDue ? '立案决定（已延期）' : '立案决定') : '核查';
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text type="secondary" className="wj-lead-due-kind">{what}</Typography.Text>
      <Space size={4}>
        <Typography.Text type={lead.overdue ? 'danger' : undefined} className="wj-nowrap">{lead.due}</Typography.Text>
        {lead.overdue ? <Tag color="red">已超期</Tag> : lead.daysLeft !== null && lead.daysLeft <= 2 ? <Tag color="orange">{lead.daysLeft <= 0 ? '今日到期' : `剩 ${lead.daysLeft} 个工作日`}</Tag> : null}
        {lead.extensionPending && <Tag color="gold">延期待批</Tag>}
      </Space>
    </Space>
  );
}

/** 理由/移送机关/并入线索, as in the ledger export. */
export function dispositionDetail(l: Lead): string {
  switch (l.disposition) {
    case 'file':
    case 'no_file': return l.dispositionReason ?? '';
    case 'transfer': return `移送${l.transferTo ?? ''}（${l.transferDocNo ?? ''}）`;
    case 'merge': return `并入 ${l.mergedIntoCode ?? ''}`;
    default: return '';
  }
}
