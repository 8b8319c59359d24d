/**
 * Public intake and tracking of complaints (GUIDE §2.4, issue items 1 and 6): JSON and multipart with
 * photos, anonymous or named, idempotent retries, one transaction before the answer, limits and the
 * tracking page that never shows internal notes, handler names or anyone's identity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { auditEvents, complainants, complaintEvents, complaints, entities, files, users } from '../server/db/schema/index';
import { createTestApp, type TestContext } from './server';

let t: TestContext;
let ipSeq = 0;
/** Each call comes from its own client address, so the per-client rate limit does not interfere. */
const freshIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

const post = (payload: unknown, ip = freshIp(), headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/public/complaints', payload: payload as never, remoteAddress: ip, headers });
const track = (code: string, ip = freshIp()) => t.app.inject({ method: 'GET', url: `/api/public/complaints/${encodeURIComponent(code)}`, remoteAddress: ip });

function multipart(fields: Record<string, string>, photos: { name: string; type: string; content: Buffer }[]) {
  const boundary = `----wj${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const p of photos) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${p.name}"\r\nContent-Type: ${p.type}\r\n\r\n`), p.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]);

const anonymous = { category: 'illegal_practice', content: '某小区一楼有人无证给人输液打针，已经持续一个多月。', address: '临湖区白荡街道幸福路12号', anonymous: true };

beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

describe('POST /api/public/complaints', () => {
  it('stores an anonymous complaint and answers 201 with a short, unambiguous tracking code', async () => {
    const res = await post(anonymous);
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json();
    expect(Object.keys(res.json())).toEqual(['trackingCode']);
    expect(trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.trackingCode, trackingCode));
    expect(row).toMatchObject({ channel: 'public_web', category: 'illegal_practice', anonymous: true, status: 'registered', content: anonymous.content });
    expect(row.nextActor).toBe('科室负责人（受理）');
    expect(row.nextDue).toBe(row.acceptDue);
    // no place given: the top (city) agency receives it
    expect(await t.database.db.select().from(complainants).where(eq(complainants.complaintId, row.id))).toHaveLength(0);
    const events = await t.database.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, row.id));
    expect(events.map((e) => e.action)).toEqual(['register']);
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.resourceId, row.id));
    expect(audits).toHaveLength(1);
    expect(audits[0].actorId).toBeNull();
  });

  it('a named complaint stores the complainant apart from the complaint and never in the audit trail', async () => {
    const res = await post({ ...anonymous, anonymous: false, name: '张三丰', phone: '13812345678' });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.trackingCode, res.json().trackingCode));
    const people = await t.database.db.select().from(complainants).where(eq(complainants.complaintId, row.id));
    expect(people).toMatchObject([{ name: '张三丰', phone: '13812345678' }]);
    const [audit] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.resourceId, row.id));
    expect(JSON.stringify(audit)).not.toContain('13812345678');
    expect(JSON.stringify(audit)).not.toContain('张三丰');
  });

  it('routes a complaint about a registered unit to the agency of its district', async () => {
    const [e] = await t.database.db.select().from(entities).where(sql`${entities.regionCode} like '329902%'`).limit(1);
    const res = await post({ ...anonymous, entityId: e.id, unitName: null });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.trackingCode, res.json().trackingCode));
    expect(row.regionCode).toBe('329902');
    expect(row.unitName).toBe(e.name);
    expect(row.placeRegionCode).toBe(e.regionCode);
    // and by a chosen district/town when the unit is typed as free text
    const res2 = await post({ ...anonymous, unitName: '无名小诊所', regionCode: '329903' });
    const [row2] = await t.database.db.select().from(complaints).where(eq(complaints.trackingCode, res2.json().trackingCode));
    expect(row2.regionCode).toBe('329903');
  });

  it('asks for a name and a phone unless anonymous, naming the field in Chinese', async () => {
    const res = await post({ ...anonymous, anonymous: false });
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields as { field: string; label: string; message: string }[];
    expect(fields.map((f) => f.field).sort()).toEqual(['name', 'phone']);
    expect(fields.find((f) => f.field === 'name')!.message).toContain('匿名');
    const bad = await post({ ...anonymous, category: 'nope', content: '短' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { field: string }) => f.field).sort()).toEqual(['category', 'content']);
    const phone = await post({ ...anonymous, anonymous: false, name: '李四', phone: '12345' });
    expect(phone.json().fields).toMatchObject([{ field: 'phone', label: '联系电话' }]);
  });

  it('a retry with the same submissionKey returns the same tracking code and stores one complaint', async () => {
    const key = `k-${randomBytes(6).toString('hex')}`;
    const first = await post({ ...anonymous, submissionKey: key });
    expect(first.statusCode).toBe(201);
    const again = await post({ ...anonymous, submissionKey: key });
    expect(again.statusCode).toBe(200);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    const [{ n }] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(eq(complaints.submissionKey, key));
    expect(n).toBe(1);
    // concurrent retries too
    const key2 = `k-${randomBytes(6).toString('hex')}`;
    const all = await Promise.all([1, 2, 3, 4].map(() => post({ ...anonymous, submissionKey: key2 })));
    expect(new Set(all.map((r) => r.json().trackingCode)).size).toBe(1);
    const [{ n: n2 }] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(complaints).where(eq(complaints.submissionKey, key2));
    expect(n2).toBe(1);
  });

  it('accepts photos as multipart, checked by their bytes', async () => {
    const fields = { category: 'public_place', content: '宾馆床单明显未更换，有污渍。', address: '临湖区湖滨路88号', anonymous: 'true' };
    const ok = multipart(fields, [{ name: 'a.png', type: 'image/png', content: PNG }, { name: 'b.jpg', type: 'image/jpeg', content: JPEG }]);
    const res = await post(ok.payload, freshIp(), ok.headers);
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.trackingCode, res.json().trackingCode));
    const atts = row.attachments as { id: string; mime: string }[];
    expect(atts.map((a) => a.mime)).toEqual(['image/png', 'image/jpeg']);
    const stored = await t.database.db.select().from(files).where(eq(files.id, atts[0].id));
    expect(Buffer.from(stored[0].content).equals(PNG)).toBe(true);

    // a script named .jpg and declared image/jpeg is refused, and nothing is stored
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(complaints);
    const fake = multipart(fields, [{ name: 'x.jpg', type: 'image/jpeg', content: Buffer.from('<script>alert(1)</script>    ') }]);
    const bad = await post(fake.payload, freshIp(), fake.headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'photos', label: '照片' });
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(complaints);
    expect(after[0].n).toBe(before[0].n);

    // too many photos, too large a photo
    const many = multipart(fields, Array.from({ length: 7 }, (_, i) => ({ name: `${i}.png`, type: 'image/png', content: PNG })));
    expect((await post(many.payload, freshIp(), many.headers)).statusCode).toBe(400);
    const big = multipart(fields, [{ name: 'big.png', type: 'image/png', content: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]) }]);
    expect((await post(big.payload, freshIp(), big.headers)).statusCode).toBe(413);
  });

  it('limits the JSON body size', async () => {
    const res = await post({ ...anonymous, content: '很长'.repeat(20_000) });
    expect(res.statusCode).toBe(413);
  });

  it('rate-limits submissions per client', async () => {
    const ip = '10.9.9.9';
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await post(anonymous, ip)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const limited = await post(anonymous, ip);
    expect(limited.json().message).toContain('频繁');
    // another client is not affected
    expect((await post(anonymous, '10.9.9.10')).statusCode).toBe(201);
  });

  it('if the transaction fails nothing is acknowledged and nothing is half-stored', async () => {
    // make the event insert fail inside the intake transaction
    await t.database.db.execute(sql`alter table complaint_events add constraint wj_test_block check (action <> 'register') not valid`);
    try {
      const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(complaints);
      const res = await post({ ...anonymous, anonymous: false, name: '王五', phone: '13900001111' });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('trackingCode');
      const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(complaints);
      expect(after[0].n).toBe(before[0].n);
      expect(await t.database.db.select().from(complainants).where(eq(complainants.phone, '13900001111'))).toHaveLength(0);
    } finally {
      await t.database.db.execute(sql`alter table complaint_events drop constraint wj_test_block`);
    }
  });
});

