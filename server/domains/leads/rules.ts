/**
 * Pure rules of the lead ledger (线索台账, GUIDE §2.4): numbering, the state machine and who may move it,
 * the fields each disposition needs, the filing-decision deadline and overdue leads.
 *
 * Legal basis of the deadline (GUIDE §2.4): 《卫生健康行政处罚程序规定》(国家卫生健康委令第13号) 第三十二条 —
 * after a lead has been verified (核查), the decision whether to file a case (立案) is due within 7 days,
 * extendable by 7 days with the approval of the agency head (负责人). The periods are counted in working
 * days: 《行政处罚法》第八十五条 “本法中‘二日’‘三日’‘五日’‘七日’的规定是指工作日，不含法定节假日”, and the
 * start day is not counted (《民法典》第二百零一条) — both implemented by WorkCalendar.addWorkingDays.
 * The text of Art. 32 itself is not among the project's source texts (../shared/domain/sources holds none of
 * the 程序规定); the 7 + 7 days follow GUIDE §2.4 and their unit follows GUIDE §2.5 and 行政处罚法 Art. 85. The
 * numbers are constants here so that a reading of the published article can correct them in one place.
 */
import type { WorkCalendar } from '../../platform/calendar/calendar';
import type { FieldError } from '../../platform/errors';
import type { Role } from '../../platform/roles';
import { DISPOSITIONS, LEAD_STATUS, type Disposition, type LeadStatus } from './schema';

// ---------------------------------------------------------------- numbering

/** 线索编号: `${agency.docPrefix}线〔${year}〕${seq}号`, e.g. 临卫线〔2026〕17号 — one gap-free sequence per agency and year. */
export const leadCode = (docPrefix: string, year: number, seq: number): string => `${docPrefix}线〔${year}〕${seq}号`;

const CODE_RE = /^(.+)线〔(\d{4})〕(\d+)号$/;
export function parseLeadCode(code: string): { docPrefix: string; year: number; seq: number } | null {
  const m = CODE_RE.exec(code);
  return m ? { docPrefix: m[1], year: Number(m[2]), seq: Number(m[3]) } : null;
}

/** The next number after the highest one issued (none yet → 1). Gap-free as long as it runs under the agency-year lock. */
export const nextLeadSeq = (maxSeq: number | null | undefined): number => (maxSeq ?? 0) + 1;

// ---------------------------------------------------------------- deadlines

/** 程序规定第三十二条: 7 (working) days from verification to the filing decision. */
export const FILING_DECISION_WORKING_DAYS = 7;
/** 程序规定第三十二条: once extendable by 7 (working) days with the head's approval. */
export const FILING_EXTENSION_WORKING_DAYS = 7;
/**
 * Verification (核查) of a registered lead: no statutory period applies before verification, so this is the
 * agency's own period (settings key `leads.verifyWorkingDays`), so that no unverified lead sits unnoticed.
 */
export const DEFAULT_VERIFY_WORKING_DAYS = 15;

/** Last day for the filing decision of a lead verified on `verifiedOn`. */
export const filingDeadline = (cal: WorkCalendar, verifiedOn: string): string =>
  cal.addWorkingDays(verifiedOn, FILING_DECISION_WORKING_DAYS);

/** The extended last day: 7 more working days after the original one. */
export const extendedDeadline = (cal: WorkCalendar, filingDue: string): string =>
  cal.addWorkingDays(filingDue, FILING_EXTENSION_WORKING_DAYS);

/** Last day for verifying a lead received on `receivedOn` (the agency's internal period). */
export const verifyDeadline = (cal: WorkCalendar, receivedOn: string, days = DEFAULT_VERIFY_WORKING_DAYS): string =>
  cal.addWorkingDays(receivedOn, days);

/**
 * The latest receipt date whose verification deadline has passed on `today`: a lead not yet verified is
 * overdue exactly when `receivedOn <= cutoff` (verifyDeadline is non-decreasing in receivedOn), which lets
 * the ledger filter overdue leads in SQL.
 */
export function verifyOverdueCutoff(cal: WorkCalendar, today: string, days = DEFAULT_VERIFY_WORKING_DAYS): string {
  // verifyDeadline(r) < today  ⟺  r < the first day d with addWorkingDays(d, days) >= today.
  let r = cal.addWorkingDays(today, -days); // addWorkingDays(r, days) <= today
  while (verifyDeadline(cal, r, days) >= today) r = cal.addNaturalDays(r, -1, { extendIfRestDay: false });
  for (;;) {
    const next = cal.addNaturalDays(r, 1, { extendIfRestDay: false });
    if (verifyDeadline(cal, next, days) >= today) return r;
    r = next;
  }
}

