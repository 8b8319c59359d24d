import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from '../../platform/calendar/calendar';
import { seedExceptionsFromChineseDays } from '../../platform/calendar/seed';
import {
  actionProblem, deadlineState, DISPOSE_FROM, dispositionProblems, dispositionValues, extendedDeadline, extensionDecisionProblem,
  extensionRequestProblem, filingDeadline, LEAD_ACTIONS, leadCode, mayAct, mergeProblem, nextLeadSeq, parseLeadCode, statusAfter,
  redactIdentity, verifyDeadline, verifyOverdueCutoff, type DispositionContext, type DispositionFacts, type MergeTarget,
} from './rules';
import type { Disposition, LeadStatus } from './schema';

const cal = new WorkCalendar(seedExceptionsFromChineseDays());
const dayN = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000);
const dayS = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const arbDay = fc.integer({ min: dayN('2021-01-01'), max: dayN('2026-10-31') }).map(dayS);
const STATUSES: LeadStatus[] = ['registered', 'verifying', 'verified', 'disposed'];
const DISPS: Disposition[] = ['file', 'no_file', 'transfer', 'merge'];

describe('lead numbering: ${docPrefix}线〔year〕seq号, gap-free per agency and year', () => {
  it('formats and parses the number', () => {
    expect(leadCode('临卫', 2026, 17)).toBe('临卫线〔2026〕17号');
    expect(parseLeadCode('临卫线〔2026〕17号')).toEqual({ docPrefix: '临卫', year: 2026, seq: 17 });
    expect(parseLeadCode('临卫罚〔2026〕17号')).toBeNull();
  });
  it('round-trips for any prefix, year and sequence', () => {
    fc.assert(fc.property(fc.stringMatching(/^[\u4e00-\u9fa5]{1,6}卫$/), fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 99_999 }),
      (p, y, s) => { expect(parseLeadCode(leadCode(p, y, s))).toEqual({ docPrefix: p, year: y, seq: s }); }));
  });
  it('the next number follows the highest issued, starting at 1: issuing n numbers gives 1..n without gaps', () => {
    expect(nextLeadSeq(null)).toBe(1);
    expect(nextLeadSeq(16)).toBe(17);
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
      let max: number | null = null;
      const issued: number[] = [];
      for (let i = 0; i < n; i++) { max = nextLeadSeq(max); issued.push(max); }
      expect(issued).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }));
  });
});

describe('filing-decision deadline (卫生健康行政处罚程序规定第三十二条; 行政处罚法第八十五条: 七日 = working days)', () => {
  it('7 working days after verification, skipping the National Day holiday and counting its make-up Saturday', () => {
    // verified Tue 2025-09-30; 10-01..10-08 holiday; 10-11 (Sat) a make-up working day
    expect(filingDeadline(cal, '2025-09-30')).toBe('2025-10-16');
    // extended once by 7 working days with the head's approval
    expect(extendedDeadline(cal, '2025-10-16')).toBe('2025-10-27');
  });
  it('an ordinary week: verified on a Monday, due the Wednesday of the next week; the start day is not counted (民法典第二百零一条)', () => {
    expect(filingDeadline(cal, '2026-03-09')).toBe('2026-03-18');
    expect(filingDeadline(cal, '2026-03-14')).toBe('2026-03-24'); // verified on a Saturday
  });
  it('property: the deadline is a working day exactly 7 working days later; the extension adds exactly 7 more', () => {
    fc.assert(fc.property(arbDay, (d) => {
      const due = filingDeadline(cal, d);
      const ext = extendedDeadline(cal, due);
      expect(cal.isWorkingDay(due)).toBe(true);
      expect(cal.workingDaysBetween(d, due)).toBe(7);
      expect(cal.workingDaysBetween(due, ext)).toBe(7);
      expect(dayN(due) - dayN(d)).toBeGreaterThanOrEqual(7);
    }));
  });
});

