import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from '../../platform/calendar/calendar';
import { seedExceptionsFromChineseDays } from '../../platform/calendar/seed';
import {
  actionAllowed, canSeeIdentity, CODE_ALPHABET, computeKpi, DEFAULT_SLA, dueDate, dueState, duplicateScore, imageType, maskName, maskPhone,
  nextStep, normalizeTrackingCode, resolveSla, textSimilarity, trackingCodeFrom, type DuplicateInput, type KpiRow,
} from './rules';

const calendar = new WorkCalendar(seedExceptionsFromChineseDays());

describe('tracking codes', () => {
  const bytes = fc.uint8Array({ minLength: 11, maxLength: 11 });

  it('are 12 unambiguous symbols (no I, L, O, U) in three groups, and survive sloppy typing', () => {
    fc.assert(fc.property(bytes, (b) => {
      const code = trackingCodeFrom(b);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(normalizeTrackingCode(code)).toBe(code);
      expect(normalizeTrackingCode(` ${code.toLowerCase().replace(/-/g, '')} `)).toBe(code);
      // O for 0 and I/L for 1, as people read them
      expect(normalizeTrackingCode(code.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe(code);
    }));
  });

  it('every single-symbol typo is detected by the check symbol', () => {
    fc.assert(fc.property(bytes, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 31 }), (b, pos, delta) => {
      const plain = trackingCodeFrom(b).replace(/-/g, '');
      const v = CODE_ALPHABET.indexOf(plain[pos]);
      const typo = plain.slice(0, pos) + CODE_ALPHABET[(v + delta) % 32] + plain.slice(pos + 1);
      expect(normalizeTrackingCode(typo)).toBeNull();
    }));
  });

  it('wrong lengths and foreign symbols are refused', () => {
    expect(normalizeTrackingCode('ABCD-EFGH-JK')).toBeNull();
    expect(normalizeTrackingCode('ABCD-EFGH-JKMN-P')).toBeNull();
    expect(normalizeTrackingCode('ABCD-EFGH-JK*N')).toBeNull();
    expect(normalizeTrackingCode('ABCD-EFGH-JKUN')).toBeNull(); // U is not in the alphabet
  });
});

describe('SLA table and deadlines', () => {
  it('defaults: 受理 15 days (信访工作条例 Art. 23), 办结 60 days and one extension of up to 30 (Art. 34)', () => {
    expect(resolveSla(DEFAULT_SLA, 'public_web', 'school', 'accept')).toMatchObject({ days: 15, unit: 'natural' });
    expect(resolveSla(DEFAULT_SLA, 'letter', 'other', 'conclude')).toMatchObject({ days: 60, unit: 'natural' });
    expect(resolveSla(DEFAULT_SLA, 'visit', 'other', 'extend')).toMatchObject({ days: 30, unit: 'natural' });
    expect(resolveSla(DEFAULT_SLA, 'visit', 'other', 'accept').basis).toContain('第二十三条');
    expect(resolveSla(DEFAULT_SLA, 'visit', 'other', 'conclude').basis).toContain('第三十四条');
  });

  it('12320 practice: referral 1 working day, handling 5 working days, callback 1 working day', () => {
    expect(resolveSla(DEFAULT_SLA, 'hotline_12320', 'school', 'accept')).toMatchObject({ days: 1, unit: 'working' });
    expect(resolveSla(DEFAULT_SLA, 'hotline_12320', 'school', 'conclude')).toMatchObject({ days: 5, unit: 'working' });
    expect(resolveSla(DEFAULT_SLA, 'hotline_12320', 'school', 'callback')).toMatchObject({ days: 1, unit: 'working' });
    // 12320 has no extension row of its own: the default applies
    expect(resolveSla(DEFAULT_SLA, 'hotline_12320', 'school', 'extend')).toMatchObject({ days: 30 });
  });

  it('the most specific row wins: channel+category > channel > category > default', () => {
    const rows = [
      ...DEFAULT_SLA,
      { channel: '*', category: 'school', step: 'accept' as const, days: 7, unit: 'natural' as const, basis: null },
      { channel: 'wechat', category: '*', step: 'accept' as const, days: 3, unit: 'working' as const, basis: null },
      { channel: 'wechat', category: 'school', step: 'accept' as const, days: 2, unit: 'working' as const, basis: null },
    ];
    expect(resolveSla(rows, 'wechat', 'school', 'accept').days).toBe(2);
    expect(resolveSla(rows, 'wechat', 'other', 'accept').days).toBe(3);
    expect(resolveSla(rows, 'phone', 'school', 'accept').days).toBe(7);
    expect(resolveSla(rows, 'phone', 'other', 'accept').days).toBe(15);
    // order of rows does not matter
    expect(resolveSla([...rows].reverse(), 'wechat', 'school', 'accept').days).toBe(2);
  });

  it('working days skip weekends and holidays; natural days ending on a rest day move to the next working day (民法典 Art. 201, 203)', () => {
    // Friday 2026-03-06 + 1 working day → Monday 2026-03-09
    expect(dueDate(calendar, '2026-03-06', { days: 1, unit: 'working' })).toBe('2026-03-09');
    // 国庆 2026: 2026-09-30 + 1 working day jumps over the holiday to 2026-10-08 or later
    expect(dueDate(calendar, '2026-09-30', { days: 1, unit: 'working' }) > '2026-10-07').toBe(true);
    // 15 natural days from 2026-09-20 is 2026-10-05, inside the holiday: the period ends on the next working day
    const due = dueDate(calendar, '2026-09-20', { days: 15, unit: 'natural' });
    expect(due > '2026-10-05').toBe(true);
    expect(calendar.isWorkingDay(due)).toBe(true);
    // an ordinary weekday
    expect(dueDate(calendar, '2026-03-02', { days: 15, unit: 'natural' })).toBe('2026-03-17');
  });

  it('a due date is never before the start and always a working day', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2024-01-01'), max: new Date('2026-12-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 90 }),
      fc.constantFrom('working' as const, 'natural' as const), (d, days, unit) => {
        const start = d.toISOString().slice(0, 10);
        const due = dueDate(calendar, start, { days, unit });
        expect(due > start).toBe(true);
        expect(calendar.isWorkingDay(due)).toBe(true);
      }));
  });
});

