/**
 * Demo complaints (投诉举报): about 300 over the last twelve months from every channel and category, in
 * every state — waiting for acceptance, being verified, replied, closed and called back, rejected,
 * transferred from the city to a district, merged, some late and some overdue now, and a fresh pair of
 * likely duplicates. Deterministic (seeded PRNG). The timelines are generated with the real rules
 * (rules.ts: SLA table, working-day calendar, next step) and written in one transaction with one audit
 * record; complaints turned into leads go through the leads service like any other.
 */
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/client';
import { bulkAppend } from '../db/bulk';
import { agencies, complainants, complaintEvents, complaints, entities, users } from '../db/schema/index';
import type { Actor } from '../platform/access';
import { recordAudit } from '../platform/audit';
import { loadCalendar } from '../platform/calendar/store';
import { todayIso } from '../platform/dates';
import { createLeadInTx } from '../domains/leads/service';
import { dueDate, nextStep, resolveSla, trackingCodeFrom } from '../domains/complaints/rules';
import { CHANNELS, OUTCOMES, type Channel, type ComplaintCategory, type ComplaintStatus, type Outcome } from '../domains/complaints/schema';
import { loadSla } from '../domains/complaints/sla';
import { FEMALE_GIVEN, MALE_GIVEN, MOBILE_PREFIXES, SURNAMES } from './names';
import { Rng } from './prng';
import { latestWorkingMoment, localParts, workingMoment } from './story';
import { disposeLead, verifyLead } from '../domains/leads/service';
import { leadEvents, leads } from '../db/schema/index';

const DAY = 86_400_000;

const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['hotline_12320', 30], ['public_web', 20], ['phone', 14], ['wechat', 10], ['letter', 5], ['visit', 5], ['superior', 6], ['department', 5], ['open311', 5],
];
const CATEGORY_WEIGHTS: [ComplaintCategory, number][] = [
  ['illegal_practice', 18], ['medical_beauty', 12], ['medical_service', 15], ['public_place', 18], ['drinking_water', 10], ['school', 5],
  ['occupational', 5], ['radiation', 3], ['infectious', 5], ['disinfection', 4], ['other', 5],
];
/** Which registered units a category is usually about (entity category prefixes). */
const UNIT_CATEGORIES: Partial<Record<ComplaintCategory, string[]>> = {
  medical_beauty: ['medical.beauty', 'public_place.beauty'], medical_service: ['medical.hospital', 'medical.clinic', 'medical.village'],
  public_place: ['public_place.lodging', 'public_place.swimming', 'public_place.bathing', 'public_place.beauty'], drinking_water: ['water'],
  school: ['school'], occupational: ['occupational'], radiation: ['medical.hospital', 'medical.clinic'], infectious: ['medical.hospital', 'medical.clinic'],
  disinfection: ['disinfection_product'], illegal_practice: ['medical.clinic', 'medical.village'],
};
const TEXTS: Record<ComplaintCategory, string[]> = {
  illegal_practice: [
    '{unit}附近有人无证行医，在出租屋里给人输液打针，已经持续一个多月。', '{unit}的坐诊人员没有医师资格，给老人开药打针，收费很高。',
    '{unit}晚上有人给人拔牙、镶牙，没有挂牌，怀疑无证行医。', '{unit}有非卫生技术人员单独给病人做针灸推拿，还开处方药。',
  ],
  medical_beauty: [
    '{unit}在美容间里给人注射玻尿酸、肉毒素，操作的人不是医生。', '在{unit}做了双眼皮，术后感染，怀疑该机构没有医疗美容资质。',
    '{unit}推销“水光针”，在普通美容床上操作，没有消毒。',
  ],
  medical_service: [
    '在{unit}看病，医生开了很多不必要的检查，收费不透明。', '{unit}的医疗废物堆在后门，垃圾桶里有用过的针头。',
    '{unit}执业医师不在岗，由没有资格的人员单独接诊。', '{unit}挂号后等了很久，医生出具的诊断证明与实际病情不符。',
  ],
  public_place: [
    '{unit}客房的床单毛巾没有更换，有明显污渍和头发。', '{unit}游泳池水浑浊、有异味，游完泳皮肤瘙痒。',
    '{unit}的从业人员没有健康证，卫生许可证也没有公示。', '{unit}的公用拖鞋、茶具没有消毒，直接给下一位客人使用。',
  ],
  drinking_water: [
    '{unit}的自来水发黄，有异味，已经持续好几天。', '{unit}二次供水水箱长期没有清洗，水里有沉淀物。', '{unit}供的水烧开后有白色漂浮物，家里老人喝了不舒服。',
  ],
  school: [
    '{unit}饮水机很久没有清洗消毒，孩子喝了肚子疼。', '{unit}教室灯光昏暗，黑板反光，近视的孩子越来越多。', '{unit}有多名学生发热、呕吐，学校没有及时通知家长。',
  ],
  occupational: ['{unit}车间粉尘很大，工人没有防护口罩，也不组织职业健康检查。', '{unit}噪声很大，工人长期没有做过听力检查。'],
  radiation: ['{unit}拍片室门口没有电离辐射警示标识，防护门经常开着。', '{unit}的牙片机没有防护，怀疑没有放射诊疗许可。'],
  infectious: ['{unit}发热门诊预检分诊不规范，发热病人和普通病人混在一起候诊。', '{unit}用过的针头、棉签随意丢在生活垃圾桶里。'],
  disinfection: ['{unit}生产的消毒湿巾没有标注卫生许可证号。', '{unit}的抑菌液宣称能“治疗皮肤病”，怀疑夸大宣传。'],
  other: ['{unit}的体检报告和实际检查的项目不符。', '反映{unit}的卫生问题，希望有关部门尽快调查处理。'],
};
const FREE_UNITS = ['幸福小区一楼出租屋', '菜市场旁无名诊所', '城中村某美容工作室', '老街口推拿店', '某网店', '湖滨花园小区'];
const REPLIES: Record<Outcome, string> = {
  no_violation: '您好！您反映的{unit}相关问题已收悉。经我所执法人员现场调查核实，未发现您所反映的违法行为。我们将继续加强日常监督检查。感谢您对卫生健康监督工作的关心和支持！',
  rectification: '您好！经我所执法人员现场核查，您反映的问题基本属实。我所已依法责令{unit}立即整改，并将跟踪复查整改落实情况。感谢您的监督！',
  lead: '您好！经调查核实，您反映的问题属实，涉嫌违反卫生健康法律法规，我所已依法进一步调查处理，处理结果将依法公开。感谢您的监督！',
};
const OUTCOME_PUBLIC: Record<Outcome, string> = {
  no_violation: '经调查核实，未发现所反映的违法行为。',
  rectification: '经调查核实，已责令被投诉单位整改。',
  lead: '经调查核实，已作为案源线索依法进一步查处。',
};