describe('overdue leads: nothing sits past its deadline unnoticed', () => {
  const base = { receivedOn: '2026-03-02', filingDue: null, extendedDue: null, dispositionOn: null };
  it('a verified lead is overdue the day after the deadline in force (the deadline day itself is in time)', () => {
    const v = { ...base, status: 'verified' as const, filingDue: '2026-03-18' };
    expect(deadlineState(v, '2026-03-18', '2026-03-23')).toEqual({ kind: 'filing', due: '2026-03-18', overdue: false, disposedLate: false });
    expect(deadlineState(v, '2026-03-19', '2026-03-23').overdue).toBe(true);
    const ext = { ...v, extendedDue: '2026-03-27' };
    expect(deadlineState(ext, '2026-03-19', '2026-03-23')).toMatchObject({ due: '2026-03-27', overdue: false });
    expect(deadlineState(ext, '2026-03-30', '2026-03-23').overdue).toBe(true);
  });
  it('an unverified lead runs against the verification period; a disposed one is never overdue but may be flagged as decided late', () => {
    expect(deadlineState({ ...base, status: 'registered' }, '2026-03-24', '2026-03-23')).toMatchObject({ kind: 'verify', overdue: true });
    expect(deadlineState({ ...base, status: 'verifying' }, '2026-03-23', '2026-03-23')).toMatchObject({ kind: 'verify', overdue: false });
    const late = deadlineState({ ...base, status: 'disposed', filingDue: '2026-03-18', dispositionOn: '2026-03-20' }, '2026-04-01', '2026-03-23');
    expect(late).toEqual({ kind: null, due: '2026-03-18', overdue: false, disposedLate: true });
    expect(deadlineState({ ...base, status: 'disposed', filingDue: '2026-03-18', dispositionOn: '2026-03-18' }, '2026-04-01', '').disposedLate).toBe(false);
  });
  it('property: an unverified lead is overdue exactly when received on or before the SQL cutoff', () => {
    fc.assert(fc.property(arbDay, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 30 }), (today, back, days) => {
      const received = dayS(dayN(today) - back);
      const cutoff = verifyOverdueCutoff(cal, today, days);
      const overdue = deadlineState({ ...base, receivedOn: received, status: 'registered' }, today, verifyDeadline(cal, received, days)).overdue;
      expect(overdue).toBe(received <= cutoff);
    }), { numRuns: 300 });
  });
});

describe('state machine: 已登记 → 核查中 → 已核查 → 已处置', () => {
  it('assigning handlers starts verification; verification opens the filing decision; every disposition ends the lead', () => {
    expect(statusAfter('assign', 'registered')).toBe('verifying');
    expect(statusAfter('assign', 'verified')).toBe('verified');
    expect(statusAfter('verify', 'verifying')).toBe('verified');
    expect(statusAfter('dispose', 'verified')).toBe('disposed');
  });
  it('立案 and 不予立案 only after verification (核查 then 决定是否立案); 移送 and 并案 at any open stage', () => {
    expect(actionProblem('dispose', 'verifying', 'file')).toMatch(/须先核查/);
    expect(actionProblem('dispose', 'registered', 'no_file')).toMatch(/须先核查/);
    expect(actionProblem('dispose', 'verified', 'file')).toBeNull();
    expect(actionProblem('dispose', 'registered', 'transfer')).toBeNull();
    expect(actionProblem('dispose', 'verifying', 'merge')).toBeNull();
  });
  it('property: a disposed lead accepts no action at all (it can never be reopened or silently changed)', () => {
    fc.assert(fc.property(fc.constantFrom(...(Object.keys(LEAD_ACTIONS) as (keyof typeof LEAD_ACTIONS)[])), fc.constantFrom(...DISPS), (a, d) => {
      expect(actionProblem(a, 'disposed', d)).toMatch(/已处置/);
    }));
  });
  it('property: every open status has at least one way to a disposition (no dead ends)', () => {
    for (const s of STATUSES.filter((x) => x !== 'disposed')) expect(DISPS.some((d) => DISPOSE_FROM[d].includes(s))).toBe(true);
  });
  it('who may act: supervisors assign and dispose, handlers verify and ask for an extension, only the head decides extensions', () => {
    expect(mayAct('dispose', { roles: ['chief'], isHandler: false })).toBe(true);
    expect(mayAct('dispose', { roles: ['inspector'], isHandler: true })).toBe(false);
    expect(mayAct('dispose', { roles: ['admin'], isHandler: false })).toBe(false);
    expect(mayAct('verify', { roles: ['inspector'], isHandler: true })).toBe(true);
    expect(mayAct('verify', { roles: ['inspector'], isHandler: false })).toBe(false);
    expect(mayAct('requestExtension', { roles: ['inspector'], isHandler: true })).toBe(true);
    expect(mayAct('decideExtension', { roles: ['chief'], isHandler: true })).toBe(false);
    expect(mayAct('decideExtension', { roles: ['head'], isHandler: false })).toBe(true);
    expect(mayAct('assign', { roles: ['legal', 'assistant'], isHandler: true })).toBe(false);
  });
});

