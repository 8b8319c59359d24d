/**
 * 一户一档 (GET /api/entities/:id/file): the unit's inspections, complaints and leads with their states, inside the
 * user's jurisdiction only; the unit's own account sees its inspections but never the complaints or leads about it;
 * the plain locator; the map tile setting in /api/meta and the Content-Security-Policy that lets tiles load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { agencies, entities, tasks, users } from '../server/db/schema/index';
import { buildApp } from '../server/app';
import { tileSource } from '../server/config';
import { daysFromToday } from '../server/platform/dates';
import { createTestApp, type Client, type TestContext } from './server';

let t: TestContext;
let chief: Client;
let inspector2: Client;
let unit: Client;
let unitEntity: { id: string; regionCode: string; lng: number | null; lat: number | null; name: string };
let other: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  [chief, inspector2, unit] = await Promise.all(['chief', 'inspector2', 'unit'].map((u) => t.login(u)));
  const [u] = await db.select().from(users).where(eq(users.username, 'unit'));
  [unitEntity] = await db.select({ id: entities.id, regionCode: entities.regionCode, lng: entities.lng, lat: entities.lat, name: entities.name })
    .from(entities).where(eq(entities.id, u.entityId!));
  const [c] = await db.select().from(users).where(eq(users.username, 'chief'));
  const [d1] = await db.select().from(agencies).where(eq(agencies.id, c.agencyId!));
  [other] = await db.select({ id: entities.id }).from(entities).where(and(like(entities.regionCode, `${d1.regionCode}%`))).limit(2).then((r) => r.filter((x) => x.id !== unitEntity.id));

  // a complaint and a lead about the unit, and an inspection that ordered rectification
  const complaint = await chief.post('/api/complaints', {
    channel: 'phone', category: 'medical_service', content: '诊所医疗废物堆在后门，垃圾桶里有用过的针头。', address: '白荡街道', entityId: unitEntity.id, anonymous: false,
    name: '王小明', phone: '13912345678',
  });
  expect(complaint.statusCode, complaint.body).toBe(201);
  const lead = await chief.post('/api/leads', {
    source: 'media', originRef: '澄江日报', entityId: unitEntity.id, unitName: unitEntity.name, facts: '媒体报道：该诊所医疗废物未按规定分类收集、暂存。',
    receivedOn: daysFromToday(-1), agencyId: d1.id, handlerIds: [],
  });
  expect(lead.statusCode, lead.body).toBe(201);
  await db.insert(tasks).values({
    planId: randomUUID(), agencyId: d1.id, entityId: unitEntity.id, entityName: unitEntity.name, creditCode: '91320000MA00000000', stratum: 'medical', seq: 1,
    inspectorIds: [], inspectorNames: ['张明远', '李建华'], dueDate: daysFromToday(-20), status: 'done', result: 'rectify', summary: '医疗废物暂存不规范',
    inspectedOn: daysFromToday(-20), followUpStatus: 'scheduled', followUpDue: daysFromToday(10), regionCode: unitEntity.regionCode,
  });
});
afterAll(() => t.close());

describe('the unit file', () => {
  it('gathers the inspections, complaints and leads about the unit, each with its state', async () => {
    const res = await chief.get(`/api/entities/${unitEntity.id}/file`);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.complaintsVisible).toBe(true);
    expect(f.tasks[0]).toMatchObject({ statusLabel: '已完成', resultLabel: '责令整改', followUpStatus: 'scheduled', inspectorNames: ['张明远', '李建华'] });
    expect(f.complaints[0]).toMatchObject({ statusLabel: '待受理', categoryLabel: expect.any(String), nextDue: expect.any(String) });
    expect(JSON.stringify(f.complaints)).not.toContain('王小明'); // never the complainant
    expect(f.leads[0]).toMatchObject({ statusLabel: '已登记', sourceLabel: '媒体曝光', due: expect.any(String), overdue: false });
  });

  it('draws the locator from the district: its extent holds the unit and its towns', async () => {
    const f = (await chief.get(`/api/entities/${unitEntity.id}/file`)).json();
    const [w, s, e, n] = f.locator.bbox;
    expect(unitEntity.lng! >= w && unitEntity.lng! <= e && unitEntity.lat! >= s && unitEntity.lat! <= n).toBe(true);
    expect(f.locator.districtCode).toBe(unitEntity.regionCode.slice(0, 6));
    expect(f.locator.towns.some((x: { code: string }) => unitEntity.regionCode.startsWith(x.code))).toBe(true);
  });

  it('is 404 outside the jurisdiction, and for a guessed or malformed id', async () => {
    expect((await inspector2.get(`/api/entities/${unitEntity.id}/file`)).statusCode).toBe(404);
    expect((await chief.get(`/api/entities/${randomUUID()}/file`)).statusCode).toBe(404);
    expect((await chief.get('/api/entities/not-an-id/file')).statusCode).toBe(404);
  });

  it('the unit account: its inspections, never the complaints or leads about it, and no other unit', async () => {
    const res = await unit.get(`/api/entities/${unitEntity.id}/file`);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.tasks).toHaveLength(1);
    expect(f).toMatchObject({ complaintsVisible: false, complaints: [], leads: [] });
    expect((await unit.get(`/api/entities/${other.id}/file`)).statusCode).toBe(404);
  });
});

describe('map tiles', () => {
  it('none configured by default: /api/meta says so and the page falls back to the locator', async () => {
    expect((await chief.get('/api/meta')).json().map).toEqual({ tiles: null, attribution: null });
  });

  it('a configured tile server reaches the web app and the Content-Security-Policy', async () => {
    // a second app on the same database, configured with a tile server
    const app = await buildApp(t.database, { ...t.app.config, mapTiles: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png', mapAttribution: '© 示例' });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/meta', headers: { cookie: chief.cookie } });
      expect(res.json().map).toEqual({ tiles: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png', attribution: '© 示例' });
      expect(String(res.headers['content-security-policy'])).toMatch(/img-src[^;]*https:\/\/\*\.tiles\.example\.org/);
    } finally {
      await app.close();
    }
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
    expect(tileSource('http://10.1.2.3:8080/{z}/{x}/{y}.png')).toBe('http://10.1.2.3:8080');
  });
});
