/** The tracking codes submitted from this browser, so the tracking page can list them (kept only on the device). */
const KEY = 'wj.public.complaintCodes';

export function recentCodes(): { code: string; at: string }[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x?.code === 'string').slice(0, 10) : [];
  } catch {
    return [];
  }
}

export function rememberCode(code: string) {
  try {
    const list = [{ code, at: new Date().toISOString() }, ...recentCodes().filter((x) => x.code !== code)].slice(0, 10);
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch { /* private mode: nothing to remember */ }
}