describe('extension (程序规定第三十二条: once, by 7 days, approved by the head before the deadline runs out)', () => {
  const v = { status: 'verified' as LeadStatus, filingDue: '2026-03-18', extendedDue: null, extensionReason: null, extensionApprovedBy: null };
  it('may be asked for up to the deadline day, once', () => {
    expect(extensionRequestProblem(v, '2026-03-18')).toBeNull();
    expect(extensionRequestProblem(v, '2026-03-19')).toMatch(/届满/);
    expect(extensionRequestProblem({ ...v, extensionReason: '需补充调取证据' }, '2026-03-10')).toMatch(/待负责人审批/);
    expect(extensionRequestProblem({ ...v, extendedDue: '2026-03-27', extensionReason: 'x', extensionApprovedBy: 'h' }, '2026-03-10')).toMatch(/延长过一次/);
    expect(extensionRequestProblem({ ...v, status: 'verifying', filingDue: null }, '2026-03-10')).toMatch(/不能申请延期/);
  });
  it('the head decides a pending request; approval after the deadline is refused, refusal is always possible', () => {
    const pending = { ...v, extensionReason: '需补充调取证据' };
    expect(extensionDecisionProblem(v, '2026-03-10', true)).toMatch(/没有待审批/);
    expect(extensionDecisionProblem(pending, '2026-03-18', true)).toBeNull();
    expect(extensionDecisionProblem(pending, '2026-03-19', true)).toMatch(/届满/);
    expect(extensionDecisionProblem(pending, '2026-03-19', false)).toBeNull();
  });
});

describe('dispositions need their fields', () => {
  const lead = { id: 'L1', agencyId: 'A', receivedOn: '2026-03-02', verifiedOn: '2026-03-09' };
  const head = { roles: ['head'], coversLead: true, active: true };
  const ctx = (over: Partial<DispositionContext> = {}): DispositionContext => ({
    lead, today: '2026-03-12', approver: head, target: null, mergedIntoOf: () => null, ...over,
  });
  const d = (over: Partial<DispositionFacts>): DispositionFacts => ({
    disposition: 'file', dispositionOn: '2026-03-11', dispositionReason: null, approverId: 'H', transferTo: null, transferDocNo: null, mergedInto: null, ...over,
  });
  const fields = (errs: { field: string }[]) => errs.map((e) => e.field).sort();

  it('立案: an approving head and a date between verification and today', () => {
    expect(dispositionProblems(d({}), ctx())).toEqual([]);
    expect(fields(dispositionProblems(d({ approverId: null }), ctx()))).toEqual(['approverId']);
    expect(dispositionProblems(d({}), ctx({ approver: { roles: ['chief'], coversLead: true, active: true } }))[0].message).toMatch(/负责人/);
    expect(dispositionProblems(d({}), ctx({ approver: { roles: ['head'], coversLead: false, active: true } }))[0].message).toMatch(/本机构或上级/);
    expect(dispositionProblems(d({}), ctx({ approver: null }))[0].message).toMatch(/不存在/);
    expect(dispositionProblems(d({ dispositionOn: '2026-03-13' }), ctx())[0].message).toMatch(/晚于今天/);
    expect(dispositionProblems(d({ dispositionOn: '2026-03-08' }), ctx())[0].message).toMatch(/核查完成日期/);
  });
  it('不予立案: a reason of at least 5 characters and the head', () => {
    expect(fields(dispositionProblems(d({ disposition: 'no_file', dispositionReason: '无' }), ctx()))).toEqual(['dispositionReason']);
    expect(dispositionProblems(d({ disposition: 'no_file', dispositionReason: '经核查未发现违法事实' }), ctx())).toEqual([]);
  });
  it('移送: the receiving authority and the document number', () => {
    expect(fields(dispositionProblems(d({ disposition: 'transfer', approverId: null }), ctx()))).toEqual(['transferDocNo', 'transferTo']);
    expect(dispositionProblems(d({ disposition: 'transfer', approverId: null, transferTo: '公安机关', transferDocNo: '临卫移〔2026〕3号' }), ctx())).toEqual([]);
  });
  it('a disposition keeps only its own fields', () => {
    const v = dispositionValues(d({ disposition: 'transfer', approverId: 'H', transferTo: '公安机关', transferDocNo: 'X', mergedInto: 'L2' }), '张三');
    expect(v).toMatchObject({ approvedBy: null, approverName: null, transferTo: '公安机关', mergedInto: null });
  });
});

