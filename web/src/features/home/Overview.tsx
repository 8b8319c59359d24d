/**
 * The jurisdiction at a glance (supervisors and administrators): units, practitioners, inspectors, licences, the
 * category chart and the register reminders (licences, 校验, credentials, overdue leads).
 */
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { Alert, Card, Col, Empty, List, Row, Segmented, Skeleton, Statistic, Tag } from 'antd';
import {
  ClockCircleOutlined, ExclamationCircleOutlined, IdcardOutlined, SafetyCertificateOutlined, ShopOutlined, WarningOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { categoryLabel } from '../../app/meta';
import { CATEGORIES } from '../../shared/schemas';
import type { Dashboard } from '../../app/types';
import { useOverdueLeadReminders } from '../leads/overdueReminder';

const CategoryChart = lazy(() => import('./CategoryChart'));

interface Reminder { key: string; title: string; count: number; unit: string; level: 'error' | 'warning' | 'info'; to: string; hint: string }
const LEVEL_COLORS = { error: '#c8102e', warning: '#d9822b', info: '#1456b8' };

function StatCard({ title, value, suffix, icon, color, footer, to }: { title: string; value: number; suffix: string; icon: ReactNode; color: string; footer?: ReactNode; to?: string }) {
  const body = (
    <Card className="wj-stat-card" variant="borderless" hoverable={!!to}>
      <div className="wj-stat">
        <div className="wj-stat-icon" style={{ background: color }} aria-hidden="true">{icon}</div>
        <Statistic title={title} value={value} suffix={suffix} />
      </div>
      {footer && <div className="wj-stat-footer">{footer}</div>}
    </Card>
  );
  return to ? <Link to={to} aria-label={`${title}：${value}${suffix}`}>{body}</Link> : body;
}

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: () => api.get<Dashboard>('/api/dashboard'), staleTime: 60_000 });
}

/** 待办提醒: counts from the registers that somebody should act on. */
export function RemindersCard() {
  const { data, isPending } = useDashboard();
  const leadReminders = useOverdueLeadReminders();
  const reminders: Reminder[] = data ? [
    ...leadReminders,
    { key: 'licenceExpired', title: '许可证已过期', count: data.entities.licenceExpired, unit: '家', level: 'error', to: '/entities?licence=expired', hint: '应督促停止相应执业活动或办理延续' },
    { key: 'licenceExpiring', title: '许可证 60 日内到期', count: data.entities.licenceExpiring, unit: '家', level: 'warning', to: '/entities?licence=expiring', hint: '提醒单位及时办理延续手续' },
    { key: 'checkDue', title: '60 日内应校验', count: data.entities.checkDue, unit: '家', level: 'warning', to: '/entities?licence=checkDue', hint: '医疗机构执业许可证校验（≥100 床每 3 年，其余每年）' },
    ...(data.inspectors ? [
      { key: 'credentialExpired', title: '执法证已过期', count: data.inspectors.credentialExpired, unit: '人', level: 'error' as const, to: '/inspectors?credential=expired', hint: '过期人员不得参与执法和随机选派' },
      { key: 'credentialExpiring', title: '执法证 60 日内到期', count: data.inspectors.credentialExpiring, unit: '人', level: 'warning' as const, to: '/inspectors?credential=expiring', hint: '及时办理执法证换发' },
    ] : []),
  ] : [];
  return (
    <Card title={<><ClockCircleOutlined /> 辖区提醒</>} className="wj-card" size="small">
      {isPending ? <Skeleton active /> : (
        <List
          className="wj-reminders"
          dataSource={reminders}
          locale={{ emptyText: '暂无提醒' }}
          renderItem={(r) => (
            <List.Item key={r.key} actions={[<Link key="go" to={r.to} aria-label={`查看${r.title}`}>查看</Link>]}>
              <List.Item.Meta
                avatar={<ExclamationCircleOutlined style={{ color: r.count ? LEVEL_COLORS[r.level] : '#b8c2cc', fontSize: 18 }} />}
                title={<span>{r.title}<Tag color={r.count ? (r.level === 'error' ? 'red' : 'orange') : 'default'} style={{ marginLeft: 8 }}>{r.count} {r.unit}</Tag></span>}
                description={r.hint}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The four register figures and the category chart. */
export function Overview() {
  const [kind, setKind] = useState<'bar' | 'pie'>('bar');
  const { data, isPending, isError, error } = useDashboard();
  // Sub-types (e.g. 公共场所 / 住宿) are summed into their top-level category; the tooltip lists them.
  const chartData = useMemo(() => {
    const groups = new Map<string, { value: number; parts: string[] }>();
    for (const c of data?.entitiesByCategory ?? []) {
      if (c.n <= 0) continue;
      const top = CATEGORIES.find((x) => x.code === c.code)?.parent ?? c.code;
      const g = groups.get(top) ?? { value: 0, parts: [] };
      g.value += c.n;
      g.parts.push(`${c.code === top ? `${categoryLabel(c.code)}（未细分）` : categoryLabel(c.code)}：${c.n}`);
      groups.set(top, g);
    }
    return [...groups.entries()].map(([code, g]) => ({ label: categoryLabel(code), value: g.value, detail: g.parts }));
  }, [data]);
  const skeleton = <Card><Skeleton active paragraph={{ rows: 1 }} /></Card>;

  return (
    <>
      {isError && <Alert type="error" showIcon title="统计数据加载失败" description={error.message} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} className="wj-home-stats">
        <Col xs={24} sm={12} xl={6}>
          {isPending ? skeleton : <StatCard title="检查对象" value={data?.entities.total ?? 0} suffix="家" icon={<ShopOutlined />} color="#1456b8" to="/entities" footer={<>在业 <b>{data?.entities.operating ?? 0}</b> 家</>} />}
        </Col>
        <Col xs={24} sm={12} xl={6}>
          {isPending ? skeleton : <StatCard title="从业人员" value={data?.practitioners ?? 0} suffix="人" icon={<IdcardOutlined />} color="#36a3a3" to="/practitioners" footer="医师、护士、乡村医生等" />}
        </Col>
        <Col xs={24} sm={12} xl={6}>
          {isPending ? skeleton : <StatCard title="执法人员" value={data?.inspectors?.total ?? 0} suffix="人" icon={<SafetyCertificateOutlined />} color="#5b7bd5" to="/inspectors" footer={<>执法证过期 <b>{data?.inspectors?.credentialExpired ?? 0}</b> 人</>} />}
        </Col>
        <Col xs={24} sm={12} xl={6}>
          {isPending ? skeleton : (
            <StatCard title="许可证临期/过期" value={(data?.entities.licenceExpiring ?? 0) + (data?.entities.licenceExpired ?? 0)} suffix="家" icon={<WarningOutlined />} color="#d9822b" to="/entities"
              footer={<>已过期 <b>{data?.entities.licenceExpired ?? 0}</b> 家 · 60 日内到期 <b>{data?.entities.licenceExpiring ?? 0}</b> 家</>} />
          )}
        </Col>
        <Col xs={24} xl={16}>
          <Card title="检查对象专业类别分布" className="wj-card" size="small"
            extra={<Segmented size="small" value={kind} onChange={(v) => setKind(v as 'bar' | 'pie')} options={[{ value: 'bar', label: '柱状图' }, { value: 'pie', label: '饼图' }]} />}>
            <div className="wj-chart">
              {isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : chartData.length === 0 ? <Empty description="暂无检查对象" /> : (
                <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}><CategoryChart data={chartData} kind={kind} /></Suspense>
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={8}><RemindersCard /></Col>
      </Row>
    </>
  );
}
