/** Shapes of the complaints API (server/domains/complaints) and the queries the complaint pages share. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { ListResult } from '../../app/types';

export {
  CHANNELS, COMPLAINT_CATEGORIES, COMPLAINT_STATUS, OUTCOMES, SATISFACTION, STAFF_CHANNELS, SLA_STEPS, SLA_UNITS, complaintLabels,
  StaffComplaintInput, RejectInput, AssignInput, TransferInput, VerifyInput, HandleInput, ReplyInput, CallbackInput, ExtendInput, MergeInput,
  RevealInput,
} from '../../../../server/domains/complaints/schema';
export type { Channel, ComplaintCategory, ComplaintStatus, Outcome } from '../../../../server/domains/complaints/schema';

export type DueState = 'overdue' | 'soon' | null;
export type ComplaintAction = 'accept' | 'reject' | 'assign' | 'transfer' | 'verify' | 'handle' | 'reply' | 'close' | 'callback' | 'extend' | 'merge';

export interface Attachment { id: string; name: string; size: number; mime: string; evidence?: boolean }

export interface Complaint {
  id: string;
  trackingCode: string;
  channel: string;
  channelLabel: string;
  category: string;
  categoryLabel: string;
  content: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  placeRegionCode: string | null;
  entityId: string | null;
  unitName: string | null;
  occurredOn: string | null;
  anonymous: boolean;
  attachments: Attachment[];
  externalRef: string | null;
  receivedAt: string;
  agencyId: string;
  agencyName: string;
  regionCode: string;
  section: string | null;
  assigneeIds: string[];
  assigneeNames: string[];
  status: string;
  statusLabel: string;
  nextActor: string | null;
  nextDue: string | null;
  dueState: DueState;
  acceptDue: string | null;
  concludeDue: string | null;
  extendedDue: string | null;
  extensionReason: string | null;
  acceptedAt: string | null;
  rejectReason: string | null;
  findings: string | null;
  outcome: string | null;
  outcomeLabel: string | null;
  leadId: string | null;
  replyText: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  satisfaction: number | null;
  satisfactionLabel: string | null;
  callbackAt: string | null;
  callbackNote: string | null;
  mergedInto: string | null;
  version: number;
  updatedAt: string;
}

export interface ComplaintEvent {
  id: number;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  toStatusLabel: string | null;
  note: string | null;
  publicText: string | null;
  fromAgencyName: string | null;
  toAgencyName: string | null;
  actorName: string | null;
}

export interface ComplaintDetail extends Complaint {
  complainants: { id: string; name: string | null; phone: string | null; hasContactAddress: boolean }[];
  canSeeIdentity: boolean;
  events: ComplaintEvent[];
  merged: { id: string; trackingCode: string; receivedAt: string; channel: string; channelLabel: string; content: string }[];
  master: { id: string; trackingCode: string; status: string; statusLabel: string } | null;
  views: { id: number; at: string; userName: string; purpose: string | null }[] | null;
  actions: ComplaintAction[];
}

export interface Identity {
  anonymous: boolean;
  complainants: { id: string; name: string | null; phone: string | null; contactAddress: string | null; email: string | null; idNumber: string | null }[];
}

export interface DuplicateCandidate {
  id: string; trackingCode: string; score: number; reasons: string[]; status: string; statusLabel: string; receivedAt: string;
  unitName: string | null; address: string | null; content: string; agencyName: string; channelLabel: string; version: number;
}

export interface Summary {
  open: number; overdue: number; dueSoon: number; dueSoonDays: number;
  mine: { open: number; overdue: number; dueSoon: number };
}

export interface Kpi {
  received: number; timelyDue: number; timely: number; timelyRate: number | null; closed: number; standard: number; standardRate: number | null;
  avgDays: number | null; overdueOpen: number; closedLate: number; rated: number; satisfied: number; satisfactionRate: number | null;
  avgSatisfaction: number | null;
}
export interface KpiGroup extends Kpi { key: string; label: string }
export interface Stats {
  today: string;
  definitions: Record<'timely' | 'standard' | 'avgDays' | 'overdue' | 'satisfaction', string>;
  total: Kpi;
  byAgency: KpiGroup[];
  byChannel: KpiGroup[];
  byCategory: KpiGroup[];
  byMonth: KpiGroup[];
  byDistrict: { code: string; name: string; count: number }[];
  byTown: { code: string; name: string; count: number }[];
}

export interface SlaRow { id?: string; channel: string; category: string; step: string; days: number; unit: 'working' | 'natural'; basis: string | null; version?: number }

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (q: Record<string, unknown>) => ['complaints', 'list', q] as const,
  detail: (id: string) => ['complaints', 'detail', id] as const,
  summary: ['complaints', 'summary'] as const,
  stats: (q: Record<string, unknown>) => ['complaints', 'stats', q] as const,
  sla: ['complaints', 'sla'] as const,
};

export const fetchComplaints = (query: Record<string, string | number | undefined>) => api.get<ListResult<Complaint>>('/api/complaints', query);

export function useTransferAgencies() {
  return useQuery({
    queryKey: ['complaints', 'agencies'],
    queryFn: () => api.get<{ id: string; name: string; regionCode: string; level: string }[]>('/api/complaints/agencies'),
    staleTime: 5 * 60_000,
  });
}

export const ACTION_LABELS: Record<string, string> = {
  register: '登记', accept: '受理', reject: '不予受理', assign: '分派', transfer: '转办', verify: '核查', handle: '处理', reply: '答复',
  close: '办结', callback: '回访', extend: '延期', merge: '并案', merge_in: '并入投诉',
};

export const STATUS_COLORS: Record<string, string> = {
  registered: 'blue', accepted: 'cyan', rejected: 'default', assigned: 'geekblue', verifying: 'processing', handled: 'purple',
  replied: 'gold', closed: 'green', merged: 'default',
};

export const fmtDateTime = (iso: string | null | undefined) => {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

export const percent = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