describe('并案: same agency, not itself, no cycles', () => {
  const t = (over: Partial<MergeTarget> = {}): MergeTarget => ({ id: 'T', code: '临卫线〔2026〕2号', agencyId: 'A', status: 'verified', disposition: null, mergedInto: null, ...over });
  const lead = { id: 'L', agencyId: 'A' };
  it('refuses itself, other agencies, unknown targets, targets disposed otherwise, and chains', () => {
    expect(mergeProblem(lead, null, { target: null, mergedIntoOf: () => null })).toMatch(/请选择/);
    expect(mergeProblem(lead, 'L', { target: null, mergedIntoOf: () => null })).toMatch(/自身/);
    expect(mergeProblem(lead, 'T', { target: null, mergedIntoOf: () => null })).toMatch(/不存在/);
    expect(mergeProblem(lead, 'T', { target: t({ agencyId: 'B' }), mergedIntoOf: () => null })).toMatch(/同一机构/);
    expect(mergeProblem(lead, 'T', { target: t({ status: 'disposed', disposition: 'no_file' }), mergedIntoOf: () => null })).toMatch(/不予立案/);
    expect(mergeProblem(lead, 'T', { target: t(), mergedIntoOf: () => null })).toBeNull();
    expect(mergeProblem(lead, 'T', { target: t({ status: 'disposed', disposition: 'file' }), mergedIntoOf: () => null })).toBeNull();
    expect(mergeProblem(lead, 'T', { target: t({ status: 'disposed', disposition: 'merge', mergedInto: 'L' }), mergedIntoOf: () => null })).toMatch(/循环/);
    expect(mergeProblem(lead, 'T', { target: t({ status: 'disposed', disposition: 'merge', mergedInto: 'R' }), mergedIntoOf: () => null, codeOf: () => '临卫线〔2026〕1号' }))
      .toMatch(/请直接并入/);
  });
  it('property: merging never creates a cycle in any forest of merges', () => {
    // random forest: lead i may point to a lead j < i (so the starting graph is acyclic)
    fc.assert(fc.property(fc.array(fc.option(fc.nat(), { nil: null }), { minLength: 2, maxLength: 25 }), fc.nat(), fc.nat(), (raw, a, b) => {
      const n = raw.length;
      const parent = raw.map((p, i) => (p === null || i === 0 ? null : `n${p % i}`));
      const id = (i: number) => `n${i}`;
      const from = a % n;
      const to = b % n;
      const of = (x: string) => parent[Number(x.slice(1))];
      if (parent[from] !== null) return; // only open (unmerged) leads are merged
      const target: MergeTarget = { id: id(to), code: id(to), agencyId: 'A', status: parent[to] ? 'disposed' : 'verified', disposition: parent[to] ? 'merge' : null, mergedInto: parent[to] };
      const ok = mergeProblem({ id: id(from), agencyId: 'A' }, id(to), { target, mergedIntoOf: of }) === null;
      if (!ok) return;
      parent[from] = id(to);
      // walk from every node: must terminate at a root within n steps
      for (let i = 0; i < n; i++) {
        let cur: string | null = id(i);
        let steps = 0;
        while (cur && steps <= n) { cur = of(cur); steps++; }
        expect(cur).toBeNull();
      }
    }));
  });
});

describe('whistleblower protection (GUIDE §2.4: the complainant\'s identity never leaves the handling roles)', () => {
  it('masks the known complainants and any mobile or resident ID number in the text of a lead', () => {
    const text = '举报人王秀兰（电话13912345678，身份证320201199001011234）反映：某诊所无证行医。王秀兰称可配合调查，固话0512-66881234。';
    const out = redactIdentity(text, [{ name: '王秀兰', phone: '0512-66881234', idNumber: null }]);
    expect(out).not.toContain('王秀兰');
    expect(out).toContain('王**');
    expect(out).not.toContain('13912345678');
    expect(out).toContain('139****5678');
    expect(out).not.toContain('320201199001011234');
    expect(out).not.toContain('0512-66881234');
    expect(out).toContain('某诊所无证行医');
  });
  it('property: no listed name or phone survives', () => {
    fc.assert(fc.property(fc.stringMatching(/^[\u4e00-\u9fa5]{2,4}$/), fc.stringMatching(/^1[3-9]\d{9}$/), fc.string({ maxLength: 40 }), (name, phone, filler) => {
      const out = redactIdentity(`${filler}${name}${filler}${phone}${name}`, [{ name, phone }]);
      expect(out.includes(name)).toBe(false);
      expect(out.includes(phone)).toBe(false);
    }));
  });
});