interface Person { id: string; displayName: string; agencyId: string | null; roles: string[]; username: string; regionCode: string }
type EventRow = typeof complaintEvents.$inferInsert;

/** A time of day between 08:00 and 20:00 China time on the day of `t`. */
const officeHours = (rng: Rng, t: number) => {
  const day = Math.floor((t + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000;
  return day + rng.int(8 * 60, 20 * 60) * 60_000;
};

export async function loadDemoComplaints(database: Database, opts: { seed?: string; count?: number; now?: Date } = {}) {
  const { db } = database;
  const rng = new Rng(`${opts.seed ?? 'demo'}:complaints`);
  const count = opts.count ?? 300;
  const [calendar, rules] = await Promise.all([loadCalendar(db), loadSla(db)]);
  // nothing in the story happens after the last working moment before the load
  const now = latestWorkingMoment(calendar, opts.now ?? new Date()).getTime();
  const people = (await db.select().from(users).where(inArray(users.username, ['chief', 'inspector', 'inspector2', 'head', 'assistant']))) as unknown as Person[];
  const user = (n: string) => people.find((p) => p.username === n);
  const chief = user('chief');
  const inspector = user('inspector');
  const inspector2 = user('inspector2');
  const head = user('head');
  if (!chief || !inspector || !inspector2 || !head) return { complaints: 0 };
  const [city] = await db.select().from(agencies).where(eq(agencies.id, head.agencyId!));
  const [d1] = await db.select().from(agencies).where(eq(agencies.id, chief.agencyId!));
  const [d2] = await db.select().from(agencies).where(eq(agencies.id, inspector2.agencyId!));
  const staffOf = (agencyId: string) => (agencyId === d1.id ? [inspector, chief] : [inspector2]);
  const managerOf = (agencyId: string) => (agencyId === d1.id ? chief : head);
  const units = await db.select({ id: entities.id, name: entities.name, address: entities.address, regionCode: entities.regionCode, categories: entities.categories, lat: entities.lat, lng: entities.lng })
    .from(entities).where(and(eq(entities.recordStatus, 'active'), sql`(${like(entities.regionCode, `${d1.regionCode}%`)} or ${like(entities.regionCode, `${d2.regionCode}%`)})`))
    .limit(4000);
  const unitsFor = (cat: ComplaintCategory) => {
    const prefixes = UNIT_CATEGORIES[cat];
    return prefixes ? units.filter((u) => u.categories.some((c) => prefixes.some((p) => c === p || c.startsWith(`${p}.`)))) : units;
  };
  const actorOf = (p: Person): Actor => ({
    userId: p.id, username: p.username, displayName: p.displayName, roles: p.roles as Actor['roles'], agencyId: p.agencyId, entityId: null,
    regionCode: p.regionCode, sessionId: 'demo', csrfToken: 'demo',
  });

  const rows: (typeof complaints.$inferInsert)[] = [];
  const persons: (typeof complainants.$inferInsert)[] = [];
  const events: EventRow[] = [];
  const leadsToCreate: { complaintIndex: number; at: number }[] = [];

  const rule = (channel: string, category: string, step: 'accept' | 'conclude' | 'extend' | 'callback') => resolveSla(rules, channel, category, step);
  const name = () => `${rng.chance(0.6) ? rng.pick(SURNAMES.slice(0, 12)) : rng.pick(SURNAMES)}${rng.chance(0.5) ? rng.pick(MALE_GIVEN) : rng.pick(FEMALE_GIVEN)}`;
  const phone = () => `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;

  for (let i = 0; i < count; i++) {
    const channel = rng.weighted(CHANNEL_WEIGHTS);
    const category = rng.weighted(CATEGORY_WEIGHTS);
    // more of the recent months, as a live system has
    const ageDays = Math.min(364, Math.floor(365 * rng.next() ** 1.25));
    let received = officeHours(rng, now - ageDays * DAY - rng.int(0, 10 * 3600) * 1000);
    // citizens write at any hour and the 12320 centre answers around the clock; the agency's own staff register in working hours
    if (!['public_web', 'open311', 'hotline_12320'].includes(channel)) {
      const p = localParts(new Date(received));
      received = workingMoment(calendar, p.day, p.minute, new Date(now)).getTime();
    }
    if (received > now) continue;
    const candidates = unitsFor(category);
    const unit = rng.chance(category === 'illegal_practice' ? 0.35 : 0.8) && candidates.length ? rng.pick(candidates) : null;
    const inD2 = unit ? unit.regionCode.startsWith(d2.regionCode) : rng.chance(0.3);
    let agency = inD2 ? d2 : d1;
    // referrals from above and other departments often arrive at the city first and are transferred down
    const viaCity = (channel === 'superior' || channel === 'department' || (!unit && rng.chance(0.15)));
    const anonymous = rng.chance(channel === 'public_web' || channel === 'open311' ? 0.4 : channel === 'letter' ? 0.3 : 0.15);
    const unitName = unit?.name ?? rng.pick(FREE_UNITS);
    const content = rng.pick(TEXTS[category]).replace('{unit}', unitName);
    const address = unit?.address ?? `${inD2 ? '云溪区' : '临湖区'}${rng.pick(['幸福路', '湖滨路', '人民路', '建设路', '解放路'])}${rng.int(1, 200)}号`;
    const id = randomUUID();
    const code = trackingCodeFrom(randomBytes(11));
    const receivedOn = todayIso(new Date(received));
    const ev: EventRow[] = [];
    const at = (t: number) => new Date(Math.min(t, now));
    let status: ComplaintStatus = 'registered';
    let acceptDue = dueDate(calendar, receivedOn, rule(channel, category, 'accept'));
    let concludeDue = dueDate(calendar, receivedOn, rule(channel, category, 'conclude'));
    let extendedDue: string | null = null;
    let extensionReason: string | null = null;
    let acceptedAt: Date | null = null;
    let assignees: Person[] = [];
    let findings: string | null = null;
    let outcome: Outcome | null = null;
    let replyText: string | null = null;
    let repliedAt: Date | null = null;
    let closedAt: Date | null = null;
    let rejectReason: string | null = null;
    let satisfaction: number | null = null;
    let callbackAt: Date | null = null;
    let callbackNote: string | null = null;
    let callbackDue: string | null = null;
    let section: string | null = null;
    const firstAgency = viaCity ? city : agency;
    ev.push({
      complaintId: id, at: at(received), action: 'register', toStatus: 'registered', actorId: null, actorName: channel === 'public_web' || channel === 'open311' ? null : '赵桂芳',
      publicText: `投诉已登记，承办机构：${firstAgency.name}。将于 ${acceptDue} 前决定是否受理并告知您。`, toAgencyId: firstAgency.id, note: `来源：${CHANNELS[channel]}`,
    });
    const stall = rng.chance(0.07) ? rng.int(1, 6) : 99;
    const stuckAt = ageDays <= 45 ? stall : 99; // a few recent ones stall at some step and go overdue
    let t = received;
    /** Staff act on working days between 08:30 and 17:30 (China time): move a step time into the next such slot. */
    const duringWork = (x: number) => {
      for (let k = 0; k < 30; k++) {
        const local = new Date(x + 8 * 3600_000);
        const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
        const day = local.toISOString().slice(0, 10);
        if (calendar.isWorkingDay(day) && minutes >= 8 * 60 + 30 && minutes < 17 * 60 + 30) return x;
        const startOfDay = Date.parse(`${day}T00:00:00+08:00`);
        x = (minutes < 8 * 60 + 30 && calendar.isWorkingDay(day) ? startOfDay : startOfDay + DAY) + (8 * 60 + 30 + rng.int(0, 90)) * 60_000;
      }
      return x;
    };
    const step = (n: number, gapDays: number) => {
      if (n >= stuckAt) return false;
      const next = duringWork(t + gapDays * DAY);
      if (next > now) return false;
      t = next;
      return true;
    };
    const withinAccept = (late: boolean) => {
      const budget = Math.max(0.2, (Date.parse(`${acceptDue}T17:00:00+08:00`) - t) / DAY);
      return late ? budget + rng.float(0.5, 4) : rng.float(0.05, Math.max(0.1, budget * 0.5));
    };

    if (viaCity) {
      if (!step(0, rng.float(0.1, 1.5))) { agency = city; } else {
        ev.push({ complaintId: id, at: at(t), action: 'transfer', fromStatus: 'registered', toStatus: 'registered', note: '属地管辖，转区监督所办理', publicText: `已转交${agency.name}办理。`, fromAgencyId: city.id, toAgencyId: agency.id, actorId: head.id, actorName: head.displayName });
        const on = todayIso(new Date(t));
        acceptDue = dueDate(calendar, on, rule(channel, category, 'accept'));
        concludeDue = dueDate(calendar, on, rule(channel, category, 'conclude'));
      }
    }
    const manager = managerOf(agency.id);
    if (agency.id !== city.id && rng.chance(0.05) && step(1, withinAccept(false))) {
      status = 'rejected';
      rejectReason = rng.pick(['所反映事项不属于卫生健康监督职责范围，请向市场监督管理部门反映。', '所反映事项已通过行政复议程序处理，依法不再重复受理。', '投诉内容不具体，无法核查，且无法联系投诉人补充。']);
      closedAt = new Date(t);
      ev.push({ complaintId: id, at: at(t), action: 'reject', fromStatus: 'registered', toStatus: 'rejected', note: rejectReason, publicText: `不予受理。理由：${rejectReason}`, actorId: manager.id, actorName: manager.displayName });
    } else if (agency.id !== city.id && step(1, withinAccept(rng.chance(0.07)))) {
      status = 'accepted';
      acceptedAt = new Date(t);
      concludeDue = dueDate(calendar, todayIso(acceptedAt), rule(channel, category, 'conclude'));
      ev.push({ complaintId: id, at: at(t), action: 'accept', fromStatus: 'registered', toStatus: 'accepted', publicText: `已受理，将于 ${concludeDue} 前办结并答复。`, actorId: manager.id, actorName: manager.displayName });
      if (step(2, rng.chance(0.08) ? withinAccept(true) : rng.float(0.01, 0.15))) {
        status = 'assigned';
        const staff = staffOf(agency.id);
        assignees = agency.id === d1.id && rng.chance(0.3) ? staff : [staff[0]];
        section = rng.pick(['医疗卫生监督科', '公共卫生监督科', '传染病防治监督科']);
        ev.push({ complaintId: id, at: at(t), action: 'assign', fromStatus: 'accepted', toStatus: 'assigned', note: `承办人：${assignees.map((a) => a.displayName).join('、')}；科室：${section}`, publicText: '已分派承办人员调查核实。', actorId: manager.id, actorName: manager.displayName });
        // the working time left before the conclusion deadline, shared out between the steps (a few run late)
        const window = Math.max(0.5, (Date.parse(`${concludeDue}T17:00:00+08:00`) - t) / DAY) * (channel === 'hotline_12320' ? 0.55 : 0.8);
        const late = rng.chance(0.07);
        const share = (lo: number, hi: number) => rng.float(lo, hi) * window * (late ? 3 : 1);
        if (step(3, share(0.1, 0.35))) {
          status = 'verifying';
          findings = `${todayIso(new Date(t))}，执法人员${assignees.map((a) => a.displayName).join('、')}到${unitName}现场检查，${rng.pick(['查看了相关场所和记录，询问了现场负责人。', '调取了登记台账和监控记录，制作了现场笔录。', '对相关人员进行了询问，拍照取证。'])}`;
          ev.push({ complaintId: id, at: at(t), action: 'verify', fromStatus: 'assigned', toStatus: 'verifying', note: findings, publicText: '正在调查核实。', actorId: assignees[0].id, actorName: assignees[0].displayName });
          // a complex one gets the head's one extension
          if (rng.chance(0.05) && channel !== 'hotline_12320') {
            const ext = rule(channel, category, 'extend');
            extendedDue = dueDate(calendar, concludeDue, { days: ext.days, unit: ext.unit });
            extensionReason = '需调取第三方检测报告，情况复杂';
            ev.push({ complaintId: id, at: at(duringWork(t + 0.1 * DAY)), action: 'extend', fromStatus: 'verifying', toStatus: 'verifying', note: `延长至 ${extendedDue}：${extensionReason}`, publicText: `因情况复杂，经批准办理期限延长至 ${extendedDue}。`, actorId: head.id, actorName: head.displayName });
          }
          if (step(4, share(0.05, 0.25))) {
            status = 'handled';
            const recent = now - t < 45 * DAY;
            outcome = rng.weighted<Outcome>([['no_violation', 45], ['rectification', 45], ['lead', recent ? 14 : 0]]);
            ev.push({ complaintId: id, at: at(t), action: 'handle', fromStatus: 'verifying', toStatus: 'handled', note: OUTCOMES[outcome], publicText: OUTCOME_PUBLIC[outcome], actorId: assignees[0].id, actorName: assignees[0].displayName });
            if (outcome === 'lead') leadsToCreate.push({ complaintIndex: rows.length, at: t });
            if (step(5, share(0.02, 0.12))) {
              status = 'replied';
              replyText = REPLIES[outcome].replace('{unit}', unit ? unit.name : '被投诉单位');
              repliedAt = new Date(t);
              ev.push({ complaintId: id, at: at(t), action: 'reply', fromStatus: 'handled', toStatus: 'replied', note: replyText, publicText: '已答复，答复内容见下方。', actorId: assignees[0].id, actorName: assignees[0].displayName });
              if (step(6, share(0.01, 0.08))) {
                status = 'closed';
                closedAt = new Date(t);
                callbackDue = dueDate(calendar, todayIso(closedAt), rule(channel, category, 'callback'));
                ev.push({ complaintId: id, at: at(t), action: 'close', fromStatus: 'replied', toStatus: 'closed', publicText: '已办结。', actorId: manager.id, actorName: manager.displayName });
                const reachable = !anonymous && rng.chance(0.9);
                if (!reachable && !anonymous && now - t > 10 * DAY) {
                  // tried and could not reach the complainant: recorded without a rating
                  t = duringWork(t + rng.float(0.2, 2) * DAY);
                  callbackAt = new Date(Math.min(t, now));
                  callbackNote = '三次电话联系未接通';
                  ev.push({ complaintId: id, at: at(t), action: 'callback', fromStatus: 'closed', toStatus: 'closed', note: `未取得评价；${callbackNote}`, publicText: '已回访，感谢您的监督。', actorId: manager.id, actorName: manager.displayName });
                } else if (reachable && (now - t > 10 * DAY || rng.chance(0.7)) && step(7, rng.float(0.1, 2.5))) {
                  satisfaction = rng.weighted([[3, 70], [2, 20], [1, 10]]);
                  callbackAt = new Date(t);
                  callbackNote = satisfaction === 1 ? '投诉人认为处理偏轻' : '电话回访';
                  ev.push({ complaintId: id, at: at(t), action: 'callback', fromStatus: 'closed', toStatus: 'closed', note: `满意度：${['', '不满意', '基本满意', '满意'][satisfaction]}；${callbackNote}`, publicText: '已回访，感谢您的监督。', actorId: manager.id, actorName: manager.displayName });
                }
              }
            }
          }
        }
      }
    }
    const next = nextStep({
      status, acceptDue, concludeDue, extendedDue, assigneeNames: assignees.map((a) => a.displayName), callbackDone: !!callbackAt, reachable: !anonymous, callbackDue,
    });
    rows.push({
      id, regionCode: agency.regionCode, trackingCode: code, channel, category, content, address, lat: unit?.lat ?? null, lng: unit?.lng ?? null,
      placeRegionCode: unit?.regionCode ?? (inD2 ? d2.regionCode : d1.regionCode), entityId: unit?.id ?? null, unitName, occurredOn: todayIso(new Date(received - rng.int(0, 10) * DAY)),
      anonymous, externalRef: channel === 'hotline_12320' ? `12320-${receivedOn.replace(/-/g, '')}-${String(rng.int(1, 9999)).padStart(4, '0')}` : channel === 'superior' ? `澄卫转〔${receivedOn.slice(0, 4)}〕${rng.int(1, 200)}号` : null,
      receivedAt: new Date(received), agencyId: agency.id, section, assigneeIds: assignees.map((a) => a.id), assigneeNames: assignees.map((a) => a.displayName),
      status, nextActor: next.nextActor, nextDue: next.nextDue, acceptDue, concludeDue, extendedDue, extensionReason, extensionApprovedBy: extendedDue ? head.id : null,
      acceptedAt, rejectReason, findings, outcome, replyText, repliedAt, closedAt, satisfaction, callbackAt, callbackNote,
      createdAt: new Date(received), updatedAt: new Date(Math.min(t, now)), version: ev.length,
    });
    if (!anonymous) persons.push({ complaintId: id, name: name(), phone: phone(), createdAt: new Date(received) });
    events.push(...ev);
  }

  // a fresh pair of likely duplicates in 临湖区: the same clinic, similar words, a day apart, both waiting
  const clinic = unitsFor('illegal_practice').find((u) => u.regionCode.startsWith(d1.regionCode));
  if (clinic) {
    for (const [k, text, channel] of [[2, '{unit}有人无证给老人输液，诊所里很脏，针头乱丢。', 'hotline_12320'], [1, '{unit}里没有医生资格的人在给老人打吊针，针头随便丢。', 'public_web']] as const) {
      const received = officeHours(rng, now - k * DAY);
      const id = randomUUID();
      const receivedOn = todayIso(new Date(received));
      const acceptDue = dueDate(calendar, receivedOn, rule(channel, 'illegal_practice', 'accept'));
      const concludeDue = dueDate(calendar, receivedOn, rule(channel, 'illegal_practice', 'conclude'));
      const next = nextStep({ status: 'registered', acceptDue, concludeDue, extendedDue: null, assigneeNames: [] });
      rows.push({
        id, regionCode: d1.regionCode, trackingCode: trackingCodeFrom(randomBytes(11)), channel, category: 'illegal_practice', content: text.replace('{unit}', clinic.name),
        address: clinic.address, lat: clinic.lat, lng: clinic.lng, placeRegionCode: clinic.regionCode, entityId: clinic.id, unitName: clinic.name, anonymous: false,
        receivedAt: new Date(received), agencyId: d1.id, status: 'registered', nextActor: next.nextActor, nextDue: next.nextDue, acceptDue, concludeDue,
        createdAt: new Date(received), updatedAt: new Date(received),
      });
      persons.push({ complaintId: id, name: name(), phone: phone(), createdAt: new Date(received) });
      events.push({ complaintId: id, at: new Date(received), action: 'register', toStatus: 'registered', actorName: channel === 'public_web' ? null : '赵桂芳', note: `来源：${CHANNELS[channel]}`, toAgencyId: d1.id, publicText: `投诉已登记，承办机构：${d1.name}。将于 ${acceptDue} 前决定是否受理并告知您。` });
    }
  }
  // today's work: a complaint received on the previous working day, accepted and assigned to the demo inspector today
  const pool = unitsFor('public_place').filter((u) => u.regionCode.startsWith(d1.regionCode));
  if (pool.length) {
    const unit = pool[pool.length - 1];
    const assignedAt = new Date(now);
    const dayBefore = calendar.addWorkingDays(localParts(assignedAt).day, -1);
    const received = workingMoment(calendar, dayBefore, 15 * 60 + 40, assignedAt).getTime();
    const acceptedAt = new Date(Math.max(received + 60_000, now - 20 * 60_000));
    const id = randomUUID();
    const receivedOn = todayIso(new Date(received));
    const acceptDue = dueDate(calendar, receivedOn, rule('phone', 'public_place', 'accept'));
    const concludeDue = dueDate(calendar, todayIso(acceptedAt), rule('phone', 'public_place', 'conclude'));
    const next = nextStep({ status: 'assigned', acceptDue, concludeDue, extendedDue: null, assigneeNames: [inspector.displayName] });
    rows.push({
      id, regionCode: d1.regionCode, trackingCode: trackingCodeFrom(randomBytes(11)), channel: 'phone', category: 'public_place',
      content: `${unit.name}的公用茶具、拖鞋没有消毒，直接给下一位客人使用，前台说没有消毒间。`, address: unit.address, lat: unit.lat, lng: unit.lng,
      placeRegionCode: unit.regionCode, entityId: unit.id, unitName: unit.name, anonymous: false, receivedAt: new Date(received), agencyId: d1.id,
      section: '公共卫生监督科', assigneeIds: [inspector.id], assigneeNames: [inspector.displayName], status: 'assigned', acceptedAt,
      nextActor: next.nextActor, nextDue: next.nextDue, acceptDue, concludeDue, createdAt: new Date(received), updatedAt: assignedAt, version: 3,
    });
    persons.push({ complaintId: id, name: name(), phone: phone(), createdAt: new Date(received) });
    events.push(
      { complaintId: id, at: new Date(received), action: 'register', toStatus: 'registered', actorName: '赵桂芳', note: `来源：${CHANNELS.phone}`, toAgencyId: d1.id, publicText: `投诉已登记，承办机构：${d1.name}。将于 ${acceptDue} 前决定是否受理并告知您。` },
      { complaintId: id, at: acceptedAt, action: 'accept', fromStatus: 'registered', toStatus: 'accepted', publicText: `已受理，将于 ${concludeDue} 前办结并答复。`, actorId: chief.id, actorName: chief.displayName },
      { complaintId: id, at: assignedAt, action: 'assign', fromStatus: 'accepted', toStatus: 'assigned', note: `承办人：${inspector.displayName}；科室：公共卫生监督科`, publicText: '已分派承办人员调查核实。', actorId: chief.id, actorName: chief.displayName },
    );
  }
  // an older pair already merged: the duplicate follows its master
  const masterIdx = rows.findIndex((r) => r.status === 'closed' && r.agencyId === d1.id && r.entityId);
  const dupIdx = rows.findIndex((r, i) => i > masterIdx && r.status === 'registered' && r.agencyId === d1.id && !r.anonymous);
  if (masterIdx >= 0 && dupIdx >= 0) {
    const m = rows[masterIdx];
    const d = rows[dupIdx];
    Object.assign(d, {
      status: 'merged', mergedInto: m.id, nextActor: null, nextDue: null, entityId: m.entityId, unitName: m.unitName, address: m.address, placeRegionCode: m.placeRegionCode,
      category: m.category, receivedAt: new Date((m.receivedAt as Date).getTime() + 0.6 * DAY), createdAt: new Date((m.receivedAt as Date).getTime() + 0.6 * DAY),
      content: `${m.unitName}的问题我也遇到过，请一并查处：${(m.content as string).slice(0, 40)}`,
    });
    for (const e of events) if (e.complaintId === d.id) e.at = new Date((m.receivedAt as Date).getTime() + 0.6 * DAY);
    const mergedAt = workingMoment(calendar, localParts(new Date((m.receivedAt as Date).getTime() + 2 * DAY)).day, 10 * 60 + 15, new Date(now));
    events.push(
      { complaintId: d.id!, at: mergedAt, action: 'merge', fromStatus: 'registered', toStatus: 'merged', note: `并入投诉 ${m.trackingCode}；同一事项`, publicText: '该投诉与反映同一问题的其他投诉合并办理，办理进度和答复见下方。', actorId: chief.id, actorName: chief.displayName },
      { complaintId: m.id!, at: mergedAt, action: 'merge_in', note: `投诉 ${d.trackingCode} 并入本件；同一事项`, actorId: chief.id, actorName: chief.displayName },
    );
  }

  // one key set for every event row (bulkAppend groups rows by their keys), inserted in time order
  const full = events.map((e) => ({
    complaintId: e.complaintId, at: e.at, action: e.action, fromStatus: e.fromStatus ?? null, toStatus: e.toStatus ?? null, note: e.note ?? null,
    publicText: e.publicText ?? null, fromAgencyId: e.fromAgencyId ?? null, toAgencyId: e.toAgencyId ?? null, actorId: e.actorId ?? null, actorName: e.actorName ?? null,
  })).sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) await bulkAppend(tx, complaints, rows.slice(i, i + 500) as Record<string, unknown>[]);
    if (persons.length) await bulkAppend(tx, complainants, persons as Record<string, unknown>[]);
    for (let i = 0; i < full.length; i += 1000) await bulkAppend(tx, complaintEvents, full.slice(i, i + 1000) as Record<string, unknown>[]);
    // complaints turned into leads: through the leads service, like any other
    for (const l of leadsToCreate) {
      const r = rows[l.complaintIndex];
      const lead = await createLeadInTx(tx, actorOf(r.agencyId === d1.id ? chief : head), {
        source: 'complaint', originType: 'complaint', originId: r.id!, originRef: r.trackingCode ?? undefined, entityId: r.entityId ?? null,
        unitName: r.unitName ?? '（未注明单位）', facts: `${r.content}\n\n核查情况：${r.findings}`, category: r.category, receivedOn: todayIso(r.receivedAt as Date),
        agencyId: r.agencyId, regionCode: r.regionCode, handlerIds: r.assigneeIds as string[],
      });
      await tx.update(complaints).set({ leadId: lead.id }).where(eq(complaints.id, r.id!));
    }
    await recordAudit(tx, null, {
      action: 'import', resource: 'complaints', resourceId: 'demo', reason: '演示数据',
      after: { complaints: rows.length, events: events.length, leads: leadsToCreate.length },
    });
  });
  await verifyComplaintLeads(database, rows, leadsToCreate, { chief: actorOf(chief), head: actorOf(head), d1: d1.id, now: new Date(now), rng });
  await database.analyze('complaints');
  return { complaints: rows.length, leads: leadsToCreate.length };
}

/**
 * A complaint handled as 转为线索 was verified on site before it became a lead (its findings are in the lead's facts):
 * the lead is verified on that day, and once the 7 working days for the filing decision have run, it was filed in time
 * with the head's approval (程序规定第三十二条). Events are stamped at working times on those days.
 */
async function verifyComplaintLeads(
  database: Database, rows: (typeof complaints.$inferInsert)[], made: { complaintIndex: number; at: number }[],
  o: { chief: Actor; head: Actor; d1: string; now: Date; rng: Rng },
) {
  const { db } = database;
  const calendar = await loadCalendar(db);
  const today = localParts(o.now).day;
  for (const m of made) {
    const c = rows[m.complaintIndex];
    const [link] = await db.select({ leadId: complaints.leadId }).from(complaints).where(eq(complaints.id, c.id!));
    if (!link?.leadId) continue;
    const [lead] = await db.select({ id: leads.id, version: leads.version, receivedOn: leads.receivedOn }).from(leads).where(eq(leads.id, link.leadId));
    // registered when the complaint was handled as 转为线索; the on-site check it rests on is recorded right after
    const handled = localParts(new Date(m.at));
    const registeredAt = workingMoment(calendar, handled.day, handled.minute, o.now);
    const actor = c.agencyId === o.d1 ? o.chief : o.head;
    const verifiedOn = (c.findings ?? '').slice(0, 10);
    const on = /^\d{4}-\d{2}-\d{2}$/.test(verifiedOn) && verifiedOn >= lead.receivedOn && verifiedOn <= today ? verifiedOn : lead.receivedOn;
    let row = await verifyLead(db, actor, lead.id, { verification: `投诉核查情况：${c.findings}`, verifiedOn: on, version: lead.version });
    const stamps: Record<string, Date> = { verify: workingMoment(calendar, handled.day, localParts(registeredAt).minute + 10, o.now) };
    const decideOn = calendar.addWorkingDays(handled.day, o.rng.int(2, 5));
    if (decideOn <= today) {
      row = await disposeLead(db, actor, lead.id, {
        version: row.version, disposition: 'file', dispositionOn: decideOn, approverId: o.head.userId, dispositionReason: '经核查违法事实基本清楚，依法立案调查',
        transferTo: null, transferDocNo: null, mergedInto: null,
      });
      stamps.dispose_file = workingMoment(calendar, decideOn, 10 * 60 + o.rng.int(0, 50), o.now);
    }
    const evs = await db.select({ id: leadEvents.id, action: leadEvents.action }).from(leadEvents).where(eq(leadEvents.leadId, lead.id));
    for (const e of evs) {
      const at = e.action === 'register' ? registeredAt : stamps[e.action];
      if (at) await db.update(leadEvents).set({ at }).where(eq(leadEvents.id, e.id));
    }
    const last = stamps.dispose_file ?? stamps.verify;
    await db.execute(sql`update leads set created_at = ${registeredAt.toISOString()}::timestamptz, updated_at = ${last.toISOString()}::timestamptz where id = ${lead.id}`);
  }
}
