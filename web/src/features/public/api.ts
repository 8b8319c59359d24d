/**
 * The public portal's data: anonymous GET requests to /api/public/* (server/domains/plans/public.ts).
 * Nothing here needs a session; the API already omits every internal detail.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface Site { name: string }

export interface PublicHashes { planHash: string; candidatesHash: string; inspectorsHash: string; commitment: string }

export interface PublicPlanItem {
  id: string; name: string; year: number; level: string; agencyName: string; status: string; statusLabel: string;
  windowStart: string; windowEnd: string; publishedAt: string | null; drawnAt: string | null; candidateCount: number | null;
  commitment: string | null; candidatesHash: string | null; source: string;
}

export interface PublicStratum {
  key: string; name: string; mode: 'count' | 'ratio'; count: number; ratioBp: number; categories: string[]; regionCodes: string[]; target: string;
}

export interface PublicWeights {
  base: number; riskGrade: Record<string, number>; creditClass: Record<string, number>; keyList: number; complaintEach: number; complaintMax: number;
}

export interface PublicRules {
  inspectorsPerTarget: number; maxShareBp: number; avoidSameTown: boolean; avoidLastPair: boolean; credentialValidOn?: string;
}

export interface PublicPlan {
  id: string; name: string; year: number; level: string; agencyName: string; status: string; statusLabel: string; source: string;
  issuedBy: string | null; windowStart: string; windowEnd: string; description: string | null;
  matters: { code: string; name: string }[]; categories: { code: string; label: string }[]; carriers: string[];
  strata: PublicStratum[]; rules: PublicRules; weights: PublicWeights | null;
  publishedAt: string | null; candidateCount: number | null; published: Partial<Record<keyof PublicHashes, string | null>>;
  drawnAt: string | null; publicValue: string | null; tasks: number; finished: number; publishWithinWorkingDays: number;
}

export interface PublicResult {
  id: string; stratum: string; stratumName: string; seq: number; entityName: string; creditCode: string; inspectorNames: string[];
  dueDate: string | null; status: string; statusLabel: string; resultLabel: string | null; inspectedOn: string | null;
}

export interface PublicChange {
  at: string; entityName: string; creditCode: string; action: string; reason: string | null; fromStatus: string | null; toStatus: string | null;
}

export interface PublicDraw {
  id: string; planName: string; year: number; level: string; agencyName: string; drawnAt: string; publicValue: string | null;
  commitment: string | null; candidatesHash: string | null; candidateCount: number | null; targets: number; bundleUrl: string;
}

export interface Page<T> { items: T[]; total: number }

const get = <T,>(path: string, query?: Record<string, string | number | undefined>) => api.get<T>(path, query, { quiet401: true });

export const bundleUrl = (id: string) => `/api/public/draws/${id}/bundle`;
export const candidatesUrl = (id: string) => `/api/public/plans/${id}/candidates`;

export function useSite() {
  return useQuery({ queryKey: ['public', 'site'], queryFn: () => get<Site>('/api/public/site'), staleTime: 5 * 60_000 });
}

export function usePublicPlans(query: { year?: number; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['public', 'plans', query],
    queryFn: () => get<Page<PublicPlanItem>>('/api/public/plans', query),
    placeholderData: keepPreviousData,
  });
}

export function usePublicPlan(id: string) {
  return useQuery({ queryKey: ['public', 'plan', id], queryFn: () => get<PublicPlan>(`/api/public/plans/${id}`) });
}

export function usePublicResults(id: string, drawn: boolean, query: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['public', 'plan', id, 'results', query],
    queryFn: () => get<Page<PublicResult>>(`/api/public/plans/${id}/results`, query),
    enabled: drawn,
    placeholderData: keepPreviousData,
  });
}

export function usePublicChanges(id: string, drawn: boolean) {
  return useQuery({
    queryKey: ['public', 'plan', id, 'changes'],
    queryFn: () => get<{ items: PublicChange[] }>(`/api/public/plans/${id}/changes`),
    enabled: drawn,
  });
}

export function usePublicDraws(query: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['public', 'draws', query],
    queryFn: () => get<Page<PublicDraw>>('/api/public/draws', query),
    placeholderData: keepPreviousData,
  });
}