describe('workflow', () => {
  it('登记 → 受理 | 不予受理 → 分派 → 核查 → 处理 → 答复 → 办结 → 回访', () => {
    expect(actionAllowed('accept', 'registered')).toBe(true);
    expect(actionAllowed('reject', 'registered')).toBe(true);
    expect(actionAllowed('assign', 'registered')).toBe(false);
    expect(actionAllowed('assign', 'accepted')).toBe(true);
    expect(actionAllowed('verify', 'accepted')).toBe(false);
    expect(actionAllowed('verify', 'assigned')).toBe(true);
    expect(actionAllowed('handle', 'assigned')).toBe(false);
    expect(actionAllowed('handle', 'verifying')).toBe(true);
    expect(actionAllowed('reply', 'handled')).toBe(true);
    expect(actionAllowed('close', 'handled')).toBe(false);
    expect(actionAllowed('close', 'replied')).toBe(true);
    expect(actionAllowed('callback', 'closed')).toBe(true);
    // transfers until verification starts; nothing after closing or merging
    expect(actionAllowed('transfer', 'assigned')).toBe(true);
    expect(actionAllowed('transfer', 'verifying')).toBe(false);
    for (const a of ['accept', 'assign', 'verify', 'handle', 'reply', 'close', 'transfer', 'merge', 'extend'] as const) {
      expect(actionAllowed(a, 'merged')).toBe(false);
      expect(actionAllowed(a, 'rejected')).toBe(false);
    }
  });

  it('who acts next and by when (GUIDE §4.3)', () => {
    const base = { acceptDue: '2026-12-01', concludeDue: '2027-01-20', extendedDue: null, assigneeNames: ['张明远', '王芳'] };
    expect(nextStep({ ...base, status: 'registered' })).toEqual({ nextActor: '科室负责人（受理）', nextDue: '2026-12-01' });
    expect(nextStep({ ...base, status: 'accepted' })).toEqual({ nextActor: '科室负责人（分派）', nextDue: '2026-12-01' });
    expect(nextStep({ ...base, status: 'assigned' })).toEqual({ nextActor: '承办人：张明远、王芳（核查处理）', nextDue: '2027-01-20' });
    expect(nextStep({ ...base, status: 'handled', extendedDue: '2027-02-19' })).toEqual({ nextActor: '承办人：张明远、王芳（答复）', nextDue: '2027-02-19' });
    expect(nextStep({ ...base, status: 'replied' })).toEqual({ nextActor: '科室负责人（办结）', nextDue: '2027-01-20' });
    expect(nextStep({ ...base, status: 'closed', reachable: true, callbackDue: '2027-01-22' })).toEqual({ nextActor: '回访人员（回访）', nextDue: '2027-01-22' });
    expect(nextStep({ ...base, status: 'closed', reachable: false, callbackDue: '2027-01-22' })).toEqual({ nextActor: null, nextDue: null });
    expect(nextStep({ ...base, status: 'closed', reachable: true, callbackDone: true })).toEqual({ nextActor: null, nextDue: null });
    expect(nextStep({ ...base, status: 'rejected' }).nextActor).toBeNull();
    expect(nextStep({ ...base, status: 'merged' }).nextDue).toBeNull();
    // long lists of names fit the column
    expect(nextStep({ ...base, status: 'assigned', assigneeNames: Array(20).fill('欧阳某某') }).nextActor!.length).toBeLessThanOrEqual(64);
  });

  it('overdue and due-soon', () => {
    expect(dueState('2026-11-20', '2026-11-22', '2026-11-25')).toBe('overdue');
    expect(dueState('2026-11-22', '2026-11-22', '2026-11-25')).toBe('soon');
    expect(dueState('2026-11-25', '2026-11-22', '2026-11-25')).toBe('soon');
    expect(dueState('2026-11-26', '2026-11-22', '2026-11-25')).toBeNull();
    expect(dueState(null, '2026-11-22', '2026-11-25')).toBeNull();
  });
});

