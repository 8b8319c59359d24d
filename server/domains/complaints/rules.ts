/**
 * Pure rules of complaints (投诉举报, GUIDE §2.4): tracking codes, deadlines from the SLA table, the
 * workflow state machine and who acts next, masking of the complainant's identity, duplicate scoring
 * and the KPIs. No I/O here.
 */
import type { WorkCalendar } from '../../platform/calendar/calendar';
import type { Channel, ComplaintStatus, SlaStep } from './schema';

// ---------------------------------------------------------------------------------------------------
// Tracking codes (查询码)

/**
 * Crockford base32: digits and upper-case letters without I, L, O, U, so a code read over the phone or
 * copied by hand is unambiguous (O/0, I/1/L are folded together when a code is typed back).
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 11 random symbols (55 bits) + 1 check symbol, shown as XXXX-XXXX-XXXX. */
const RANDOM_SYMBOLS = 11;

/** Check symbol: Σ (2i+1)·v_i mod 32. Odd weights are invertible mod 32, so every single-symbol typo is caught. */
function checkSymbol(values: number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (2 * i + 1) * values[i];
  return s % 32;
}

/**
 * A new tracking code from 11 random bytes (use crypto.randomBytes): not guessable (2^55 codes, and the
 * public look-up is rate-limited), short enough to read out on the phone.
 */
export function trackingCodeFrom(random: Uint8Array): string {
  if (random.length < RANDOM_SYMBOLS) throw new Error('trackingCodeFrom needs 11 random bytes');
  const v = Array.from(random.subarray(0, RANDOM_SYMBOLS), (b) => b & 31);
  const all = [...v, checkSymbol(v)].map((x) => CODE_ALPHABET[x]).join('');
  return `${all.slice(0, 4)}-${all.slice(4, 8)}-${all.slice(8, 12)}`;
}

/**
 * Normalise a code as typed by a citizen (any case, spaces or dashes, O for 0, I/L for 1) to the stored
 * form, or null when it is not a well-formed code (wrong length, symbol or check symbol).
 */
export function normalizeTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== RANDOM_SYMBOLS + 1) return null;
  const v: number[] = [];
  for (const ch of s) {
    const i = CODE_ALPHABET.indexOf(ch);
    if (i < 0) return null;
    v.push(i);
  }
  if (checkSymbol(v.slice(0, RANDOM_SYMBOLS)) !== v[RANDOM_SYMBOLS]) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

// ---------------------------------------------------------------------------------------------------
// Deadlines (SLA)

export interface SlaRule {
  channel: string; // a channel code or '*'
  category: string; // a category code or '*'
  step: SlaStep;
  days: number;
  unit: 'working' | 'natural';
  basis: string | null;
}

const XFZL = '《信访工作条例》';
/**
 * The default SLA table, seeded into complaint_sla on first use and editable by the administrator.
 * - 受理: 《信访工作条例》第二十三条 (GUIDE §2.4): the decision to accept (or not) within 15 days of receipt,
 *   told to the complainant. We also expect the assignment (分派) within the same period: 及时接处 means
 *   accepted and assigned in time.
 * - 办结: 第三十四条: within 60 days of acceptance, extendable once by up to 30 days with the head's approval.
 * - 12320 practice (GUIDE §2.4): referral within 1 working day, handling 5 working days, callback 1 working day.
 * - 回访 for other channels: 5 working days after closing — a local default, not a statutory period.
 */
export const DEFAULT_SLA: readonly SlaRule[] = [
  { channel: '*', category: '*', step: 'accept', days: 15, unit: 'natural', basis: `${XFZL}第二十三条：自收到之日起15日内决定是否受理并告知` },
  { channel: '*', category: '*', step: 'conclude', days: 60, unit: 'natural', basis: `${XFZL}第三十四条：自受理之日起60日内办结` },
  { channel: '*', category: '*', step: 'extend', days: 30, unit: 'natural', basis: `${XFZL}第三十四条：经本机关负责人批准可延长一次，不超过30日` },
  { channel: '*', category: '*', step: 'callback', days: 5, unit: 'working', basis: '本地规定：办结后5个工作日内回访（可调整）' },
  { channel: 'hotline_12320', category: '*', step: 'accept', days: 1, unit: 'working', basis: '12320热线工作规范：1个工作日内转办（受理并分派）' },
  { channel: 'hotline_12320', category: '*', step: 'conclude', days: 5, unit: 'working', basis: '12320热线工作规范：5个工作日内办理完毕' },
  { channel: 'hotline_12320', category: '*', step: 'callback', days: 1, unit: 'working', basis: '12320热线工作规范：办结后1个工作日内回访' },
];

