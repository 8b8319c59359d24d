/** 待办 (GET /api/todo) and the 协管员's grid cells (GET /api/grid-cells/mine). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export type TodoKind = 'approval' | 'complaint' | 'lead' | 'task' | 'followUp' | 'licence' | 'system';

export interface TodoItem {
  key: string;
  kind: TodoKind;
  kindLabel: string;
  id: string;
  title: string;
  action: string;
  state: string;
  actor: string;
  due: string | null;
  dueBasis?: string | null;
  detail?: string | null;
  overdue: boolean;
  soon: boolean;
  link: string;
  regionCode: string;
}

export interface TodoList {
  scope: 'mine' | 'team';
  scopes: ('mine' | 'team')[];
  today: string;
  soonUntil: string;
  items: TodoItem[];
  total: number;
  overdue: number;
  soon: number;
  byKind: Partial<Record<TodoKind, number>>;
}

export const todoKeys = { list: (scope: 'mine' | 'team') => ['todo', scope] as const };

export function useTodo(scope: 'mine' | 'team', enabled = true) {
  return useQuery({
    queryKey: todoKeys.list(scope),
    queryFn: () => api.get<TodoList>('/api/todo', { scope, limit: 100 }),
    enabled,
    staleTime: 30_000,
  });
}

export interface GridCell { id: string; code: string; name: string; regionCode: string; regionName: string | null; units: number; rectifying: number }

export function useMyGrid(enabled = true) {
  return useQuery({
    queryKey: ['grid-cells', 'mine'],
    queryFn: () => api.get<{ items: GridCell[] }>('/api/grid-cells/mine'),
    enabled,
    staleTime: 5 * 60_000,
  });
}
