/** Home page cards of 双随机抽查: an inspector's own tasks, and the current plans with their completion rates. */
import { Card, Col, Empty, List, Row, Skeleton, Statistic, Typography } from 'antd';
import { ProfileOutlined, RightOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../app/api';
import type { ListResult } from '../../app/types';
import { usePlanMeta, type PlanSummary, type Task } from '../plans/api';
import { PlanStatusTag, RateBar } from '../plans/common';
import '../plans/plans.css';

/** 我的检查任务: open, overdue and follow-up counts of the inspections the user was drawn for. */
export function MyTasksCard({ wide }: { wide?: boolean }) {
  const open = useQuery({
    queryKey: ['tasks', 'list', { home: 'open' }],
    queryFn: () => api.get<ListResult<Task>>('/api/tasks', { mine: 'true', status: 'open', pageSize: 3 }),
    staleTime: 60_000,
  });
  const late = useQuery({
    queryKey: ['tasks', 'list', { home: 'overdue' }],
    queryFn: () => api.get<ListResult<Task>>('/api/tasks', { mine: 'true', status: 'overdue', pageSize: 1 }),
    staleTime: 60_000,
  });
  const followUp = useQuery({
    queryKey: ['tasks', 'list', { home: 'followUp' }],
    queryFn: () => api.get<ListResult<Task>>('/api/tasks', { mine: 'true', status: 'followUp', pageSize: 1 }),
    staleTime: 60_000,
  });
  const overdue = late.data?.total ?? 0;
  const next = (open.data?.items ?? []).slice(0, 3);
  return (
    <Card
      title={<><ScheduleOutlined /> 我的检查任务</>}
      className="wj-card wj-home-tasks"
      size="small"
      extra={<Link to="/tasks">全部任务 <RightOutlined /></Link>}
    >
      {open.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : (
        <Row gutter={[16, 8]}>
          <Col xs={24} lg={wide ? 12 : 24}>
            <Row gutter={12} className="wj-home-task-stats">
              <Col span={8}>
                <Link to="/tasks?filter=open" aria-label={`待办任务 ${open.data?.total ?? 0} 个`}>
                  <Statistic title="待办" value={open.data?.total ?? 0} suffix="个" />
                </Link>
              </Col>
              <Col span={8}>
                <Link to="/tasks?filter=open" aria-label={`已逾期 ${overdue} 个`}>
                  <Statistic title="已逾期" value={overdue} suffix="个" styles={{ content: overdue ? { color: '#c8102e' } : undefined }} />
                </Link>
              </Col>
              <Col span={8}>
                <Link to="/tasks?filter=followUp" aria-label={`待复查 ${followUp.data?.total ?? 0} 个`}>
                  <Statistic title="待复查/结案" value={followUp.data?.total ?? 0} suffix="个" />
                </Link>
              </Col>
            </Row>
          </Col>
          <Col xs={24} lg={wide ? 12 : 24}>
            {next.length === 0 ? <Typography.Text type="secondary">暂无待办检查任务</Typography.Text> : (
              <List
                size="small"
                dataSource={next}
                renderItem={(t) => (
                  <List.Item key={t.id} extra={<Typography.Text type={t.overdue ? 'danger' : 'secondary'}>{t.overdue ? '已逾期' : '期限'} {t.dueDate}</Typography.Text>}>
                    <Link to={`/tasks/${t.id}`}>{t.entityName}</Link>
                  </List.Item>
                )}
              />
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}

/** 当前抽查计划: plans published, drawn or in progress, with their completion rates. */
export function CurrentPlansCard() {
  const { data, isPending } = useQuery({
    queryKey: ['plans', 'list', { home: true }],
    queryFn: () => api.get<ListResult<PlanSummary>>('/api/plans', { pageSize: 100 }),
    staleTime: 60_000,
  });
  const meta = usePlanMeta();
  const current = (data?.items ?? []).filter((p) => ['published', 'drawn', 'in_progress'].includes(p.status)).slice(0, 6);
  return (
    <Card
      title={<><ProfileOutlined /> 当前抽查计划</>}
      className="wj-card"
      size="small"
      extra={<Link to="/plans">全部计划 <RightOutlined /></Link>}
    >
      {isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : current.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无实施中的抽查计划" />
      ) : (
        <List
          size="small"
          dataSource={current}
          renderItem={(p) => (
            <List.Item key={p.id} className="wj-home-plan">
              <div className="wj-home-plan-name">
                <Link to={`/plans/${p.id}`}>{p.name}</Link>
                <PlanStatusTag status={p.status} label={p.statusLabel} />
              </div>
              <div className="wj-home-plan-rate">
                {p.tasks ? <RateBar rate={(p.finished ?? 0) / p.tasks} n={p.finished ?? 0} total={p.tasks} width={100} /> : <Typography.Text type="secondary">待抽取</Typography.Text>}
              </div>
            </List.Item>
          )}
        />
      )}
      {meta.data && <Typography.Text type="secondary" className="wj-home-plan-note">{meta.data.rateDefinitions.completion}</Typography.Text>}
    </Card>
  );
}
