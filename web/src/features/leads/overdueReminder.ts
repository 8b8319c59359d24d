/** The home page's 待办提醒 entry for overdue leads (GUIDE §2.4: no lead may sit past its deadline unnoticed). */
import { useQuery } from '@tanstack/react-query';
import { LEAD_READ } from '../../app/access';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { leadKeys } from './api';

export function useOverdueLeadReminders() {
  const { hasRole } = useAuth();
  const { data } = useQuery({
    queryKey: leadKeys.overdue,
    queryFn: () => api.get<{ overdue: number; mineOverdue: number }>('/api/leads/overdue-count'),
    enabled: hasRole(LEAD_READ),
    staleTime: 60_000,
  });
  if (!data) return [];
  return [{
    key: 'leadsOverdue', title: '线索超期未处置', count: data.overdue, unit: '条', level: 'error' as const, to: '/leads?overdue=true',
    hint: data.mineOverdue ? `其中我承办的 ${data.mineOverdue} 条；核查后 7 个工作日内应作出是否立案的决定` : '核查后 7 个工作日内应作出是否立案的决定',
  }];
}
