/**
 * Demo random-inspection programme: last year's plan (published, drawn, carried out, completed) and this
 * year's city plan (drawn, in progress), both through the real commands so their draws verify publicly.
 * Outcomes are chosen by a seeded PRNG; the draws themselves use fresh secrets, like any real draw.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { agencies, inspectors, matters, plans, taskEvents, tasks, users } from '../db/schema/index';
import type { Actor } from '../platform/access';
import { loadCalendar } from '../platform/calendar/store';
import { latestWorkingMoment, localParts, workingDay, workingMoment } from './story';
import { createPlan, drawPlanTargets, publishPlan, completePlan } from '../domains/plans/service';
import { assignInspectors, closeFollowUp, recordOutcome, recordUnable, startTask } from '../domains/plans/tasks';
import type { PlanInput } from '../domains/plans/schema';
import { Rng } from './prng';

async function actorOf(database: Database, username: string): Promise<Actor> {
  const [u] = await database.db.select().from(users).where(eq(users.username, username));
  return {
    userId: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Actor['roles'], agencyId: u.agencyId,
    entityId: null, regionCode: u.regionCode, sessionId: 'demo', csrfToken: 'demo',
  };
}

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

export async function loadDemoPlans(database: Database, opts: { seed?: string } = {}) {
  const { db } = database;
  const rng = new Rng(`${opts.seed ?? 'demo'}:plans`);
  const chief = await actorOf(database, 'chief');
  const head = await actorOf(database, 'head');
  const matterRows = await db.select({ id: matters.id, code: matters.code }).from(matters);
  const matterId = (...codes: string[]) => matterRows.filter((m) => codes.includes(m.code)).map((m) => m.id);
  const [cityAgency] = await db.select().from(agencies).where(eq(agencies.id, head.agencyId!));
  const districts = await db.select().from(agencies).where(and(eq(agencies.level, '区县'), eq(agencies.recordStatus, 'active')));
  const carriers = districts.filter((a) => a.regionCode.startsWith(cityAgency.regionCode.slice(0, 4))).slice(0, 3).map((a) => a.id);

  // ---- last year: a district plan, completed ----
  const lastYear: PlanInput = {
    name: '2025年临湖区公共场所及医疗机构卫生双随机抽查计划', level: '区县', year: 2025, agencyId: chief.agencyId!,
    matterIds: matterId('GG-01', 'GG-04', 'YL-01'), categories: ['public_place', 'medical'], targetRegions: [], carrierAgencyIds: [],
    windowStart: '2025-03-01', windowEnd: '2025-11-30',
    strata: [
      { key: 'lodging', name: '住宿场所', categories: ['public_place.lodging'], regionCodes: [], mode: 'count', count: 8, ratioBp: 0 },
      { key: 'beauty', name: '美容美发场所', categories: ['public_place.beauty'], regionCodes: [], mode: 'count', count: 8, ratioBp: 0 },
      { key: 'medical', name: '医疗机构', categories: ['medical'], regionCodes: [], mode: 'ratio', count: 0, ratioBp: 500 },
    ],
    rules: { inspectorsPerTarget: 2, maxShareBp: 3000, avoidSameTown: true, avoidLastPair: true },
    exclusions: { excludeInspectedInPeriod: true, minIntervalDays: 0 },
    description: '依据国家卫生健康委年度随机监督抽查计划和省、市工作部署，对辖区住宿、美容美发场所和医疗机构开展双随机抽查。',
  };
  const p1 = await runDraw(database, chief, lastYear, '福彩3D 2025年第058期开奖号码 3 8 5', new Date('2025-03-03T02:30:00Z'), '2025-02-28T08:00:00Z');
  await carryOut(database, chief, p1, rng, { share: 1, start: '2025-03-10', end: '2025-11-20' });
  const [row1] = await db.select().from(plans).where(eq(plans.id, p1));
  await completePlan(db, chief, p1, row1.version);
  const cal = await loadCalendar(db);
  const storyNow = latestWorkingMoment(cal, new Date());
  await db.update(plans).set({ completedAt: workingMoment(cal, '2025-12-05', 15 * 60 + 20, storyNow), updatedAt: workingMoment(cal, '2025-12-05', 15 * 60 + 20, storyNow) })
    .where(eq(plans.id, p1));

  // ---- this year: a city plan carried out by the districts, in progress ----
  const thisYear: PlanInput = {
    name: '2026年澄江市卫生健康双随机监督抽查计划', level: '市', year: 2026, agencyId: head.agencyId!,
    matterIds: matterId('GG-01', 'GG-02', 'GG-04', 'YL-01', 'XX-01'), categories: ['public_place', 'medical', 'school'], targetRegions: [],
    carrierAgencyIds: carriers, windowStart: '2026-03-01', windowEnd: '2026-12-31',
    strata: [
      { key: 'lodging', name: '住宿场所', categories: ['public_place.lodging'], regionCodes: [], mode: 'ratio', count: 0, ratioBp: 1000 },
      { key: 'swimming', name: '游泳场所', categories: ['public_place.swimming'], regionCodes: [], mode: 'ratio', count: 0, ratioBp: 2000 },
      { key: 'beauty', name: '美容美发场所', categories: ['public_place.beauty'], regionCodes: [], mode: 'ratio', count: 0, ratioBp: 500 },
      { key: 'medical', name: '医疗机构', categories: ['medical'], regionCodes: [], mode: 'ratio', count: 0, ratioBp: 500 },
      { key: 'school', name: '学校', categories: ['school'], regionCodes: [], mode: 'count', count: 6, ratioBp: 0 },
    ],
    rules: { inspectorsPerTarget: 2, maxShareBp: 2500, avoidSameTown: true, avoidLastPair: true },
    exclusions: { excludeInspectedInPeriod: true, minIntervalDays: 180 },
    description: '按照国家和省随机监督抽查工作要求，市卫生健康委统一制定计划、统一抽取，各区卫生健康监督机构组织实施，结果依法向社会公示。',
  };
  const p2 = await runDraw(database, head, thisYear, '体彩排列3 第26056期开奖号码 9 0 2', new Date('2026-03-02T02:30:00Z'), '2026-02-26T08:00:00Z');
  await carryOut(database, head, p2, rng, { share: 0.45, start: '2026-03-09', end: '2026-10-30' });
  await database.analyze();
  return { plans: 2 };
}

async function runDraw(database: Database, actor: Actor, input: PlanInput, publicValue: string, drawnAt: Date, publishedAt: string) {
  const { db } = database;
  const created = await createPlan(db, actor, input);
  const published = await publishPlan(db, actor, created.id, created.version, { acceptUnstaffable: true });
  await drawPlanTargets(db, actor, created.id, publicValue, published.version, drawnAt);
  // the demo history: prepared and published a few days before the draw; tasks created by the draw
  await db.update(plans).set({ publishedAt: new Date(publishedAt), createdAt: new Date(Date.parse(publishedAt) - 3 * 86400_000 - 5 * 3600_000), updatedAt: drawnAt })
    .where(eq(plans.id, created.id));
  await db.update(tasks).set({ createdAt: drawnAt, updatedAt: drawnAt }).where(eq(tasks.planId, created.id));
  return created.id;
}

/** Record outcomes for a share of the tasks: mostly 合格, some 责令整改 (with 复查), a few 无法检查. */
async function carryOut(database: Database, actor: Actor, planId: string, rng: Rng, o: { share: number; start: string; end: string }) {
  const { db } = database;
  const cal = await loadCalendar(db);
  const storyNow = latestWorkingMoment(cal, new Date());
  const [plan] = await db.select({ drawnAt: plans.drawnAt }).from(plans).where(eq(plans.id, planId));
  /** Stamp the task's events (in order) at the given moments, and the task's last change at the last one. */
  const stamp = async (taskId: string, moments: Date[]) => {
    const evs = await db.select({ id: taskEvents.id }).from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(taskEvents.id);
    const own = evs.slice(evs.length - moments.length);
    for (let i = 0; i < own.length; i++) await db.update(taskEvents).set({ at: moments[i] }).where(eq(taskEvents.id, own[i].id));
    if (moments.length) await db.update(tasks).set({ updatedAt: moments[moments.length - 1] }).where(eq(tasks.id, taskId));
  };
  // targets the rules could not staff: the section chief assigns two inspectors, with a published reason
  const unstaffed = await db.select().from(tasks).where(and(eq(tasks.planId, planId), eq(tasks.status, 'unstaffed')));
  for (const t of unstaffed) {
    const staff = await db.select({ id: inspectors.id }).from(inspectors)
      .where(and(eq(inspectors.agencyId, t.agencyId), eq(inspectors.recordStatus, 'active'), sql`${inspectors.credentialExpiry} >= ${t.dueDate}`))
      .orderBy(inspectors.name).limit(2);
    if (staff.length === 2) {
      await assignInspectors(db, actor, t.id, { inspectorIds: staff.map((x) => x.id), reason: '按回避和专业规则无可派人员，由科室负责人指派', version: t.version });
      // the working day after the draw
      const drawn = localParts(plan.drawnAt!).day;
      await stamp(t.id, [workingMoment(cal, cal.addWorkingDays(drawn, 1), rng.int(9 * 60, 11 * 60), storyNow)]);
    }
  }
  const rows = await db.select().from(tasks).where(and(eq(tasks.planId, planId), inArray(tasks.status, ['pending'])))
    .orderBy(tasks.stratum, tasks.seq);
  const span = (Date.parse(o.end) - Date.parse(o.start)) / 86400_000;
  // the last working day whose working hours have begun: nothing is done later than that
  const today = localParts(storyNow).day;
  for (const t of rows) {
    if (rng.next() >= o.share) continue;
    // inspections happen on working days
    const day = workingDay(cal, addDays(o.start, rng.int(0, Math.floor(span))), 'forward');
    if (day > today) continue;
    const t1 = workingMoment(cal, day, rng.int(9 * 60, 11 * 60 + 30), storyNow);
    const t2 = workingMoment(cal, day, localParts(t1).minute + rng.int(40, 150), storyNow);
    const started = await startTask(db, actor, t.id, t.version);
    const roll = rng.next();
    const closeAt = (on: string) => workingMoment(cal, on, rng.int(9 * 60, 16 * 60), storyNow);
    if (roll < 0.06) {
      await recordUnable(db, actor, t.id, { reason: rng.pick(['not_found', 'closed', 'moved'] as const), note: '经现场核查，该单位已不在登记地址经营', inspectedOn: day, version: started.version });
      await stamp(t.id, [t1, t2]);
    } else if (roll < 0.22) {
      const due = workingDay(cal, addDays(day, 30), 'forward');
      const done = await recordOutcome(db, actor, t.id, {
        result: 'rectify', summary: rng.pick(['从业人员健康合格证明不全', '公共用品用具消毒记录不完整', '未按规定公示卫生许可证', '医疗废物暂存不规范']),
        inspectedOn: day, attachmentIds: [], followUpDue: due, version: started.version,
      });
      if (due <= today && rng.chance(0.8)) {
        await closeFollowUp(db, actor, t.id, { result: 'rectified', followUpOn: due, note: '复查时已整改到位', version: done.version });
        await stamp(t.id, [t1, t2, closeAt(due)]);
      } else await stamp(t.id, [t1, t2]);
    } else if (roll < 0.25) {
      const done = await recordOutcome(db, actor, t.id, { result: 'case', summary: '发现涉嫌违法行为，移交立案调查', inspectedOn: day, attachmentIds: [], version: started.version });
      const closedOn = workingDay(cal, addDays(day, 60), 'forward');
      if (closedOn <= today) {
        await closeFollowUp(db, actor, t.id, { result: 'closed', followUpOn: closedOn, note: '案件已作出处罚决定并执行完毕', version: done.version });
        await stamp(t.id, [t1, t2, closeAt(closedOn)]);
      } else await stamp(t.id, [t1, t2]);
    } else {
      await recordOutcome(db, actor, t.id, { result: 'qualified', summary: '现场检查未发现问题', inspectedOn: day, attachmentIds: [], version: started.version });
      await stamp(t.id, [t1, t2]);
    }
  }
}
