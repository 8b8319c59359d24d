/**
 * The public complaint endpoints (server/domains/complaints/public.ts). Requests go without the session
 * cookie (credentials: 'omit'): a citizen's submission never depends on, or reveals, a staff login in the
 * same browser.
 */
import { useQuery } from '@tanstack/react-query';

export interface PublicMeta {
  categories: { code: string; label: string }[];
  districts: { code: string; name: string; towns: { code: string; name: string }[] }[];
  limits: { photos: number; photoBytes: number; contentChars: number };
}

export interface Tracking {
  trackingCode: string;
  category: string;
  categoryLabel: string;
  channelLabel: string;
  receivedAt: string;
  anonymous: boolean;
  merged: boolean;
  status: string;
  statusLabel: string;
  agencyName: string;
  acceptDue: string | null;
  concludeDue: string | null;
  rejectReason: string | null;
  timeline: { at: string; text: string; statusLabel: string | null }[];
  reply: { text: string; at: string } | null;
  closedAt: string | null;
}

export class PublicError extends Error {
  constructor(public status: number, message: string, public fields: { field: string; label?: string; message: string }[] = []) { super(message); }
}

async function call<T>(method: 'GET' | 'POST', url: string, body?: BodyInit, json = false): Promise<{ status: number; data: T }> {
  let res: Response;
  try {
    res = await fetch(url, { method, body, credentials: 'omit', headers: { accept: 'application/json', ...(json ? { 'content-type': 'application/json' } : {}) } });
  } catch {
    throw new PublicError(0, '网络连接失败，请检查网络后重试。您填写的内容仍保留在页面上。');
  }
  const text = await res.text();
  let data: Record<string, unknown> = {};
  try { data = text ? JSON.parse(text) : {}; } catch { /* not JSON */ }
  if (!res.ok) {
    const msg = typeof data.message === 'string' ? data.message
      : res.status === 413 ? '提交的内容或照片过大' : res.status === 429 ? '提交过于频繁，请稍后再试' : '提交失败，请稍后重试';
    throw new PublicError(res.status, msg, Array.isArray(data.fields) ? data.fields as PublicError['fields'] : []);
  }
  return { status: res.status, data: data as T };
}

export const getJson = async <T,>(url: string) => (await call<T>('GET', url)).data;
export const submitJson = (body: unknown) => call<{ trackingCode: string }>('POST', '/api/public/complaints', JSON.stringify(body), true);
export const submitForm = (form: FormData) => call<{ trackingCode: string }>('POST', '/api/public/complaints', form);

/** The categories, districts and limits of the form (also prefetched by the portal's entry on complaint pages). */
export const complaintMetaQuery = {
  queryKey: ['public', 'complaints', 'meta'] as const,
  queryFn: () => getJson<PublicMeta>('/api/public/complaints/meta'),
  staleTime: 10 * 60_000,
};

export function usePublicComplaintMeta() {
  return useQuery(complaintMetaQuery);
}
