/**
 * The demo complaints: every channel, category and state, some overdue, a merged pair and a fresh pair of
 * likely duplicates — and consistent with the API (lists, KPIs, tracking pages, duplicate suggestions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { complaintEvents, complaints } from '../server/db/schema/index';
import { loadDemoComplaints } from '../server/demo/complaints';
import { todayIso } from '../server/platform/dates';
import { CHANNEL_CODES, CATEGORY_CODES } from '../server/domains/complaints/schema';
import { createTestApp, type TestContext } from './server';

let t: TestContext;
let loaded: { complaints: number; leads?: number };

beforeAll(async () => {
  t = await createTestApp();
  loaded = await loadDemoComplaints(t.database);
});
afterAll(() => t.close());

describe('demo complaints', () => {
  it('about 300 over the last year, every channel and category, every state', async () => {
    expect(loaded.complaints).toBeGreaterThanOrEqual(290);
    const rows = await t.database.db.select().from(complaints);
    expect(rows.length).toBe(loaded.complaints);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(CHANNEL_CODES));
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(CATEGORY_CODES));
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of ['registered', 'accepted', 'assigned', 'verifying', 'replied', 'closed', 'rejected', 'merged']) expect(statuses).toContain(s);
    const oldest = Math.min(...rows.map((r) => r.receivedAt.getTime()));
    expect(Date.now() - oldest).toBeGreaterThan(300 * 86_400_000);
    expect(Date.now() - oldest).toBeLessThan(366 * 86_400_000);
    // some are overdue now
    expect(rows.filter((r) => r.nextDue && r.nextDue < todayIso()).length).toBeGreaterThan(3);
    // timelines are in order and start with the registration
    for (const r of rows.slice(0, 50)) {
      const ev = await t.database.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, r.id)).orderBy(complaintEvents.id);
      expect(ev[0].action).toBe('register');
      for (let i = 1; i < ev.length; i++) expect(ev[i].at.getTime()).toBeGreaterThanOrEqual(ev[i - 1].at.getTime());
    }
  });

  it('the KPIs and the lists work on it', async () => {
    const chief = await t.login('chief');
    const s = (await chief.get('/api/complaints/stats')).json();
    expect(s.total.received).toBeGreaterThan(150);
    expect(s.total.timelyRate).toBeGreaterThan(0.7);
    expect(s.total.timelyRate).toBeLessThan(1);
    expect(s.total.standardRate).toBeGreaterThan(0.9);
    expect(s.total.rated).toBeGreaterThan(20);
    expect(s.byMonth.length).toBeGreaterThanOrEqual(11);
    const overdue = (await chief.get('/api/complaints?due=overdue')).json();
    expect(overdue.total).toBeGreaterThan(0);
  });

  it('a fresh pair of duplicates is suggested; the merged one shows its master\'s reply', async () => {
    const chief = await t.login('chief');
    const [recent] = await t.database.db.select().from(complaints)
      .where(sql`${complaints.status} = 'registered' and ${complaints.regionCode} = '329902' and ${complaints.receivedAt} > now() - interval '3 days' and ${complaints.content} like '%给老人%针头%'`).limit(1);
    expect(recent).toBeDefined();
    const dups = (await chief.get(`/api/complaints/${recent.id}/duplicates`)).json().items;
    expect(dups.length).toBeGreaterThan(0);
    expect(dups[0].reasons).toContain('同一被投诉单位');
    const [merged] = await t.database.db.select().from(complaints).where(eq(complaints.status, 'merged'));
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/complaints/${merged.trackingCode}`, remoteAddress: '10.7.0.1' });
    expect(pub.json()).toMatchObject({ merged: true, status: 'closed', reply: { text: expect.any(String) } });
  });
});
