/** 一户一档 (GET /api/entities/:id/file) and the map settings of GET /api/meta. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api';

export interface FileTask {
  id: string; planId: string; planName: string | null; planYear: number | null; status: string; statusLabel: string;
  result: string | null; resultLabel: string | null; unableReasonLabel: string | null; dueDate: string; inspectedOn: string | null;
  inspectorNames: string[]; summary: string | null; followUpStatus: string; followUpDue: string | null; followUpOn: string | null;
  followUpResultLabel: string | null; overdue: boolean;
}
export interface FileComplaint {
  id: string; trackingCode: string; receivedAt: string; category: string; categoryLabel: string; content: string; status: string; statusLabel: string;
  outcomeLabel: string | null; nextDue: string | null; dueState: 'overdue' | 'soon' | null;
}
export interface FileLead {
  id: string; code: string; receivedOn: string; source: string; sourceLabel: string; status: string; statusLabel: string;
  disposition: string | null; dispositionLabel: string | null; dispositionOn: string | null; facts: string; due: string | null; overdue: boolean;
}
export interface Locator {
  districtCode: string; districtName: string | null; bbox: [number, number, number, number];
  towns: { code: string; name: string; lng: number; lat: number }[];
}
export interface EntityFileData {
  id: string; complaintsVisible: boolean; tasks: FileTask[]; complaints: FileComplaint[]; leads: FileLead[]; locator: Locator | null;
}

export function useEntityFile(id: string) {
  return useQuery({ queryKey: ['entities', 'file', id], queryFn: () => api.get<EntityFileData>(`/api/entities/${id}/file`), staleTime: 30_000 });
}

export interface MapSettings { tiles: string | null; attribution: string | null }

export function useMapSettings() {
  return useQuery({
    queryKey: ['meta', 'map'],
    queryFn: async () => (await api.get<{ map?: MapSettings }>('/api/meta')).map ?? { tiles: null, attribution: null },
    staleTime: Infinity,
  });
}
