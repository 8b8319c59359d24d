import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from '../../platform/calendar/calendar';
import { seedExceptionsFromChineseDays } from '../../platform/calendar/seed';
import { canAdvancePlan, isClosed, publishDeadline, rates, taskActionAllowed } from './rules';
import type { TaskResult, TaskStatus } from './schema';

describe('plan and task state machines (GUIDE §2.2)', () => {
  it('plans only move forward one step: 草稿 → 已发布 → 已抽取 → 实施中 → 已完成', () => {
    expect(canAdvancePlan('draft', 'published')).toBe(true);
    expect(canAdvancePlan('published', 'drawn')).toBe(true);
    expect(canAdvancePlan('draft', 'drawn')).toBe(false);
    expect(canAdvancePlan('drawn', 'published')).toBe(false);
    expect(canAdvancePlan('completed', 'draft')).toBe(false);
  });

  it('tasks: 待检查 → 检查中 → 已完成 | 无法检查; finished tasks cannot change again', () => {
    expect(taskActionAllowed('start', 'pending')).toBe(true);
    expect(taskActionAllowed('record', 'in_progress')).toBe(true);
    expect(taskActionAllowed('unable', 'pending')).toBe(true);
    expect(taskActionAllowed('record', 'done')).toBe(false);
    expect(taskActionAllowed('unable', 'done')).toBe(false);
    expect(taskActionAllowed('start', 'unstaffed')).toBe(false);
    expect(taskActionAllowed('assign', 'unstaffed')).toBe(true);
  });
});

const task = fc.record({
  status: fc.constantFrom<TaskStatus>('pending', 'in_progress', 'done', 'unable', 'unstaffed'),
  result: fc.constantFrom<TaskResult | null>('qualified', 'rectify', 'case', null),
  followUpStatus: fc.constantFrom('none', 'scheduled', 'closed'),
});

describe('完成率 and 完结率 (GUIDE §2.2)', () => {
  it('完成率 = finished / drawn, 完结率 = closed / drawn, closed implies finished', () => {
    fc.assert(fc.property(fc.array(task, { maxLength: 60 }), (tasks) => {
      const r = rates(tasks);
      const finished = tasks.filter((t) => t.status === 'done' || t.status === 'unable').length;
      expect(r.drawn).toBe(tasks.length);
      expect(r.finished).toBe(finished);
      expect(r.closed).toBeLessThanOrEqual(r.finished);
      if (tasks.length === 0) expect(r.completionRate).toBeNull();
      else expect(r.completionRate).toBeCloseTo(finished / tasks.length, 4);
    }));
  });

  it('a rectification order is closed only when its 复查 is closed; 合格 and 无法检查 are closed at once', () => {
    expect(isClosed({ status: 'done', result: 'qualified', followUpStatus: 'none' })).toBe(true);
    expect(isClosed({ status: 'unable', result: null, followUpStatus: 'none' })).toBe(true);
    expect(isClosed({ status: 'done', result: 'rectify', followUpStatus: 'scheduled' })).toBe(false);
    expect(isClosed({ status: 'done', result: 'rectify', followUpStatus: 'closed' })).toBe(true);
    expect(isClosed({ status: 'done', result: 'case', followUpStatus: 'scheduled' })).toBe(false);
    expect(isClosed({ status: 'pending', result: null, followUpStatus: 'none' })).toBe(false);
  });
});

describe('publication deadline (一公开: within 20 working days of the inspection)', () => {
  const calendar = new WorkCalendar(seedExceptionsFromChineseDays());
  it('skips the 2025 National Day holiday and counts its make-up working day', () => {
    // inspected Fri 2025-09-26; 9-28 (Sun) and 10-11 (Sat) are make-up working days, 10-01..10-08 a holiday
    expect(publishDeadline(calendar, '2025-09-26')).toBe(calendar.addWorkingDays('2025-09-26', 20));
    expect(calendar.workingDaysBetween('2025-09-26', publishDeadline(calendar, '2025-09-26'))).toBe(20);
    // counted by hand: 9-28, 9-29, 9-30, then 10-09 … 10-30 (with the make-up Saturday 10-11) = 20
    expect(publishDeadline(calendar, '2025-09-26')).toBe('2025-10-30');
  });
  it('an ordinary month: 20 working days is four weeks', () => {
    expect(publishDeadline(calendar, '2026-03-10')).toBe('2026-04-08');
  });
});