export interface DeadlineFacts {
  status: LeadStatus;
  receivedOn: string;
  filingDue: string | null;
  extendedDue: string | null;
  dispositionOn: string | null;
}

export interface DeadlineState {
  /** What the running deadline is for: verification (internal), the filing decision (Art. 32), or none (disposed). */
  kind: 'verify' | 'filing' | null;
  /** The deadline in force (the extended one once approved). */
  due: string | null;
  overdue: boolean;
  /** Disposed after the filing-decision deadline in force. */
  disposedLate: boolean;
}

/** Which deadline runs for a lead and whether it has passed on `today` (a deadline day itself is still in time). */
export function deadlineState(l: DeadlineFacts, today: string, verifyDue: string): DeadlineState {
  const filingDueInForce = l.extendedDue ?? l.filingDue;
  if (l.status === 'disposed') {
    return { kind: null, due: filingDueInForce, overdue: false, disposedLate: !!(filingDueInForce && l.dispositionOn && l.dispositionOn > filingDueInForce) };
  }
  if (l.status === 'verified') {
    return { kind: 'filing', due: filingDueInForce, overdue: !!filingDueInForce && today > filingDueInForce, disposedLate: false };
  }
  return { kind: 'verify', due: verifyDue, overdue: today > verifyDue, disposedLate: false };
}

// ---------------------------------------------------------------- state machine and roles

/** May register leads (and the roles the web app shows 登记线索 to). */
export const LEAD_REGISTRARS: Role[] = ['admin', 'head', 'chief', 'inspector'];
/** Assign handlers and record dispositions: the section chief and the head. */
export const LEAD_SUPERVISORS: Role[] = ['head', 'chief'];
/** Decide on filing and extensions (程序规定第三十二条: 负责人). */
export const LEAD_APPROVERS: Role[] = ['head'];

export type LeadAction = 'assign' | 'verify' | 'requestExtension' | 'decideExtension' | 'dispose';

export const LEAD_ACTIONS: Record<LeadAction, { label: string; from: readonly LeadStatus[] }> = {
  assign: { label: '指定承办人', from: ['registered', 'verifying', 'verified'] },
  verify: { label: '登记核查情况', from: ['registered', 'verifying'] },
  requestExtension: { label: '申请延期', from: ['verified'] },
  decideExtension: { label: '审批延期', from: ['verified'] },
  dispose: { label: '处置', from: ['registered', 'verifying', 'verified'] },
};

/**
 * Statuses each disposition may start from: the filing decision (立案 / 不予立案) follows verification
 * (程序规定第三十二条: 核查 then 决定是否立案); a lead outside the agency's competence may be transferred, and
 * a duplicate merged, at any point before it is disposed of.
 */
export const DISPOSE_FROM: Record<Disposition, readonly LeadStatus[]> = {
  file: ['verified'],
  no_file: ['verified'],
  transfer: ['registered', 'verifying', 'verified'],
  merge: ['registered', 'verifying', 'verified'],
};

/** Status after an action (dispose → 已处置; assigning handlers starts verification). */
export function statusAfter(action: LeadAction, from: LeadStatus): LeadStatus {
  switch (action) {
    case 'assign': return from === 'registered' ? 'verifying' : from;
    case 'verify': return 'verified';
    case 'dispose': return 'disposed';
    default: return from;
  }
}

export interface Who { roles: readonly Role[]; isHandler: boolean }

/** Whether the actor may take the action at all (the status check is separate: `actionProblem`). */
export function mayAct(action: LeadAction, who: Who): boolean {
  const has = (roles: readonly Role[]) => who.roles.some((r) => roles.includes(r));
  switch (action) {
    case 'assign':
    case 'dispose':
      return has(LEAD_SUPERVISORS);
    case 'decideExtension':
      return has(LEAD_APPROVERS);
    case 'verify':
    case 'requestExtension':
      return has(LEAD_SUPERVISORS) || (who.isHandler && has(['inspector']));
  }
}

/** Why the action cannot be taken in this status (null when it can). */
export function actionProblem(action: LeadAction, status: LeadStatus, disposition?: Disposition): string | null {
  const from = action === 'dispose' && disposition ? DISPOSE_FROM[disposition] : LEAD_ACTIONS[action].from;
  if (from.includes(status)) return null;
  const what = action === 'dispose' && disposition ? DISPOSITIONS[disposition] : LEAD_ACTIONS[action].label;
  if (status === 'disposed') return `线索已处置，不能再${what}`;
  if (action === 'dispose' && (disposition === 'file' || disposition === 'no_file')) return `线索须先核查，核查完成后才能作出${what}决定`;
  return `线索当前为“${LEAD_STATUS[status]}”，不能${what}`;
}

