/**
 * Demo lead ledger (线索台账): about 80 leads from every source and in every state — awaiting
 * verification, verified and awaiting the filing decision, overdue, with an extension pending or granted,
 * and disposed of by 立案, 不予立案, 移送 and 并案 (some late) — plus leads turned from the demo tasks whose
 * outcome was 移交立案. All through the real commands, so numbers, events and audit records are genuine;
 * afterwards the registration and event times are moved back to the dates the story says they happened.
 */
import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { agencies, entities, leadEvents, leads, plans, tasks, users } from '../db/schema/index';
import type { Actor } from '../platform/access';
import { loadCalendar } from '../platform/calendar/store';
import {
  createLeadFromTaskInTx, createLeadInTx, decideExtension, disposeLead, requestExtension, verifyLead,
} from '../domains/leads/service';
import type { Disposition, LeadSource } from '../domains/leads/schema';
import { filingDeadline } from '../domains/leads/rules';
import { Rng } from './prng';
import { latestWorkingMoment, localParts, workingMoment } from './story';

async function actorOf(database: Database, username: string): Promise<Actor | null> {
  const [u] = await database.db.select().from(users).where(eq(users.username, username));
  if (!u) return null;
  return {
    userId: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Actor['roles'], agencyId: u.agencyId,
    entityId: null, regionCode: u.regionCode, sessionId: 'demo', csrfToken: 'demo',
  };
}

type Scenario =
  | 'registered' | 'registered_late' | 'verifying' | 'verifying_late' | 'verified' | 'verified_late' | 'ext_pending' | 'extended'
  | Disposition | 'file_late';

const PROBLEMS: Record<string, string[]> = {
  medical: ['涉嫌使用非卫生技术人员从事医疗卫生技术工作', '涉嫌超出登记的诊疗科目范围开展诊疗活动', '医疗废物未按规定分类收集、暂存', '涉嫌未取得《医疗机构执业许可证》擅自执业', '门诊日志、处方登记不规范，涉嫌出具虚假证明文件'],
  public_place: ['从业人员未取得有效健康合格证明上岗', '公共用品用具未按规定清洗消毒', '未按规定公示卫生许可证和卫生信用等级', '集中空调通风系统未按规定清洗'],
  school: ['学校未按规定落实晨午检和因病缺课追踪登记', '教学环境采光照明不符合卫生标准', '学校饮用水设施未定期清洗消毒'],
  water: ['末梢水浑浊度、菌落总数检测超标', '二次供水水箱未按规定清洗消毒', '供水单位直接从事供、管水人员无健康合格证明'],
  other: ['涉嫌违反卫生健康法律法规', '卫生管理制度不落实，相关记录缺失'],
};

const SOURCE_STORY: Record<LeadSource, { ref: (rng: Rng, year: number, n: number) => string; lead: string }> = {
  complaint: { ref: (rng, year) => `12320热线工单 ${year}${String(rng.int(10_000_000, 99_999_999))}`, lead: '12320热线转来群众反映' },
  inspection: { ref: () => '日常监督检查', lead: '日常监督检查中发现' },
  superior: { ref: (_r, year, n) => `澄卫监交〔${year}〕${n}号`, lead: '市卫生健康委交办' },
  subordinate: { ref: (rng, year) => `白荡街道卫生监督协管站报告（${year}年第${rng.int(2, 40)}期）`, lead: '镇街卫生监督协管站报告' },
  department: { ref: (_r, year, n) => `临湖区市场监督管理局移送函 临市监移〔${year}〕${n}号`, lead: '区市场监督管理局移送' },
  media: { ref: (rng) => rng.pick(['澄江日报《民生直通车》栏目', '澄江电视台《今日关注》', '“澄江发布”微信公众号网民留言']), lead: '媒体报道' },
  monitoring: { ref: (_r, year, n) => `监测预警通报 JC${year}-${String(n).padStart(3, '0')}`, lead: '监测预警通报' },
  self_report: { ref: (_r, year, n) => `单位自查报告 ZC${year}-${String(n).padStart(3, '0')}`, lead: '单位自查报告' },
};

