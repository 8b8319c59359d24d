/** Shapes of the lead-ledger API (server/domains/leads) and the queries its pages share. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { ListResult } from '../../app/types';
import type { Disposition, LeadSource, LeadStatus } from '../../../../server/domains/leads/schema';

export type { Disposition, LeadSource, LeadStatus };

export interface Lead {
  id: string;
  code: string;
  year: number;
  seq: number;
  regionCode: string;
  agencyId: string;
  agencyName: string | null;
  source: LeadSource;
  sourceLabel: string;
  originType: string | null;
  originId: string | null;
  originRef: string | null;
  entityId: string | null;
  unitName: string;
  facts: string;
  category: string | null;
  receivedOn: string;
  registeredOn: string;
  handlerIds: string[];
  handlerNames: string[];
  status: LeadStatus;
  statusLabel: string;
  verification: string | null;
  verifiedOn: string | null;
  filingDue: string | null;
  extendedDue: string | null;
  extensionReason: string | null;
  extensionApprovedBy: string | null;
  extensionPending: boolean;
  disposition: Disposition | null;
  dispositionLabel: string | null;
  dispositionOn: string | null;
  dispositionReason: string | null;
  approvedBy: string | null;
  approverName: string | null;
  transferTo: string | null;
  transferDocNo: string | null;
  mergedInto: string | null;
  mergedIntoCode: string | null;
  deadlineKind: 'verify' | 'filing' | null;
  due: string | null;
  overdue: boolean;
  disposedLate: boolean;
  daysLeft: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LeadEvent {
  id: number;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  actorName: string | null;
}

export interface LeadDetail extends Lead {
  events: LeadEvent[];
  mergedLeads: { id: string; code: string; unitName: string; dispositionOn: string | null }[];
  originLink: string | null;
  actions: { assign: boolean; verify: boolean; requestExtension: boolean; decideExtension: boolean; dispose: boolean; disposeFile: boolean };
}

export interface LeadList extends ListResult<Lead> {
  overdueTotal: number;
}

export interface LeadMeta {
  sources: Record<LeadSource, string>;
  statuses: Record<LeadStatus, string>;
  dispositions: Record<Disposition, string>;
  transferAuthorities: string[];
  originRefLabels: Record<LeadSource, string>;
  deadlines: { filingDecisionWorkingDays: number; extensionWorkingDays: number; verifyWorkingDays: number; basis: string };
}

export interface LeadOptions {
  agencies: { id: string; name: string; regionCode: string; docPrefix: string }[];
  agencyId?: string;
  handlers: { id: string; name: string; roles: string[] }[];
  approvers: { id: string; name: string }[];
}

export const leadKeys = {
  all: ['leads'] as const,
  list: (q: object) => ['leads', 'list', q] as const,
  detail: (id: string) => ['leads', 'detail', id] as const,
  meta: ['leads', 'meta'] as const,
  options: (agencyId?: string) => ['leads', 'options', agencyId ?? ''] as const,
  overdue: ['leads', 'overdue-count'] as const,
};

export const useLeadMeta = () => useQuery({ queryKey: leadKeys.meta, queryFn: () => api.get<LeadMeta>('/api/leads/meta'), staleTime: 10 * 60_000 });

export const useLeadOptions = (agencyId?: string) =>
  useQuery({ queryKey: leadKeys.options(agencyId), queryFn: () => api.get<LeadOptions>('/api/leads/options', { agencyId }), staleTime: 5 * 60_000 });

export const useLead = (id: string) => useQuery({ queryKey: leadKeys.detail(id), queryFn: () => api.get<LeadDetail>(`/api/leads/${id}`), retry: false });