// ---------------------------------------------------------------- verification and extension

export function verificationProblems(v: { verifiedOn: string }, l: { receivedOn: string }, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (v.verifiedOn < l.receivedOn) errors.push({ field: 'verifiedOn', label: '核查完成日期', message: `核查完成日期不能早于收到日期（${l.receivedOn}）` });
  if (v.verifiedOn > today) errors.push({ field: 'verifiedOn', label: '核查完成日期', message: '核查完成日期不能晚于今天' });
  return errors;
}

export interface ExtensionFacts {
  status: LeadStatus;
  filingDue: string | null;
  extendedDue: string | null;
  extensionReason: string | null;
  extensionApprovedBy: string | null;
}

/** A request is pending while it has a reason but neither an approval nor an extended deadline. */
export const extensionPending = (l: ExtensionFacts): boolean => !!l.extensionReason && !l.extensionApprovedBy && !l.extendedDue;

/** 程序规定第三十二条: one extension, asked for and approved before the 7 days run out. */
export function extensionRequestProblem(l: ExtensionFacts, today: string): string | null {
  if (l.status !== 'verified') return actionProblem('requestExtension', l.status);
  if (l.extendedDue) return '立案决定期限已延长过一次，不能再次延期（程序规定第三十二条）';
  if (extensionPending(l)) return '已有待负责人审批的延期申请';
  if (l.filingDue && today > l.filingDue) return `立案决定期限已于 ${l.filingDue} 届满，不能再申请延期`;
  return null;
}

export function extensionDecisionProblem(l: ExtensionFacts, today: string, approve: boolean): string | null {
  if (l.status !== 'verified') return actionProblem('decideExtension', l.status);
  if (!extensionPending(l)) return '该线索没有待审批的延期申请';
  if (approve && l.filingDue && today > l.filingDue) return `原立案决定期限已于 ${l.filingDue} 届满，不能再批准延期`;
  return null;
}

// ---------------------------------------------------------------- dispositions

export interface DispositionFacts {
  disposition: Disposition;
  dispositionOn: string;
  dispositionReason: string | null;
  approverId: string | null;
  transferTo: string | null;
  transferDocNo: string | null;
  mergedInto: string | null;
}

export interface MergeTarget {
  id: string;
  code: string;
  agencyId: string;
  status: LeadStatus;
  disposition: Disposition | null;
  mergedInto: string | null;
}

export interface DispositionContext {
  lead: { id: string; agencyId: string; receivedOn: string; verifiedOn: string | null };
  today: string;
  /** The approver named for 立案 / 不予立案, as found (null when the id is unknown). */
  approver: { roles: readonly string[]; coversLead: boolean; active: boolean } | null;
  /** The lead to merge into, as found in the actor's jurisdiction (null when not found). */
  target: MergeTarget | null;
  /** mergedInto of every lead on the target's merge chain (id → the lead it was merged into). */
  mergedIntoOf: (id: string) => string | null | undefined;
  /** Code of a lead by id, for messages. */
  codeOf?: (id: string) => string | undefined;
}

const MIN_REASON = 5;

/**
 * The fields each disposition needs, with Chinese messages naming the field:
 * 立案 — the approving head (负责人) and the date; 不予立案 — the reason and the approving head (the head
 * decides whether to file, 程序规定第三十二条); 移送 — the receiving authority, the date and the transfer
 * document's number; 并案 — the lead it is merged into: same agency, not itself, not disposed of otherwise,
 * and no cycle (the target is not, directly or through a chain, merged into this lead).
 */