/** The rule of a step: the most specific row wins (channel and category > channel > category > default). */
export function resolveSla(rules: readonly SlaRule[], channel: string, category: string, step: SlaStep): SlaRule {
  let best: SlaRule | null = null;
  let bestRank = -1;
  for (const r of rules) {
    if (r.step !== step) continue;
    if (r.channel !== '*' && r.channel !== channel) continue;
    if (r.category !== '*' && r.category !== category) continue;
    const rank = (r.channel !== '*' ? 2 : 0) + (r.category !== '*' ? 1 : 0);
    if (rank > bestRank) { best = r; bestRank = rank; }
  }
  if (best) return best;
  const fallback = DEFAULT_SLA.find((r) => r.step === step && r.channel === '*' && r.category === '*');
  return fallback!;
}

/**
 * The last day of a period starting on `start` (the starting day is not counted, 《民法典》第二百零一条).
 * Working days come from the calendar (holidays and make-up days); a period in natural days that ends on a
 * rest day ends on the next working day (《民法典》第二百零三条).
 */
export function dueDate(calendar: WorkCalendar, start: string, rule: Pick<SlaRule, 'days' | 'unit'>): string {
  return rule.unit === 'working' ? calendar.addWorkingDays(start, rule.days) : calendar.addNaturalDays(start, rule.days);
}

/** How many days before a deadline an item counts as "due soon" (临期). */
export const DUE_SOON_DAYS = 3;

// ---------------------------------------------------------------------------------------------------
// Workflow

/**
 * 登记 → 受理 | 不予受理 → 分派 → 核查 → 处理 → 答复 → 办结 → 回访 (GUIDE §2.4). Transfer (转办) to the
 * agency of the right jurisdiction is possible until the complaint is being verified; it comes back to
 * 待受理 at the receiving agency. A duplicate can be merged (并案) into another complaint until it is replied.
 */
export const COMPLAINT_ACTIONS = {
  accept: { from: ['registered'], label: '受理' },
  reject: { from: ['registered'], label: '不予受理' },
  assign: { from: ['accepted', 'assigned', 'verifying'], label: '分派' },
  transfer: { from: ['registered', 'accepted', 'assigned'], label: '转办' },
  verify: { from: ['assigned', 'verifying'], label: '登记核查情况' },
  handle: { from: ['verifying'], label: '处理' },
  reply: { from: ['handled'], label: '答复' },
  close: { from: ['replied'], label: '办结' },
  callback: { from: ['closed'], label: '回访' },
  extend: { from: ['accepted', 'assigned', 'verifying', 'handled', 'replied'], label: '延期' },
  merge: { from: ['registered', 'accepted', 'assigned', 'verifying', 'handled'], label: '并案' },
} as const satisfies Record<string, { from: readonly ComplaintStatus[]; label: string }>;
export type ComplaintAction = keyof typeof COMPLAINT_ACTIONS;

export function actionAllowed(action: ComplaintAction, status: ComplaintStatus): boolean {
  return (COMPLAINT_ACTIONS[action].from as readonly string[]).includes(status);
}

export interface NextStepInput {
  status: ComplaintStatus;
  acceptDue: string | null;
  concludeDue: string | null;
  extendedDue: string | null;
  assigneeNames: string[];
  /** For a closed complaint: whether the callback was done, whether there is anyone to call, and its deadline. */
  callbackDone?: boolean;
  reachable?: boolean;
  callbackDue?: string | null;
}

/** Who must act next and by when (GUIDE §4.3: shown on every open item). */
export function nextStep(c: NextStepInput): { nextActor: string | null; nextDue: string | null } {
  const conclude = c.extendedDue ?? c.concludeDue;
  const assignees = c.assigneeNames.length ? `承办人：${c.assigneeNames.join('、')}` : '承办人';
  switch (c.status) {
    case 'registered': return { nextActor: '科室负责人（受理）', nextDue: c.acceptDue };
    case 'accepted': return { nextActor: '科室负责人（分派）', nextDue: c.acceptDue };
    case 'assigned':
    case 'verifying': return { nextActor: truncate(`${assignees}（核查处理）`, 64), nextDue: conclude };
    case 'handled': return { nextActor: truncate(`${assignees}（答复）`, 64), nextDue: conclude };
    case 'replied': return { nextActor: '科室负责人（办结）', nextDue: conclude };
    case 'closed':
      return c.callbackDone || !c.reachable ? { nextActor: null, nextDue: null } : { nextActor: '回访人员（回访）', nextDue: c.callbackDue ?? null };
    default: return { nextActor: null, nextDue: null };
  }
}

