import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { auditEvents, practitioners } from '../server/db/schema/index';
import { auditEventHash, verifyAuditChain } from '../server/platform/audit';
import { decryptField } from '../server/platform/crypto';
import { createTestApp, type TestContext } from './server';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('audit hash chain', () => {
  it('links every event to the previous one and verifies', async () => {
    const admin = await t.login('admin');
    const list = (await admin.get('/api/matters')).json();
    const m = list.items[0];
    const res = await admin.put(`/api/matters/${m.id}`, { ...m, frequency: '每年2次', version: m.version });
    expect(res.statusCode).toBe(200);
    const rows = await t.database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(2);
    expect(rows[0]).toMatchObject({ action: 'update', resource: 'matters', resourceId: m.id, actorName: '周立新' });
    expect(rows[0].prevHash).toBe(rows[1].hash);
    const { hash, ...rest } = rows[0];
    expect(auditEventHash(rest)).toBe(hash);
    expect((rows[0].before as { frequency: string }).frequency).not.toBe('每年2次');
    expect((rows[0].after as { frequency: string }).frequency).toBe('每年2次');
    const v = await verifyAuditChain(t.database.db);
    expect(v.ok).toBe(true);
    const api = await admin.post('/api/audit/verify');
    expect(api.json()).toMatchObject({ ok: true });
  });

  it('stays one linear chain under concurrent writes, and a concurrent edit of one record is detected', async () => {
    const admin = await t.login('admin');
    const items = (await admin.get('/api/matters?pageSize=12')).json().items as { id: string; version: number }[];
    const results = await Promise.all(items.map((m) => admin.put(`/api/matters/${m.id}`, { ...m, staffRequirement: '并发修改', version: m.version })));
    expect(results.map((r) => r.statusCode)).toEqual(items.map(() => 200));
    // two saves of the same version: exactly one wins
    const m = (await admin.get(`/api/matters/${items[0].id}`)).json();
    const race = await Promise.all([1, 2].map((i) => admin.put(`/api/matters/${m.id}`, { ...m, frequency: `竞争修改${i}`, version: m.version })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('detects a tampered event and names it', async () => {
    const admin = await t.login('admin');
    const m = (await admin.get('/api/matters')).json().items[1];
    await admin.put(`/api/matters/${m.id}`, { ...m, method: '现场检查、抽样检测', version: m.version });
    await admin.put(`/api/matters/${m.id}`, { ...m, method: '书面检查', version: m.version + 1 });
    const [target] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.resourceId, m.id)).orderBy(auditEvents.id).limit(1);
    await t.database.db.execute(sql`update audit_events set after = jsonb_set(after, '{method}', '"伪造"') where id = ${target.id}`);
    const v = await verifyAuditChain(t.database.db);
    expect(v).toMatchObject({ ok: false, brokenId: target.id });
    // restoring the content makes the chain whole again
    await t.database.db.update(auditEvents).set({ after: target.after }).where(eq(auditEvents.id, target.id));
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
    // deleting an event breaks the link of the next one
    await t.database.db.delete(auditEvents).where(eq(auditEvents.id, target.id));
    const gap = await verifyAuditChain(t.database.db);
    expect(gap.ok).toBe(false);
    if (!gap.ok) expect(gap.brokenId).toBeGreaterThan(target.id);
  });

  it('never stores password hashes in the trail', async () => {
    const rows = await t.database.db.select().from(auditEvents).where(eq(auditEvents.resource, 'users'));
    for (const r of rows) expect(JSON.stringify(r)).not.toMatch(/\$argon2/);
  });
});

describe('personal data', () => {
  it('stores ID numbers encrypted, shows them masked, and never returns the cipher text', async () => {
    const chief = await t.login('chief');
    const list = (await chief.get('/api/practitioners?pageSize=5')).json();
    const p = list.items[0];
    expect(p.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(JSON.stringify(list)).not.toMatch(/idNumberEnc|v1\./);
    const [row] = await t.database.db.select().from(practitioners).where(eq(practitioners.id, p.id));
    expect(row.idNumberEnc).toMatch(/^v1\./);
    const plain = decryptField(row.idNumberEnc!);
    expect(plain).toHaveLength(18);
    expect(plain.slice(0, 4) + '*'.repeat(10) + plain.slice(-4)).toBe(p.idNumber);
    expect(JSON.stringify(row)).not.toContain(plain);
  });

  it('reveals a full ID number only to chiefs and above, with a reason, and audits it', async () => {
    const chief = await t.login('chief');
    const inspector = await t.login('inspector');
    const p = (await chief.get('/api/practitioners?pageSize=1')).json().items[0];
    expect((await inspector.post(`/api/practitioners/${p.id}/reveal-id`, { reason: '核查身份' })).statusCode).toBe(403);
    expect((await chief.post(`/api/practitioners/${p.id}/reveal-id`, {})).statusCode).toBe(400);
    const res = await chief.post(`/api/practitioners/${p.id}/reveal-id`, { reason: '案件调查核对身份' });
    expect(res.statusCode).toBe(200);
    const { idNumber } = res.json();
    expect(idNumber.slice(0, 4) + '*'.repeat(10) + idNumber.slice(-4)).toBe(p.idNumber);
    const [ev] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'reveal'));
    expect(ev).toMatchObject({ resourceId: p.id, reason: '案件调查核对身份', actorName: '李建华' });
    expect(JSON.stringify(ev)).not.toContain(idNumber);
    // another district's practitioner cannot be revealed
    const other = await t.login('inspector2');
    const p2 = (await other.get('/api/practitioners?pageSize=1')).json().items[0];
    expect((await chief.post(`/api/practitioners/${p2.id}/reveal-id`, { reason: '越权查看' })).statusCode).toBe(404);
  });
});
