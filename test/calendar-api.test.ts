import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../server/db/schema/index';
import { createTestApp, type TestContext } from './server';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('working-day calendar API', () => {
  it('行政处罚法第八十五条: 7 working days from 2025-09-30 skip the National Day holiday', async () => {
    const c = await t.login('inspector');
    const res = (await c.get('/api/calendar/compute?start=2025-09-30&days=7&unit=working')).json();
    expect(res).toMatchObject({ end: '2025-10-16', workingDaysBetween: 7, scheduleLoaded: true });
    const year = (await c.get('/api/calendar?year=2025')).json();
    expect(year.covered).toBe(true);
    expect(year.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ day: '2025-10-01', kind: 'holiday' }),
      expect.objectContaining({ day: '2025-09-28', kind: 'workday' }),
      expect.objectContaining({ day: '2025-10-11', kind: 'workday' }),
    ]));
  });

  it('an administrator adds next year\'s holiday, audited, and deadlines move at once; others may not', async () => {
    const admin = await t.login('admin');
    const inspector = await t.login('inspector');
    // 2027-01-04 is a Monday; before the schedule is entered it counts as a working day
    expect((await inspector.get('/api/calendar/compute?start=2027-01-01&days=1')).json().end).toBe('2027-01-04');
    expect((await inspector.put('/api/calendar/2027-01-04', { kind: 'holiday', name: '元旦' })).statusCode).toBe(403);
    const bad = await admin.put('/api/calendar/2027-02-30', { kind: 'holiday', name: '不存在' });
    expect(bad.statusCode).toBe(400);
    expect((await admin.put('/api/calendar/2027-01-04', { kind: 'holiday', name: '元旦' })).statusCode).toBe(200);
    expect((await inspector.get('/api/calendar/compute?start=2027-01-01&days=1')).json().end).toBe('2027-01-05');
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.resource, 'calendar'), eq(auditEvents.resourceId, '2027-01-04')));
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({ kind: 'holiday', name: '元旦', source: 'admin' });
    // seeded national holidays cannot be deleted, admin entries can
    expect((await admin.delete('/api/calendar/2025-10-01', {})).statusCode).toBe(400);
    expect((await admin.delete('/api/calendar/2027-01-04', {})).statusCode).toBe(200);
    expect((await inspector.get('/api/calendar/compute?start=2027-01-01&days=1')).json().end).toBe('2027-01-04');
  });
});