const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** Deadline state of an item for highlighting: overdue (逾期), due soon (临期) or fine. */
export function dueState(nextDue: string | null, today: string, soonUntil: string): 'overdue' | 'soon' | null {
  if (!nextDue) return null;
  if (nextDue < today) return 'overdue';
  if (nextDue <= soonUntil) return 'soon';
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Whistleblower protection (GUIDE §2.4)

/** 张三 → 张*; the length of the name is not revealed either. */
export const maskName = (name: string | null | undefined): string | null => (name ? `${[...name][0]}*` : null);
/** 13812345678 → 138****5678; short numbers are fully hidden. */
export const maskPhone = (phone: string | null | undefined): string | null =>
  phone ? (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****') : null;

/**
 * Who may see a complainant's identity: the handling agency's section chief and head, the assigned
 * handlers, and the administrator — never anyone else, never the public.
 */
export function canSeeIdentity(
  actor: { userId: string; roles: readonly string[]; agencyId: string | null },
  complaint: { agencyId: string; assigneeIds: readonly string[] },
): boolean {
  if (actor.roles.includes('admin')) return true;
  if (complaint.assigneeIds.includes(actor.userId)) return true;
  return actor.agencyId === complaint.agencyId && (actor.roles.includes('chief') || actor.roles.includes('head'));
}

// ---------------------------------------------------------------------------------------------------
// Duplicates

export interface DuplicateInput {
  entityId: string | null;
  unitName: string | null;
  content: string;
  address: string | null;
  /** Time of receipt, ms since epoch. */
  receivedAt: number;
  lat: number | null;
  lng: number | null;
}

const NOISE = /[\s\p{P}\p{S}]/gu;
const grams = (s: string): Set<string> => {
  const t = [...s.replace(NOISE, '')];
  if (t.length < 2) return new Set(t);
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t[i] + t[i + 1]);
  return out;
};

/** Sørensen–Dice coefficient of the character bigrams (Chinese has no word boundaries). 0 … 1. */
export function textSimilarity(a: string, b: string): number {
  const A = grams(a);
  const B = grams(b);
  if (A.size === 0 && B.size === 0) return 0;
  let common = 0;
  for (const g of A) if (B.has(g)) common++;
  return (2 * common) / (A.size + B.size);
}

/** Great-circle distance in metres. */
export function distanceMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const DUPLICATE_THRESHOLD = 0.6;
const DAY_MS = 86_400_000;
/** Beyond this many days apart, two complaints get no time similarity. */
export const DUPLICATE_WINDOW_DAYS = 30;

/**
 * Likelihood (0 … 1) that two complaints report the same matter: the weighted mean of the similarities
 * of the unit (same register entry, or similar name), the text, the time (linear to 0 at 30 days) and
 * the place (linear to 0 at 1 km, or the address text when there are no coordinates). A component
 * neither complaint has data for is left out of the mean. Symmetric.
 */
export function duplicateScore(a: DuplicateInput, b: DuplicateInput): { score: number; reasons: string[] } {
  const parts: { w: number; s: number }[] = [];
  const reasons: string[] = [];
  // unit
  if (a.entityId && b.entityId && a.entityId === b.entityId) { parts.push({ w: 0.35, s: 1 }); reasons.push('同一被投诉单位'); }
  else if (a.unitName && b.unitName) {
    const s = a.unitName.replace(NOISE, '') === b.unitName.replace(NOISE, '') ? 1 : textSimilarity(a.unitName, b.unitName);
    parts.push({ w: 0.35, s });
    if (s >= 0.6) reasons.push(s === 1 ? '被投诉单位名称相同' : '被投诉单位名称相近');
  } else if (a.entityId || b.entityId || a.unitName || b.unitName) parts.push({ w: 0.35, s: 0 });
  // text
  const text = textSimilarity(a.content, b.content);
  parts.push({ w: 0.35, s: text });
  if (text >= 0.5) reasons.push(`内容相似（${Math.round(text * 100)}%）`);
  // time
  const days = Math.abs(a.receivedAt - b.receivedAt) / DAY_MS;
  const time = Math.max(0, 1 - days / DUPLICATE_WINDOW_DAYS);
  parts.push({ w: 0.15, s: time });
  if (days <= 7) reasons.push(days < 1 ? '同日收到' : `相隔 ${Math.round(days)} 天`);
  // place
  if (a.lat != null && a.lng != null && b.lat != null && b.lng != null) {
    const m = distanceMetres(a.lat, a.lng, b.lat, b.lng);
    parts.push({ w: 0.15, s: Math.max(0, 1 - m / 1000) });
    if (m < 20) reasons.push('地点相同');
    else if (m <= 300) reasons.push(`地点相距约 ${Math.round(m)} 米`);
  } else if (a.address && b.address) {
    const s = textSimilarity(a.address, b.address);
    parts.push({ w: 0.15, s });
    if (s >= 0.6) reasons.push('地点相近');
  }
  const w = parts.reduce((x, p) => x + p.w, 0);
  const score = w === 0 ? 0 : parts.reduce((x, p) => x + p.w * p.s, 0) / w;
  return { score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000, reasons };
}

// ---------------------------------------------------------------------------------------------------
// KPIs (GUIDE §2.4; targets of 100 % e.g. in 《2020年无锡市卫生监督工作要点》第15条)

export const KPI_DEFINITIONS = {
  timely: '及时接处率 = 在受理期限内既作出受理决定、又分派了承办人的投诉件数 ÷ 应受理的投诉件数。应受理的投诉：受理期限已到或已分派的投诉，不含不予受理和被并案的投诉。',
  standard: '规范处置率 = 已办结且各必经环节齐全（受理、分派、核查情况、处理结果、答复，且答复早于办结）的投诉件数 ÷ 已办结的投诉件数（不含被并案的投诉）。',
  avgDays: '平均办理天数 = 已办结投诉从收到到办结的自然日数的平均值。',
  overdue: '逾期未办 = 当前仍待办（含待回访）且已超过当前环节期限的投诉件数；超期办结 = 办结日期晚于办结期限（含延期）的投诉件数。',
  satisfaction: '满意率 = 回访评价为“满意”或“基本满意”的件数 ÷ 回访有评价的件数；平均满意度按 满意 3、基本满意 2、不满意 1 计算。',
} as const;

export interface KpiRow {
  channel: Channel | string;
  status: ComplaintStatus;
  receivedOn: string;
  acceptDue: string | null;
  acceptedOn: string | null;
  firstAssignedOn: string | null;
  concludeDue: string | null;
  extendedDue: string | null;
  repliedOn: string | null;
  closedOn: string | null;
  hasFindings: boolean;
  outcome: string | null;
  hasReply: boolean;
  satisfaction: number | null;
  nextDue: string | null;
  merged: boolean;
}

export interface Kpi {
  received: number;
  timelyDue: number;
  timely: number;
  timelyRate: number | null;
  closed: number;
  standard: number;
  standardRate: number | null;
  avgDays: number | null;
  overdueOpen: number;
  closedLate: number;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
  avgSatisfaction: number | null;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

/** The KPIs of a set of complaints as of `today` (definitions: KPI_DEFINITIONS). */
export function computeKpi(rows: Iterable<KpiRow>, today: string): Kpi {
  let received = 0, timelyDue = 0, timely = 0, closed = 0, standard = 0, daysSum = 0, overdueOpen = 0, closedLate = 0;
  let rated = 0, satisfied = 0, satSum = 0;
  for (const r of rows) {
    received++;
    if (!r.merged && r.status !== 'rejected' && r.acceptDue && (r.firstAssignedOn || r.acceptDue < today)) {
      timelyDue++;
      if (r.acceptedOn && r.acceptedOn <= r.acceptDue && r.firstAssignedOn && r.firstAssignedOn <= r.acceptDue) timely++;
    }
    if (r.status === 'closed' && !r.merged && r.closedOn) {
      closed++;
      daysSum += daysBetween(r.receivedOn, r.closedOn);
      if (r.acceptedOn && r.firstAssignedOn && r.hasFindings && r.outcome && r.hasReply && r.repliedOn && r.repliedOn <= r.closedOn) standard++;
      const due = r.extendedDue ?? r.concludeDue;
      if (due && r.closedOn > due) closedLate++;
    }
    if (!r.merged && r.nextDue && r.nextDue < today && r.status !== 'rejected') overdueOpen++;
    if (r.satisfaction != null) {
      rated++;
      satSum += r.satisfaction;
      if (r.satisfaction >= 2) satisfied++;
    }
  }
  return {
    received, timelyDue, timely, timelyRate: ratio(timely, timelyDue), closed, standard, standardRate: ratio(standard, closed),
    avgDays: closed ? Math.round((daysSum / closed) * 10) / 10 : null, overdueOpen, closedLate,
    rated, satisfied, satisfactionRate: ratio(satisfied, rated), avgSatisfaction: rated ? Math.round((satSum / rated) * 100) / 100 : null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Photos of the public form

/** Image types accepted as photos, recognised by their first bytes (never by the file name or the declared type). */
export function imageType(buf: Uint8Array): 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/heic' | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => buf[i + k] === b);
  const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)));
  if (buf.length < 12) return null;
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(4, 'ftyp') && ['heic', 'heix', 'mif1', 'msf1', 'hevc'].some((b) => ascii(8, b))) return 'image/heic';
  return null;
}

export const PHOTO_LIMITS = { maxFiles: 6, maxBytes: 5 * 1024 * 1024 } as const;