export function dispositionProblems(d: DispositionFacts, ctx: DispositionContext): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, label: string, message: string) => errors.push({ field, label, message });
  const earliest = ctx.lead.verifiedOn ?? ctx.lead.receivedOn;
  if (d.dispositionOn > ctx.today) err('dispositionOn', '处置日期', '处置日期不能晚于今天');
  if (d.dispositionOn < earliest) {
    err('dispositionOn', '处置日期', ctx.lead.verifiedOn ? `处置日期不能早于核查完成日期（${earliest}）` : `处置日期不能早于收到日期（${earliest}）`);
  }
  const needsApprover = d.disposition === 'file' || d.disposition === 'no_file';
  if (needsApprover) {
    if (!d.approverId) err('approverId', '批准人（负责人）', `${DISPOSITIONS[d.disposition]}须由机构负责人批准，请选择批准人`);
    else if (!ctx.approver || !ctx.approver.active) err('approverId', '批准人（负责人）', '批准人不存在或已停用');
    else if (!ctx.approver.roles.includes('head')) err('approverId', '批准人（负责人）', '批准人须为机构负责人');
    else if (!ctx.approver.coversLead) err('approverId', '批准人（负责人）', '批准人须为本机构或上级机构的负责人');
  }
  if (d.disposition === 'no_file' && (d.dispositionReason ?? '').length < MIN_REASON) {
    err('dispositionReason', '理由', `请填写不予立案的理由（至少 ${MIN_REASON} 个字）`);
  }
  if (d.disposition === 'transfer') {
    if (!d.transferTo) err('transferTo', '移送机关', '请填写接收移送的机关（如公安机关、市场监督管理部门、医疗保障部门）');
    if (!d.transferDocNo) err('transferDocNo', '移送文书文号', '请填写移送文书（移送函、案件移送书）的文号');
  }
  if (d.disposition === 'merge') {
    const problem = mergeProblem(ctx.lead, d.mergedInto, ctx);
    if (problem) err('mergedInto', '并入线索', problem);
  }
  return errors;
}

/** Why a lead cannot be merged into `targetId` (null when it can). */
export function mergeProblem(
  lead: { id: string; agencyId: string },
  targetId: string | null,
  ctx: Pick<DispositionContext, 'target' | 'mergedIntoOf' | 'codeOf'>,
): string | null {
  if (!targetId) return '请选择要并入的线索';
  if (targetId === lead.id) return '线索不能并入自身';
  const t = ctx.target;
  if (!t || t.id !== targetId) return '并入线索不存在或不在本辖区';
  if (t.agencyId !== lead.agencyId) return '只能并入同一机构的线索';
  // Walk the target's merge chain: reaching this lead would close a cycle.
  const seen = new Set<string>([t.id]);
  for (let cur = t.mergedInto; cur; cur = ctx.mergedIntoOf(cur) ?? null) {
    if (cur === lead.id) return `线索 ${t.code} 已并入本线索，不能再将本线索并入该线索（会形成循环）`;
    if (seen.has(cur)) break;
    seen.add(cur);
  }
  if (t.disposition === 'merge') {
    const root = t.mergedInto ? ctx.codeOf?.(t.mergedInto) : undefined;
    return `线索 ${t.code} 已并入${root ? `线索 ${root}` : '其他线索'}，请直接并入该线索`;
  }
  if (t.disposition === 'no_file' || t.disposition === 'transfer') return `线索 ${t.code} 已${DISPOSITIONS[t.disposition]}，不能并入`;
  return null;
}

/** The columns a disposition keeps; the others are cleared so the ledger never shows stale fields. */
export function dispositionValues(d: DispositionFacts, approverName: string | null) {
  return {
    disposition: d.disposition,
    dispositionOn: d.dispositionOn,
    dispositionReason: d.dispositionReason,
    approvedBy: d.disposition === 'file' || d.disposition === 'no_file' ? d.approverId : null,
    approverName: d.disposition === 'file' || d.disposition === 'no_file' ? approverName : null,
    transferTo: d.disposition === 'transfer' ? d.transferTo : null,
    transferDocNo: d.disposition === 'transfer' ? d.transferDocNo : null,
    mergedInto: d.disposition === 'merge' ? d.mergedInto : null,
  };
}

// ---------------------------------------------------------------- whistleblower protection

const maskNameText = (name: string) => (name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(name.length - 1)}`);
const maskDigits = (s: string) => (s.length >= 8 ? `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}` : '*'.repeat(s.length));
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A lead from a complaint must not carry the complainant's identity (GUIDE §2.4: 举报人身份 visible only to the
 * handling roles, never exported in bulk). Masks the known complainants' names, phone and ID numbers wherever
 * they occur in the text, and any other mobile or resident ID number written into it.
 */
export function redactIdentity(text: string, people: { name?: string | null; phone?: string | null; idNumber?: string | null }[]): string {
  let out = text;
  for (const p of people) {
    for (const v of [p.idNumber, p.phone]) if (v && v.length >= 5) out = out.replace(new RegExp(escapeRe(v), 'g'), maskDigits(v));
    const name = p.name?.trim();
    if (name && name.length >= 2) out = out.replace(new RegExp(escapeRe(name), 'g'), maskNameText(name));
  }
  return out
    .replace(/(?<!\d)\d{17}[\dXx](?!\d)/g, (m) => `${m.slice(0, 4)}${'*'.repeat(10)}${m.slice(-4)}`)
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => `${m.slice(0, 3)}****${m.slice(-4)}`);
}
