/** Shapes of the random-inspection API (server/domains/plans) and the queries the plan and task pages share. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { ListResult } from '../../app/types';

export type PlanStatus = 'draft' | 'published' | 'drawn' | 'in_progress' | 'completed';
export type TaskStatus = 'pending' | 'in_progress' | 'done' | 'unable' | 'unstaffed';
export type TaskResult = 'qualified' | 'rectify' | 'case';

export interface Stratum {
  key: string;
  name: string;
  categories: string[];
  regionCodes: string[];
  mode: 'count' | 'ratio';
  count: number;
  ratioBp: number;
}

export interface Rules {
  inspectorsPerTarget: number;
  maxShareBp: number;
  avoidSameTown: boolean;
  avoidLastPair: boolean;
}

export interface Exclusions {
  excludeInspectedInPeriod: boolean;
  minIntervalDays: number;
}

export interface Weights {
  base: number;
  riskGrade: Record<string, number>;
  creditClass: Record<string, number>;
  keyList: number;
  complaintEach: number;
  complaintMax: number;
}

export interface PlanSummary {
  id: string;
  name: string;
  year: number;
  level: string;
  status: PlanStatus;
  statusLabel: string;
  agencyId: string;
  agencyName: string;
  regionCode: string;
  source: 'local' | 'imported' | string;
  issuedBy: string | null;
  windowStart: string;
  windowEnd: string;
  publishedAt: string | null;
  drawnAt: string | null;
  completedAt: string | null;
  candidateCount: number | null;
  version: number;
  updatedAt: string;
  /** List only: drawn tasks and finished ones. */
  tasks?: number;
  finished?: number;
}

export interface Published {
  planHash: string;
  candidatesHash: string;
  inspectorsHash: string;
  commitment: string;
}

export interface Plan extends PlanSummary {
  matterIds: string[];
  matters: { id: string; code: string; name: string }[];
  categories: string[];
  targetRegions: string[];
  carrierAgencyIds: string[];
  carrierAgencies: { id: string; name: string }[];
  strata: Stratum[];
  rules: Rules;
  exclusions: Exclusions;
  weights: Weights;
  description: string | null;
  protocol: string;
  published: Published | null;
  publicValue: string | null;
  drawOperator: string | null;
}

export interface StaffingProblem {
  entityId: string;
  entityName?: string;
  reason: string;
}

export interface Preview {
  candidates: number;
  targets: number;
  inspectors: number;
  conflicts: number;
  strata: { key: string; name: string; candidates: number; targets: number }[];
  staffingProblems: StaffingProblem[];
  staffingProblemCount: number;
}

export interface Rates {
  drawn: number;
  finished: number;
  closed: number;
  completionRate: number | null;
  closureRate: number | null;
}

export interface PlanStats {
  overall: Rates;
  byStatus: Record<string, number>;
  byStratum: (Rates & { key: string; name: string })[];
  byAgency: (Rates & { id: string; name: string })[];
  byInspector: (Rates & { id: string; name: string })[];
  definitions: { completion: string; closure: string };
}

export interface Attachment {
  id: string;
  name: string;
  size: number;
  mime?: string;
  sha256?: string;
}

export interface Task {
  id: string;
  planId: string;
  planName: string | null;
  agencyId: string;
  entityId: string;
  entityName: string;
  creditCode: string;
  address: string | null;
  regionCode: string;
  stratum: string;
  /** Detail only: the stratum's name in the plan. */
  stratumName?: string;
  seq: number;
  inspectorIds: string[];
  inspectorNames: string[];
  unstaffedReason: string | null;
  dueDate: string;
  status: TaskStatus;
  statusLabel: string;
  result: TaskResult | null;
  resultLabel: string | null;
  unableReason: string | null;
  unableReasonLabel: string | null;
  summary: string | null;
  inspectedOn: string | null;
  publishBy: string | null;
  attachments: Attachment[];
  followUpStatus: 'none' | 'scheduled' | 'closed';
  followUpDue: string | null;
  followUpOn: string | null;
  followUpResult: string | null;
  followUpResultLabel: string | null;
  followUpNote: string | null;
  closed: boolean;
  overdue: boolean;
  version: number;
  updatedAt: string;
}

export interface TaskEvent {
  id: number;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  actorName: string | null;
  public: boolean;
}

export interface TaskDetail extends Task {
  events: TaskEvent[];
  canAct: boolean;
}

export interface PlanMeta {
  planStatus: Record<PlanStatus, string>;
  taskStatus: Record<TaskStatus, string>;
  taskResults: Record<TaskResult, string>;
  unableReasons: Record<string, string>;
  followUpResults: Record<string, string>;
  rateDefinitions: { completion: string; closure: string };
  defaultWeights: Weights;
  protocolDefaults: Weights;
}

export const planKeys = {
  all: ['plans'] as const,
  list: (q: unknown) => ['plans', 'list', q] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  preview: (id: string) => ['plans', 'preview', id] as const,
  stats: (id: string) => ['plans', 'stats', id] as const,
};

export const taskKeys = {
  all: ['tasks'] as const,
  list: (q: unknown) => ['tasks', 'list', q] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
};

/** Code tables, rate definitions and default weights (rarely change). */
export function usePlanMeta() {
  return useQuery({ queryKey: ['plans', 'meta'], queryFn: () => api.get<PlanMeta>('/api/plans/meta'), staleTime: 10 * 60_000 });
}

export function usePlan(id: string | undefined) {
  return useQuery({ queryKey: planKeys.detail(id ?? ''), queryFn: () => api.get<Plan>(`/api/plans/${id}`), enabled: !!id, retry: false });
}

export interface MatterOption {
  id: string;
  code: string;
  name: string;
  category: string;
  categoryLabel?: string;
  level?: string;
  ratio?: number | null;
}

/** The 随机抽查事项清单 visible to the user (the city's list is shared down). */
export function useMatters() {
  return useQuery({
    queryKey: ['matters', 'options'],
    queryFn: () => api.get<ListResult<MatterOption & { version: number }>>('/api/matters', { pageSize: 200, sort: 'code' }),
    staleTime: 5 * 60_000,
  });
}

export const percent = (rate: number | null | undefined, digits = 1) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