describe('whistleblower protection (GUIDE §2.4)', () => {
  it('masks names to the first character and phones to 3 + 4 digits', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧*');
    expect(maskName(null)).toBeNull();
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0510-85551234')).toBe('051****1234');
    expect(maskPhone('12345')).toBe('****');
  });

  it('identity only for the handling agency\'s chief or head, the assigned handlers, and the administrator', () => {
    const c = { agencyId: 'A', assigneeIds: ['u-assigned'] };
    expect(canSeeIdentity({ userId: 'x', roles: ['chief'], agencyId: 'A' }, c)).toBe(true);
    expect(canSeeIdentity({ userId: 'x', roles: ['head'], agencyId: 'A' }, c)).toBe(true);
    expect(canSeeIdentity({ userId: 'u-assigned', roles: ['inspector'], agencyId: 'A' }, c)).toBe(true);
    expect(canSeeIdentity({ userId: 'x', roles: ['admin'], agencyId: 'CITY' }, c)).toBe(true);
    expect(canSeeIdentity({ userId: 'x', roles: ['inspector'], agencyId: 'A' }, c)).toBe(false);
    expect(canSeeIdentity({ userId: 'x', roles: ['chief'], agencyId: 'B' }, c)).toBe(false);
    expect(canSeeIdentity({ userId: 'x', roles: ['head', 'legal'], agencyId: 'CITY' }, c)).toBe(false);
    expect(canSeeIdentity({ userId: 'x', roles: ['assistant'], agencyId: 'A' }, c)).toBe(false);
  });
});

describe('duplicate scoring', () => {
  const day = 86_400_000;
  const base: DuplicateInput = {
    entityId: 'e1', unitName: '春晖中医诊所', content: '春晖中医诊所无证人员给病人针灸，收费很高。', address: '临湖区白荡街道幸福路12号',
    receivedAt: Date.parse('2026-11-01T02:00:00Z'), lat: 31.5, lng: 120.3,
  };
  const input = fc.record({
    entityId: fc.option(fc.constantFrom('e1', 'e2'), { nil: null }),
    unitName: fc.option(fc.constantFrom('春晖中医诊所', '春晖诊所', '阳光宾馆'), { nil: null }),
    content: fc.string({ minLength: 0, maxLength: 60 }),
    address: fc.option(fc.constantFrom('幸福路12号', '幸福路14号', '湖滨路1号'), { nil: null }),
    receivedAt: fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2026-12-31') }),
    lat: fc.option(fc.double({ min: 31, max: 32, noNaN: true }), { nil: null }),
    lng: fc.option(fc.double({ min: 120, max: 121, noNaN: true }), { nil: null }),
  });

  it('is symmetric and between 0 and 1', () => {
    fc.assert(fc.property(input, input, (a, b) => {
      const x = duplicateScore(a, b).score;
      expect(x).toBe(duplicateScore(b, a).score);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }));
  });

  it('a complaint is a perfect duplicate of itself when it has text', () => {
    fc.assert(fc.property(input.filter((a) => a.content.replace(/[\s\p{P}\p{S}]/gu, '').length > 0), (a) => {
      expect(duplicateScore(a, a).score).toBe(1);
    }));
  });

  it('the further apart in time, the lower the score (all else equal)', () => {
    fc.assert(fc.property(input, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (a, d1, d2) => {
      const near = duplicateScore(a, { ...a, receivedAt: a.receivedAt + Math.min(d1, d2) * day }).score;
      const far = duplicateScore(a, { ...a, receivedAt: a.receivedAt + Math.max(d1, d2) * day }).score;
      expect(near).toBeGreaterThanOrEqual(far);
    }));
  });

  it('same unit, similar text, two days and 50 m apart: a likely duplicate, with reasons', () => {
    const other = { ...base, content: '春晖中医诊所有无证人员在给病人针灸，收费高，请查处。', receivedAt: base.receivedAt + 2 * day, lat: 31.5004, lng: 120.3 };
    const r = duplicateScore(base, other);
    expect(r.score).toBeGreaterThan(0.7);
    expect(r.reasons).toContain('同一被投诉单位');
    expect(r.reasons.some((x) => x.startsWith('内容相似'))).toBe(true);
    expect(r.reasons.some((x) => x.startsWith('地点相距约'))).toBe(true);
  });

  it('a different unit and a different matter is not a duplicate', () => {
    const other: DuplicateInput = { entityId: 'e2', unitName: '阳光宾馆', content: '宾馆床单不换，卫生很差。', address: '湖滨路1号', receivedAt: base.receivedAt + 20 * day, lat: 31.7, lng: 120.6 };
    expect(duplicateScore(base, other).score).toBeLessThan(0.3);
  });

  it('text similarity is the Dice coefficient of character bigrams, ignoring punctuation', () => {
    expect(textSimilarity('无证行医', '无证行医！')).toBe(1);
    expect(textSimilarity('无证行医', '宾馆卫生')).toBe(0);
    expect(textSimilarity('', '')).toBe(0);
  });
});

