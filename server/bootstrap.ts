import { eq, sql } from 'drizzle-orm';
import type { Config } from './config';
import type { Database } from './db/client';
import { settings, users } from './db/schema/index';
import { seedCalendar } from './platform/calendar/store';

/**
 * First-start work: seed the holiday calendar, and load the demo city unless WEIJIAN_DEMO=0.
 * Cheap on later starts (two indexed look-ups).
 */
export async function bootstrap(database: Database, config: Config, log: (msg: string) => void) {
  const { db } = database;
  const [seeded] = await db.select().from(settings).where(eq(settings.key, 'calendar.seeded'));
  if (!seeded) {
    const n = await seedCalendar(db);
    await db.insert(settings).values({ key: 'calendar.seeded', value: { at: new Date().toISOString(), rows: n } }).onConflictDoNothing();
    log(`已载入国家法定节假日与调休安排 ${n} 条`);
  }
  const [{ n: userCount }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (Number(userCount) === 0 && config.demo) {
    const { loadDemoCity } = await import('./demo/load');
    const t = Date.now();
    const summary = await loadDemoCity(database, { password: config.demoPassword });
    const { loadDemoPlans } = await import('./demo/plans');
    await loadDemoPlans(database);
    const { loadDemoLeads } = await import('./demo/leads');
    const demoLeads = await loadDemoLeads(database);
    log(`线索台账演示数据：${demoLeads.leads} 条线索`);
    const { loadDemoComplaints } = await import('./demo/complaints');
    const demoComplaints = await loadDemoComplaints(database);
    log(`投诉举报演示数据：${demoComplaints.complaints} 件`);
    log(`已生成演示城市“${summary.cityName}”：${summary.entities} 个检查对象、${summary.inspectors} 名执法人员、${summary.practitioners} 名从业人员，及上年度已完成、本年度实施中的双随机抽查计划（${Date.now() - t} ms）`);
    log(`演示账号密码：${config.demoPassword}（演示数据，请勿用于生产）`);
  } else if (Number(userCount) === 0) {
    log('数据库中还没有用户。请运行 `npx weijian admin create` 创建系统管理员。');
  }
}