const AUTHORITIES = ['公安机关', '市场监督管理部门', '医疗保障部门', '药品监督管理部门'];
const VERIFICATIONS = [
  '执法人员到现场核查，当事人在场，现场检查情况与线索反映基本一致，已制作现场笔录并拍照取证。',
  '经现场核查并调阅相关记录，初步确认存在线索反映的问题，已询问当事人并制作询问笔录。',
  '经现场核查，线索反映的问题部分属实，已责令当事人立即改正并提取相关证据。',
  '执法人员两次到现场核查，调取了相关台账和监控记录，核查情况已书面报告科室负责人。',
];
const NO_FILE_REASONS = ['经核查，未发现线索反映的违法事实', '违法行为轻微并及时改正，没有造成危害后果，依法不予行政处罚', '违法行为已超过行政处罚追诉时效', '经核查，当事人已于线索反映前停止经营'];

export async function loadDemoLeads(database: Database, opts: { seed?: string } = {}) {
  const { db } = database;
  const rng = new Rng(`${opts.seed ?? 'demo'}:leads`);
  const cal = await loadCalendar(db);
  // staff work on working days, 08:30–17:30, and nothing happens after the load: "today" is the last working day begun
  const storyNow = latestWorkingMoment(cal, new Date());
  const today = localParts(storyNow).day;
  const year = Number(today.slice(0, 4));
  const yearStart = `${year}-01-04`;
  const back = (n: number) => cal.addNaturalDays(today, -n, { extendIfRestDay: false });
  const wdBack = (n: number) => cal.addWorkingDays(today, -n);
  const clampYear = (d: string) => (d < yearStart ? yearStart : d);

  const head = (await actorOf(database, 'head'))!;
  const chief = await actorOf(database, 'chief');
  const inspector = await actorOf(database, 'inspector');
  const inspector2 = await actorOf(database, 'inspector2');
  if (!chief || !inspector) return { leads: 0 };
  const [d1] = await db.select().from(agencies).where(eq(agencies.id, chief.agencyId!));
  const districts = await db.select().from(agencies).where(and(eq(agencies.level, '区县'), eq(agencies.recordStatus, 'active'))).orderBy(asc(agencies.regionCode));
  const d2 = inspector2 ? districts.find((a) => a.id === inspector2.agencyId) : undefined;
  const others = districts.filter((a) => a.id !== d1.id && a.id !== d2?.id).slice(0, 3);

  interface Plan { agency: typeof d1; scenario: Scenario; source: LeadSource; receivedOn: string; registrar: Actor; handler: Actor | null; disposer: Actor }
  const plansToMake: Plan[] = [];
  const sources = Object.keys(SOURCE_STORY) as LeadSource[];
  const push = (agency: typeof d1, registrar: Actor, handler: Actor | null, disposer: Actor, mix: [Scenario, number][]) => {
    for (const [scenario, n] of mix) {
      for (let i = 0; i < n; i++) {
        const age = ({
          registered: rng.int(0, 6), registered_late: rng.int(28, 60), verifying: rng.int(2, 12), verifying_late: rng.int(30, 70),
          verified: rng.int(6, 14), verified_late: rng.int(25, 60), ext_pending: rng.int(8, 12), extended: rng.int(12, 18),
        } as Partial<Record<Scenario, number>>)[scenario] ?? rng.int(30, 300);
        plansToMake.push({
          agency, scenario, source: rng.pick(sources.filter((s) => s !== 'inspection' || rng.chance(0.3))), receivedOn: clampYear(back(age)),
          registrar, handler: scenario === 'registered' || scenario === 'registered_late' ? null : handler, disposer,
        });
      }
    }
  };
  push(d1, chief, inspector, chief, [
    ['registered', 3], ['registered_late', 2], ['verifying', 4], ['verifying_late', 2], ['verified', 4], ['verified_late', 3],
    ['ext_pending', 2], ['extended', 2], ['file', 8], ['no_file', 5], ['transfer', 4], ['merge', 3], ['file_late', 2],
  ]);
  if (d2 && inspector2) {
    push(d2, inspector2, inspector2, head, [
      ['registered', 2], ['verifying', 2], ['verifying_late', 1], ['verified', 2], ['verified_late', 2], ['ext_pending', 1],
      ['file', 4], ['no_file', 2], ['transfer', 2], ['merge', 1],
    ]);
  }
  for (const a of others) push(a, head, null, head, [['registered', 1], ['registered_late', 1], ['verified', 1], ['file', 1], ['no_file', 1]]);

  // leads turned from demo tasks whose outcome was 移交立案 (this year's and last year's)
  const caseTasks = await db.select().from(tasks).where(and(eq(tasks.result, 'case'), like(tasks.regionCode, `${d1.regionCode.slice(0, 4)}%`),
    sql`${tasks.inspectedOn} >= ${yearStart}`)).orderBy(asc(tasks.inspectedOn)).limit(8);

  // register in order of receipt so the ledger numbers follow the dates
  type Item = { kind: 'plan'; p: Plan } | { kind: 'task'; t: typeof caseTasks[number] };
  const items: Item[] = [...plansToMake.map((p) => ({ kind: 'plan' as const, p })), ...caseTasks.map((t) => ({ kind: 'task' as const, t }))];
  const dateOf = (i: Item) => (i.kind === 'plan' ? i.p.receivedOn : i.t.inspectedOn ?? today);
  items.sort((a, b) => dateOf(a).localeCompare(dateOf(b)));

  const entityPool = new Map<string, { id: string; name: string; regionCode: string; categories: string[] }[]>();
  const entitiesOf = async (agency: typeof d1) => {
    if (!entityPool.has(agency.id)) {
      entityPool.set(agency.id, await db.select({ id: entities.id, name: entities.name, regionCode: entities.regionCode, categories: entities.categories })
        .from(entities).where(and(like(entities.regionCode, `${agency.regionCode}%`), eq(entities.recordStatus, 'active'))).orderBy(asc(entities.creditCode)).limit(400));
    }
    return entityPool.get(agency.id)!;
  };
  const planNames = new Map((await db.select({ id: plans.id, name: plans.name }).from(plans)).map((p) => [p.id, p.name]));

  type Ent = { id: string; name: string; regionCode: string; categories: string[] };
  const created: { id: string; receivedOn: string; agencyId: string; disposition: string | null; entity?: Ent | null; problem?: string }[] = [];
  const timeline: { id: string; registeredOn: string; verifiedOn?: string; extensionOn?: string; decidedOn?: string; disposedOn?: string }[] = [];
  let refNo = 0;
  const mergedInEvents: { eventId: number; day: string }[] = [];

  for (const item of items) {
    if (item.kind === 'task') {
      const t = item.t;
      const receivedOn = dateOf(item);
      const { id } = await db.transaction((tx) => createLeadFromTaskInTx(tx, head, t, `${t.summary ?? '检查发现涉嫌违法行为'}：${t.entityName}，检查人员 ${t.inspectorNames.join('、')}。`, planNames.get(t.planId) ?? null));
      const verifiedOn = cal.addWorkingDays(receivedOn, 2) <= today ? cal.addWorkingDays(receivedOn, 2) : receivedOn;
      let row = await verifyLead(db, head, id, { verification: rng.pick(VERIFICATIONS), verifiedOn, version: 1 });
      const tl: (typeof timeline)[number] = { id, registeredOn: receivedOn, verifiedOn };
      const fileOn = cal.addWorkingDays(verifiedOn, 3);
      if (fileOn <= today) {
        row = await disposeLead(db, head, id, {
          version: row.version, disposition: 'file', dispositionOn: fileOn, approverId: head.userId, dispositionReason: '检查发现的违法事实基本清楚，依法立案调查',
          transferTo: null, transferDocNo: null, mergedInto: null,
        });
        tl.disposedOn = fileOn;
      }
      timeline.push(tl);
      created.push({ id, receivedOn, agencyId: t.agencyId, disposition: row.disposition });
      continue;
    }
    const p = item.p;
    const pool = await entitiesOf(p.agency);
    // a duplicate (并案) concerns the same party as the lead it is merged into
    const mergeTarget = p.scenario === 'merge'
      ? created.filter((c) => c.agencyId === p.agency.id && (c.disposition === null || c.disposition === 'file') && c.entity).at(-1)
      : undefined;
    const e = mergeTarget?.entity ?? (pool.length ? rng.pick(pool) : null);
    const top = e?.categories[0]?.split('.')[0] ?? 'other';
    const problem = mergeTarget?.problem ?? rng.pick(PROBLEMS[top] ?? PROBLEMS.other);
    const story = SOURCE_STORY[p.source];
    const unitName = e?.name ?? '某无证经营场所';
    const { id } = await db.transaction((tx) => createLeadInTx(tx, p.registrar, {
      source: p.source, originRef: story.ref(rng, year, ++refNo), entityId: e?.id ?? null, unitName,
      facts: `${story.lead}：${unitName}${problem}。`, category: e?.categories[0] ?? null, receivedOn: p.receivedOn,
      agencyId: p.agency.id, regionCode: e?.regionCode ?? p.agency.regionCode, handlerIds: p.handler ? [p.handler.userId] : [],
    }));
    const tl: (typeof timeline)[number] = { id, registeredOn: p.receivedOn };
    timeline.push(tl);
    let version = 1;
    let disposition: string | null = null;
    const verifier = p.handler ?? p.disposer;
    const verifyOn = (on: string) => verifyLead(db, verifier, id, { verification: rng.pick(VERIFICATIONS), verifiedOn: on, version });
    const s = p.scenario;
    if (s === 'registered' || s === 'registered_late' || s === 'verifying' || s === 'verifying_late') {
      created.push({ id, receivedOn: p.receivedOn, agencyId: p.agency.id, disposition, entity: e, problem });
      continue;
    }
    if (s === 'transfer' || s === 'merge') {
      // often decided before verification: outside the agency's competence, or a duplicate
      if (s === 'merge') {
        const target = mergeTarget;
        if (!target) { created.push({ id, receivedOn: p.receivedOn, agencyId: p.agency.id, disposition, entity: e, problem }); continue; }
        let on = cal.addWorkingDays(p.receivedOn, rng.int(1, 4));
        if (on > today) on = today;
        await disposeLead(db, p.disposer, id, {
          version, disposition: 'merge', dispositionOn: on, mergedInto: target.id, dispositionReason: '与已登记线索反映的为同一当事人的同一违法行为',
          approverId: null, transferTo: null, transferDocNo: null,
        });
        tl.disposedOn = on;
        const [ev] = await db.select({ id: leadEvents.id }).from(leadEvents).where(and(eq(leadEvents.leadId, target.id), eq(leadEvents.action, 'merged_in')))
          .orderBy(sql`${leadEvents.id} desc`).limit(1);
        if (ev) mergedInEvents.push({ eventId: ev.id, day: on });
      } else {
        const on = cal.addWorkingDays(p.receivedOn, rng.int(2, 6));
        const authority = rng.pick(AUTHORITIES);
        await disposeLead(db, p.disposer, id, {
          version, disposition: 'transfer', dispositionOn: on > today ? today : on, transferTo: authority,
          transferDocNo: `${p.agency.docPrefix}移〔${year}〕${rng.int(1, 30)}号`,
          dispositionReason: authority === '公安机关' ? '涉嫌犯罪，依法移送公安机关' : '不属于本机关管辖，依法移送有管辖权的部门',
          approverId: null, mergedInto: null,
        });
        tl.disposedOn = on > today ? today : on;
      }
      created.push({ id, receivedOn: p.receivedOn, agencyId: p.agency.id, disposition: s, entity: e, problem });
      continue;
    }
    // verified first
    const verifiedOn = ({
      verified: wdBack(rng.int(0, 4)), verified_late: cal.addWorkingDays(p.receivedOn, rng.int(2, 5)),
      ext_pending: wdBack(rng.int(2, 4)), extended: wdBack(6),
    } as Partial<Record<Scenario, string>>)[s] ?? cal.addWorkingDays(p.receivedOn, rng.int(1, 6));
    const vOn = verifiedOn < p.receivedOn ? p.receivedOn : verifiedOn > today ? today : verifiedOn;
    let row = await verifyOn(vOn);
    version = row.version;
    tl.verifiedOn = vOn;
    if (s === 'ext_pending' || s === 'extended') {
      row = await requestExtension(db, verifier, id, { reason: rng.pick(['需调取当事人近三个月的经营记录', '需等待水质复检结果', '需对相关人员进一步询问核实', '需协调市场监管部门共同核查']), version });
      version = row.version;
      tl.extensionOn = cal.addWorkingDays(vOn, 1) <= today ? cal.addWorkingDays(vOn, 1) : today;
      if (s === 'extended') {
        row = await decideExtension(db, head, id, { approve: true, note: '同意延长 7 日', version });
        version = row.version;
        tl.decidedOn = tl.extensionOn;
      }
    }
    if (s === 'file' || s === 'no_file' || s === 'file_late') {
      const due = filingDeadline(cal, vOn);
      let on = s === 'file_late' ? cal.addWorkingDays(due, rng.int(2, 6)) : cal.addWorkingDays(vOn, rng.int(1, 6));
      if (on > today) on = today;
      await disposeLead(db, p.disposer, id, {
        version, disposition: s === 'no_file' ? 'no_file' : 'file', dispositionOn: on, approverId: head.userId,
        dispositionReason: s === 'no_file' ? rng.pick(NO_FILE_REASONS) : '违法事实基本清楚，依法应当给予行政处罚，予以立案',
        transferTo: null, transferDocNo: null, mergedInto: null,
      });
      tl.disposedOn = on;
      disposition = s === 'no_file' ? 'no_file' : 'file';
    }
    created.push({ id, receivedOn: p.receivedOn, agencyId: p.agency.id, disposition, entity: e, problem });
  }

  // move registration and event times back to the dates of the story, at working times (demo only; audit times stay real)
  const at = (day: string, hour: number) => workingMoment(cal, day, hour * 60 + rng.int(0, 59), storyNow);
  for (const tl of timeline) {
    const last = tl.disposedOn ?? tl.decidedOn ?? tl.extensionOn ?? tl.verifiedOn ?? tl.registeredOn;
    await db.update(leads).set({ createdAt: at(tl.registeredOn, 9), updatedAt: at(last, 16) }).where(eq(leads.id, tl.id));
    const byAction: Record<string, string | undefined> = {
      register: tl.registeredOn, verify: tl.verifiedOn, extension_request: tl.extensionOn, extension_approve: tl.decidedOn,
    };
    const events = await db.select({ id: leadEvents.id, action: leadEvents.action }).from(leadEvents).where(eq(leadEvents.leadId, tl.id));
    for (const e of events) {
      const day = byAction[e.action] ?? (e.action.startsWith('dispose') ? tl.disposedOn : undefined);
      if (day) await db.update(leadEvents).set({ at: at(day, e.action === 'register' ? 9 : 15) }).where(eq(leadEvents.id, e.id));
    }
  }
  for (const m of mergedInEvents) await db.update(leadEvents).set({ at: at(m.day, 15) }).where(eq(leadEvents.id, m.eventId));
  await database.analyze('leads');
  return { leads: created.length };
}