describe('KPIs', () => {
  const row = (over: Partial<KpiRow>): KpiRow => ({
    channel: 'phone', status: 'closed', receivedOn: '2026-10-01', acceptDue: '2026-10-16', acceptedOn: '2026-10-02', firstAssignedOn: '2026-10-03',
    concludeDue: '2026-12-01', extendedDue: null, repliedOn: '2026-10-20', closedOn: '2026-10-21', hasFindings: true, outcome: 'no_violation', hasReply: true,
    satisfaction: 3, nextDue: null, merged: false, ...over,
  });

  it('及时接处率: accepted and assigned by the acceptance deadline, among those due or assigned', () => {
    const k = computeKpi([
      row({}), // timely
      row({ firstAssignedOn: '2026-10-20' }), // assigned late
      row({ status: 'registered', acceptedOn: null, firstAssignedOn: null, acceptDue: '2026-11-01', nextDue: '2026-11-01' }), // overdue, not accepted
      row({ status: 'registered', acceptedOn: null, firstAssignedOn: null, acceptDue: '2026-12-30', nextDue: '2026-12-30' }), // not yet due: not counted
      row({ status: 'rejected', acceptedOn: null, firstAssignedOn: null }), // rejected: not counted
      row({ merged: true, status: 'merged' }), // merged: not counted
    ], '2026-11-22');
    expect(k).toMatchObject({ received: 6, timelyDue: 3, timely: 1, timelyRate: 0.3333 });
  });

  it('规范处置率: closed with every step and a reply given before closing', () => {
    const k = computeKpi([
      row({}),
      row({ hasFindings: false }),
      row({ hasReply: false, repliedOn: null }),
      row({ repliedOn: '2026-10-25' }), // replied after closing
      row({ status: 'replied', closedOn: null }), // not closed: not counted
    ], '2026-11-22');
    expect(k).toMatchObject({ closed: 4, standard: 1, standardRate: 0.25 });
  });

  it('average handling days, overdue, closed late and satisfaction', () => {
    const k = computeKpi([
      row({ receivedOn: '2026-10-01', closedOn: '2026-10-11', satisfaction: 3 }),
      row({ receivedOn: '2026-10-01', closedOn: '2026-10-21', satisfaction: 1, concludeDue: '2026-10-15' }),
      row({ status: 'closed', satisfaction: null, nextDue: '2026-11-01' }), // callback overdue
      row({ status: 'assigned', closedOn: null, satisfaction: null, nextDue: '2026-11-21' }),
    ], '2026-11-22');
    expect(k.avgDays).toBe(16.7); // (10 + 20 + 20) / 3
    expect(k.closedLate).toBe(1);
    expect(k.overdueOpen).toBe(2);
    expect(k).toMatchObject({ rated: 2, satisfied: 1, satisfactionRate: 0.5, avgSatisfaction: 2 });
    expect(computeKpi([], '2026-11-22')).toMatchObject({ received: 0, timelyRate: null, standardRate: null, avgDays: null, satisfactionRate: null });
  });
});

describe('photos are recognised by their bytes', () => {
  const pad = (b: number[]) => Uint8Array.from([...b, ...Array(20).fill(0)]);
  it('accepts JPEG, PNG, GIF, WebP and HEIC; refuses anything else whatever its name', () => {
    expect(imageType(pad([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageType(pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(imageType(pad([...Buffer.from('GIF89a')]))).toBe('image/gif');
    expect(imageType(pad([...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WEBP')]))).toBe('image/webp');
    expect(imageType(pad([0, 0, 0, 24, ...Buffer.from('ftypheic')]))).toBe('image/heic');
    expect(imageType(pad([...Buffer.from('<script>alert(1)</script>')]))).toBeNull();
    expect(imageType(pad([...Buffer.from('%PDF-1.7')]))).toBeNull();
    expect(imageType(Uint8Array.from([0xff, 0xd8]))).toBeNull();
  });
});
