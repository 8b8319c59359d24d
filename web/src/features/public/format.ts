/** Display helpers of the public portal (dates, hashes, labels, plain-Chinese explanations). */
import type { PublicRules, PublicWeights } from './api';

const pad = (n: number) => String(n).padStart(2, '0');
const parse = (v: string | null | undefined) => {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};
/** A moment in the reader's local time, YYYY-MM-DD HH:mm:ss (no date library: the complaint pages load without one). */
export const fmtDateTime = (v: string | null | undefined) => {
  const d = parse(v);
  return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : '—';
};
/** A calendar date as given (YYYY-MM-DD), or the local date of a moment. */
export const fmtDate = (v: string | null | undefined) => {
  if (v && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = parse(v);
  return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : '—';
};
export const fmtWindow = (start: string, end: string) => `${fmtDate(start)} 至 ${fmtDate(end)}`;
/** The bundle's file name when downloaded (the verifier's command names it). */
export const bundleFileName = (planId: string) => `draw-${planId.slice(0, 8)}.json`;
export const candidatesFileName = (planId: string) => `candidates-${planId.slice(0, 8)}.json`;
/** The first 16 hex digits of a hash, as shown in lists. */
export const shortHash = (h: string | null | undefined) => (h ? `${h.slice(0, 16)}…` : '—');
export const fmtCount = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('zh-CN'));
export const fmtBp = (bp: number) => `${bp / 100}%`;

export const PLAN_STATUS_COLOR: Record<string, string> = {
  published: 'blue', drawn: 'geekblue', in_progress: 'orange', completed: 'green',
};
export const TASK_STATUS_COLOR: Record<string, string> = {
  pending: 'default', in_progress: 'blue', done: 'green', unable: 'orange', unstaffed: 'volcano',
};
export const SOURCE_LABEL: Record<string, string> = { local: '本级组织', imported: '上级下达' };

/** Which grade letters mean what (risk grade A = lowest risk; credit class A = best credit). */
const RISK_NOTE = 'A 级风险最低，D 级风险最高';
const CREDIT_NOTE = 'A 级信用最好，D 级信用最差';

const gradeList = (m: Record<string, number>) =>
  Object.keys(m).sort().map((k) => `${k} 级 ${m[k]} 分`).join('，');

/** The selection weights in plain Chinese, one sentence per component, and a worked example. */
export function explainWeights(w: PublicWeights): { items: { label: string; text: string }[]; example: string } {
  const items = [
    { label: '基础分', text: `每个候选对象 ${w.base} 分` },
    { label: '风险等级加分', text: `${gradeList(w.riskGrade)}（${RISK_NOTE}）` },
    { label: '信用等级加分', text: `${gradeList(w.creditClass)}（${CREDIT_NOTE}）` },
    { label: '重点监管名单加分', text: `列入重点监管名单的加 ${w.keyList} 分` },
    { label: '投诉举报加分', text: `每件有效投诉举报加 ${w.complaintEach} 分，最多加 ${w.complaintMax} 分` },
  ];
  const maxOf = (m: Record<string, number>) => Math.max(0, ...Object.values(m));
  const high = w.base + maxOf(w.riskGrade) + maxOf(w.creditClass) + w.keyList + w.complaintMax;
  const ratio = Math.round((high / w.base) * 10) / 10;
  const example = `例如：无任何加分的对象权重为 ${w.base}；风险和信用等级最差、列入重点监管名单且投诉较多的对象权重为 ${high}，被抽中的可能性约为前者的 ${ratio} 倍。`;
  return { items, example };
}

/** The assignment and avoidance rules in plain Chinese. */
export function explainRules(r: PublicRules): string[] {
  const out = [
    `每个被抽中的检查对象随机选派 ${r.inspectorsPerTarget} 名执法人员（《中华人民共和国行政处罚法》第四十二条：执法人员不得少于两人）。`,
    '只选派本机构、专业对口且执法证在有效期内的执法人员。',
    '执法人员与检查对象有利害关系的，依法回避（《中华人民共和国行政处罚法》第四十三条）。',
  ];
  if (r.avoidSameTown) out.push('执法人员不检查本人所在乡镇（街道）的对象。');
  if (r.avoidLastPair) out.push('不再安排上次检查该对象的同一组执法人员。');
  out.push(`单名执法人员承担的检查对象不超过本机构抽中对象总数的 ${fmtBp(r.maxShareBp)}，避免任务集中于少数人员。`);
  return out;
}
