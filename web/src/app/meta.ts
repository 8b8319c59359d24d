import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import type { RegionItem } from './types';
import { CATEGORIES, LICENCE_KINDS, OPERATING_STATUSES } from '../shared/schemas';

/** Regions visible to the current user (flat, ordered by code). */
export function useRegions() {
  return useQuery({
    queryKey: ['meta', 'regions'],
    queryFn: () => api.get<{ root: string; items: RegionItem[] }>('/api/meta/regions'),
    staleTime: 10 * 60_000,
  });
}

export function useRegionNames(): Map<string, RegionItem> {
  const { data } = useRegions();
  return useMemo(() => new Map((data?.items ?? []).map((r) => [r.code, r])), [data]);
}

const categoryLabels = new Map(CATEGORIES.map((c) => [c.code, c.label]));
export const categoryLabel = (code: string) => categoryLabels.get(code) ?? code;
export const licenceKindLabel = (code: string) => (LICENCE_KINDS as Record<string, string>)[code] ?? code;
export const operatingStatusLabel = (code: string) => (OPERATING_STATUSES as Record<string, string>)[code] ?? code;

export interface TreeNode {
  value: string;
  title: string;
  children?: TreeNode[];
}

/** Categories as a two-level tree (parents with their sub-types). */
export const CATEGORY_TREE: TreeNode[] = CATEGORIES.filter((c) => !c.parent).map((p) => {
  const children = CATEGORIES.filter((c) => c.parent === p.code).map((c) => ({ value: c.code, title: c.label }));
  return { value: p.code, title: p.label, ...(children.length ? { children } : {}) };
});

export const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c.code, label: c.parent ? `${categoryLabel(c.parent)} / ${c.label}` : c.label }));
