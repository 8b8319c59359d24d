/**
 * The demo tells a true story: every action of a person is stamped on a working day between 08:30 and 18:00 China
 * time and not after the load; a lead whose facts report an on-site check is recorded as checked; and the demo
 * inspector and chief have work waiting on the load date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNotNull, like } from 'drizzle-orm';
import { complaintEvents, leadEvents, leads, plans, taskEvents } from '../server/db/schema/index';
import { loadCalendar } from '../server/platform/calendar/store';
import type { WorkCalendar } from '../server/platform/calendar/calendar';
import { loadDemoPlans } from '../server/demo/plans';
import { loadDemoLeads } from '../server/demo/leads';
import { loadDemoComplaints } from '../server/demo/complaints';
import { isWorkingTime, latestWorkingMoment, localParts } from '../server/demo/story';
import { createTestApp, type TestContext } from './server';

let t: TestContext;
let cal: WorkCalendar;
let loadedAt: Date;

beforeAll(async () => {
  t = await createTestApp();
  loadedAt = new Date();
  await loadDemoPlans(t.database);
  await loadDemoLeads(t.database);
  await loadDemoComplaints(t.database);
  cal = await loadCalendar(t.database.db);
}, 300_000); // three demo loaders through the real commands: about 40 s on an idle machine
afterAll(() => t.close());

const fmt = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 16);

describe('the demo story', () => {
  it('stamps every staff action on a working day, 08:30–18:00, never after the load', async () => {
    const { db } = t.database;
    const stamped = [
      ...(await db.select({ at: taskEvents.at, what: taskEvents.action }).from(taskEvents).where(isNotNull(taskEvents.actorId))).map((e) => ({ ...e, table: 'task' })),
      ...(await db.select({ at: leadEvents.at, what: leadEvents.action }).from(leadEvents).where(isNotNull(leadEvents.actorId))).map((e) => ({ ...e, table: 'lead' })),
      ...(await db.select({ at: complaintEvents.at, what: complaintEvents.action }).from(complaintEvents).where(isNotNull(complaintEvents.actorId))).map((e) => ({ ...e, table: 'complaint' })),
      ...(await db.select({ at: plans.completedAt, what: plans.name }).from(plans).where(isNotNull(plans.completedAt))).map((e) => ({ at: e.at!, what: e.what, table: 'plan' })),
    ];
    expect(stamped.length).toBeGreaterThan(300);
    const wrong = stamped.filter((e) => !isWorkingTime(cal, e.at) || e.at > new Date()).map((e) => `${e.table} ${e.what} at ${fmt(e.at)}`);
    expect(wrong).toEqual([]);
    // spread over the story, not all on the load date
    expect(new Set(stamped.map((e) => localParts(e.at).day)).size).toBeGreaterThan(100);
  });

  it('a lead whose facts report the on-site check of a complaint is recorded as checked', async () => {
    const fromComplaints = await t.database.db.select().from(leads).where(like(leads.facts, '%核查情况：%'));
    expect(fromComplaints.length).toBeGreaterThan(0);
    for (const l of fromComplaints) {
      expect(l.verifiedOn, l.code).not.toBeNull();
      expect(l.verification, l.code).toContain('投诉核查情况');
    }
  });

  it('the demo inspector and chief have work waiting on the load date', async () => {
    const lastDay = localParts(latestWorkingMoment(cal, loadedAt)).day;
    const inspector = (await (await t.login('inspector')).get('/api/todo')).json();
    expect(inspector.items.length).toBeGreaterThan(0);
    const client = await t.login('inspector');
    const assignedDays: string[] = [];
    for (const i of inspector.items.filter((x: { kind: string; action: string }) => x.kind === 'complaint' && x.action === '调查核实')) {
      const detail = (await client.get(`/api/complaints/${i.id}`)).json();
      const assign = detail.events.find((e: { action: string }) => e.action === 'assign');
      if (assign) assignedDays.push(localParts(new Date(assign.at)).day);
    }
    expect(assignedDays).toContain(lastDay);
    const chief = (await (await t.login('chief')).get('/api/todo')).json();
    expect(chief.items.some((i: { action: string; due: string }) => i.action === '决定是否受理' && i.due >= lastDay)).toBe(true);
  });
});
