import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareTodo, dueFlags, mergeTodo, TODO_KINDS, type TodoDraft, type TodoKind } from './rules';

const draft = (over: Partial<TodoDraft>): TodoDraft => ({
  kind: 'task', id: 'x', title: '单位', action: '实施检查', state: '待检查', actor: '我', due: null, link: '/tasks/x', regionCode: '320102', ...over,
});

describe('dueFlags', () => {
  it('a deadline day itself is still in time; the day after it is overdue', () => {
    expect(dueFlags('2026-05-10', '2026-05-10', '2026-05-13')).toEqual({ overdue: false, soon: true });
    expect(dueFlags('2026-05-09', '2026-05-10', '2026-05-13')).toEqual({ overdue: true, soon: false });
  });
  it('due soon up to and including the last day of the window, not after', () => {
    expect(dueFlags('2026-05-13', '2026-05-10', '2026-05-13').soon).toBe(true);
    expect(dueFlags('2026-05-14', '2026-05-10', '2026-05-13').soon).toBe(false);
  });
  it('no deadline: neither overdue nor soon', () => {
    expect(dueFlags(null, '2026-05-10', '2026-05-13')).toEqual({ overdue: false, soon: false });
  });
});

describe('mergeTodo', () => {
  it('sorts by deadline, undated last, then by kind order and title', () => {
    const list = mergeTodo([
      draft({ id: 'a', due: null }),
      draft({ id: 'b', due: '2026-06-01', kind: 'complaint' }),
      draft({ id: 'c', due: '2026-05-01' }),
      draft({ id: 'd', due: '2026-06-01', kind: 'approval' }),
    ], '2026-05-20', '2026-05-23', 10);
    expect(list.items.map((i) => i.id)).toEqual(['c', 'd', 'b', 'a']);
    expect(list.items[0]).toMatchObject({ overdue: true, kindLabel: TODO_KINDS.task, key: 'task:c:实施检查' });
    expect(list.overdue).toBe(1);
  });
  it('keeps one entry per record and action; different actions on one record stay', () => {
    const list = mergeTodo([draft({ id: 'a' }), draft({ id: 'a' }), draft({ id: 'a', action: '复查整改情况', kind: 'followUp' })], '2026-05-20', '2026-05-23', 10);
    expect(list.total).toBe(2);
  });
  it('cuts to the limit but counts everything found', () => {
    const list = mergeTodo(Array.from({ length: 5 }, (_, i) => draft({ id: `t${i}`, due: `2026-05-0${i + 1}` })), '2026-05-03', '2026-05-06', 2);
    expect(list.items.map((i) => i.id)).toEqual(['t0', 't1']);
    expect(list).toMatchObject({ total: 5, overdue: 2, soon: 3, byKind: { task: 5 } });
  });

  const day = fc.option(fc.integer({ min: 1, max: 28 }).map((d) => `2026-05-${String(d).padStart(2, '0')}`), { nil: null });
  const kinds = Object.keys(TODO_KINDS) as TodoKind[];
  const drafts = fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), due: day, kind: fc.constantFrom(...kinds), title: fc.constantFrom('甲', '乙', '丙') }), { maxLength: 40 });

  it('property: the list is ordered by deadline with undated items last, and loses no distinct item', () => {
    fc.assert(fc.property(drafts, (ds) => {
      const list = mergeTodo(ds.map((d) => draft(d)), '2026-05-10', '2026-05-13', 1000);
      const dues = list.items.map((i) => i.due);
      for (let i = 1; i < dues.length; i++) {
        const [a, b] = [dues[i - 1], dues[i]];
        if (a === null) expect(b).toBeNull();
        else if (b !== null) expect(a <= b).toBe(true);
      }
      expect(list.total).toBe(new Set(ds.map((d) => `${d.kind}:${d.id}`)).size);
      for (const i of list.items) expect(i.overdue).toBe(i.due !== null && i.due < '2026-05-10');
    }));
  });
  it('property: compareTodo is a consistent order (antisymmetric)', () => {
    fc.assert(fc.property(drafts, (ds) => {
      const xs = ds.map((d) => draft(d));
      for (const a of xs) for (const b of xs) expect(Math.sign(compareTodo(a, b)) + Math.sign(compareTodo(b, a))).toBe(0);
    }));
  });
});