describe('GET /api/public/complaints/:code', () => {
  it('shows status and public timeline; accepts the code typed loosely; rejects a mistyped code', async () => {
    const { trackingCode } = (await post({ ...anonymous, anonymous: false, name: '赵六', phone: '13700001234' })).json();
    const res = await track(trackingCode.toLowerCase().replace(/-/g, ' '));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ trackingCode, status: 'registered', statusLabel: '待受理', categoryLabel: '非法行医', merged: false, reply: null });
    expect(body.timeline).toHaveLength(1);
    expect(body.timeline[0].text).toContain('投诉已登记');
    expect(body.acceptDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const text = JSON.stringify(body);
    expect(text).not.toContain('赵六');
    expect(text).not.toContain('13700001234');
    expect(text).not.toContain(anonymous.content);
    // one wrong symbol is caught by the check symbol
    const chars = trackingCode.split('');
    chars[0] = chars[0] === 'A' ? 'B' : 'A';
    const typo = await track(chars.join(''));
    expect(typo.statusCode).toBe(404);
    expect(typo.json().message).toContain('查询码有误');
    expect((await track('0000-0000-0000')).statusCode).toBe(404);
  });

  it('never shows internal notes or handler names', async () => {
    const { trackingCode } = (await post(anonymous)).json();
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.trackingCode, trackingCode));
    const [inspector] = await t.database.db.select().from(users).where(eq(users.username, 'inspector'));
    await t.database.db.insert(complaintEvents).values({
      complaintId: row.id, action: 'verify', note: '内部：举报人是隔壁诊所老板', actorName: inspector.displayName, publicText: null,
    });
    const text = (await track(trackingCode)).body;
    expect(text).not.toContain('内部');
    expect(text).not.toContain(inspector.displayName);
  });
});
