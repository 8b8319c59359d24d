/** 抽查计划详情: status steps, the actions of the current status, the published commitment, tasks, progress, content. */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Grid, Result, Skeleton, Space, Steps, Tabs, Tooltip, Typography } from 'antd';
import {
  ArrowLeftOutlined, CheckCircleOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, ExportOutlined, SendOutlined, ThunderboltOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PLAN_WRITE } from '../../app/access';
import { ApiError, api, download } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageContainer } from '../../components/PageContainer';
import { ReasonDialog } from '../../components/ReasonDialog';
import { planKeys, usePlan, type Plan } from './api';
import { canWritePlanRegion, fmtTime, HashText, PLAN_STEPS, PlanStatusTag, showActionError } from './common';
import { DrawDialog } from './DrawDialog';
import { PlanContent } from './PlanContent';
import { PlanStatsTab } from './PlanStatsTab';
import { PlanTasksTab } from './PlanTasksTab';
import { PublishDialog } from './PublishDialog';
import './plans.css';

const STEP_TITLES = ['草稿', '已发布', '已抽取', '实施中', '已完成'];

function PlanSteps({ plan }: { plan: Plan }) {
  const current = PLAN_STEPS.indexOf(plan.status);
  const times = [null, plan.publishedAt, plan.drawnAt, null, plan.completedAt];
  return (
    <Steps
      className="wj-plan-steps"
      size="small"
      current={current}
      status={plan.status === 'completed' ? 'finish' : 'process'}
      responsive
      items={STEP_TITLES.map((title, i) => ({
        title,
        content: i === 0 ? (current === 0 ? '编辑中' : '已定稿') : i === 3 ? (current >= 3 ? '任务办理中' : '') : times[i] ? fmtTime(times[i]) : '',
      }))}
    />
  );
}

/** 公示信息: what was published before the draw and what the draw used, with copy buttons. */
function PublicInfo({ plan }: { plan: Plan }) {
  const p = plan.published!;
  const screens = Grid.useBreakpoint();
  const publicUrl = `/public/plans/${plan.id}`;
  return (
    <Card
      className="wj-card wj-public-card"
      size="small"
      title={<span>公示信息 <Typography.Text type="secondary" className="wj-card-hint">发布时公开承诺，抽取后任何人可复核</Typography.Text></span>}
      extra={<a href={publicUrl} target="_blank" rel="noreferrer" data-testid="public-link"><ExportOutlined /> 公示页面（公众复核）</a>}
    >
      {plan.status === 'published' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="计划已发布，等待抽取"
          description="候选名单和执法人员名单已冻结，下列承诺值和哈希值已公开。请在抽取日录入当日的公开随机值（如彩票开奖号码）进行抽取。"
        />
      )}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 2, xxl: 2 }}
        layout={screens.sm === false ? 'vertical' : 'horizontal'}
        styles={{ label: screens.sm === false ? undefined : { width: 128, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'commitment', label: '种子承诺值', children: <HashText value={p.commitment} label="承诺值" /> },
          { key: 'planHash', label: '计划哈希', children: <HashText value={p.planHash} label="计划哈希" /> },
          {
            key: 'candidatesHash', label: <span>候选名单哈希<div className="wj-sub">{plan.candidateCount ?? 0} 户</div></span>,
            children: <HashText value={p.candidatesHash} label="候选名单哈希" />,
          },
          { key: 'inspectorsHash', label: '执法人员名单哈希', children: <HashText value={p.inspectorsHash} label="执法人员名单哈希" /> },
          {
            key: 'publicValue', label: '公开随机值',
            children: plan.publicValue
              ? <Typography.Text strong copyable={{ text: plan.publicValue, tooltips: ['复制公开随机值', '已复制'] }}>{plan.publicValue}</Typography.Text>
              : <Typography.Text type="secondary">抽取时录入</Typography.Text>,
          },
          { key: 'protocol', label: '抽取协议版本', children: <span className="wj-mono">{plan.protocol}</span> },
          { key: 'publishedAt', label: '发布时间', children: fmtTime(plan.publishedAt) },
          {
            key: 'drawnAt', label: '抽取时间 / 操作人',
            children: plan.drawnAt ? `${fmtTime(plan.drawnAt)} · ${plan.drawOperator ?? ''}` : <Typography.Text type="secondary">尚未抽取</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}

export default function PlanDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { me, hasRole } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const [dialog, setDialog] = useState<'publish' | 'draw' | 'delete' | null>(null);
  const [completing, setCompleting] = useState(false);
  const plan = usePlan(id);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['plans'] });
    void qc.invalidateQueries({ queryKey: ['tasks'] });
  };
  const reload = async () => {
    const fresh = await api.get<Plan>(`/api/plans/${id}`);
    qc.setQueryData(planKeys.detail(id!), fresh);
    refresh();
    return fresh;
  };

  if (plan.isPending) return <PageContainer title="抽查计划"><Card><Skeleton active paragraph={{ rows: 10 }} /></Card></PageContainer>;
  if (plan.isError) {
    const status = plan.error instanceof ApiError ? plan.error.status : 0;
    return (
      <PageContainer title="抽查计划">
        <Card>
          <Result
            status={status === 404 ? '404' : status === 403 ? '403' : 'error'}
            title={status === 404 ? '抽查计划不存在' : '无法加载抽查计划'}
            subTitle={plan.error.message}
            extra={<Button type="primary" onClick={() => navigate('/plans')}>返回计划列表</Button>}
          />
        </Card>
      </PageContainer>
    );
  }

  const p = plan.data;
  const canWrite = hasRole(PLAN_WRITE) && canWritePlanRegion(me, p.regionCode);
  const drawn = ['drawn', 'in_progress', 'completed'].includes(p.status);
  const tabs = drawn ? ['tasks', 'stats', 'content'] : ['content'];
  const tab = tabs.includes(search.get('tab') ?? '') ? search.get('tab')! : tabs[0];
  const setTab = (t: string) => setSearch((s) => { s.set('tab', t); return s; }, { replace: true });
  const onError = (title: string) => (err: unknown) => showActionError(modal, err, { title, reload: () => void reload() });

  const complete = () => modal.confirm({
    title: '办结抽查计划',
    content: '全部检查任务均已完成（或登记为无法检查）后方可办结。办结后计划不再接受新的任务办理，完成率和完结率作为本计划的最终统计。',
    okText: '确认办结',
    cancelText: '取消',
    onOk: async () => {
      setCompleting(true);
      try {
        const done = await api.post<Plan>(`/api/plans/${p.id}/complete`, { version: p.version });
        qc.setQueryData(planKeys.detail(p.id), done);
        refresh();
        message.success('计划已办结');
      } catch (err) {
        onError('未能办结')(err);
      } finally {
        setCompleting(false);
      }
    },
  });

  const back = () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/plans'));
  const extra = (
    <Space wrap>
      <Button icon={<ArrowLeftOutlined />} onClick={back}>返回</Button>
      {canWrite && p.status === 'draft' && (
        <>
          <Button icon={<EditOutlined />} onClick={() => navigate(`/plans/${p.id}/edit`)}>编辑</Button>
          <Button danger icon={<DeleteOutlined />} onClick={() => setDialog('delete')}>删除</Button>
          <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('publish')}>发布</Button>
        </>
      )}
      {canWrite && p.status === 'published' && (
        <Button type="primary" icon={<ThunderboltOutlined />} onClick={() => setDialog('draw')}>抽取</Button>
      )}
      {canWrite && (p.status === 'drawn' || p.status === 'in_progress') && (
        <Button type="primary" icon={<CheckCircleOutlined />} loading={completing} onClick={complete}>办结</Button>
      )}
      {drawn && (
        <Tooltip title="按国家“双随机、一公开”监管平台抽查结果报表格式导出">
          <Button icon={<DownloadOutlined />} onClick={() => download(`/api/plans/${p.id}/results.xlsx`)}>导出结果</Button>
        </Tooltip>
      )}
    </Space>
  );

  return (
    <PageContainer
      title={<Space size={8} wrap><span>{p.name}</span><PlanStatusTag status={p.status} label={p.statusLabel} /></Space>}
      subTitle={`${p.level}级 · ${p.year} 年 · ${p.agencyName} · 第 ${p.version} 版`}
      extra={extra}
    >
      <Card className="wj-card" size="small">
        <PlanSteps plan={p} />
      </Card>
      {p.status === 'draft' && canWrite && (
        <Alert
          type="info"
          showIcon
          className="wj-card"
          title="计划为草稿"
          description={<>确认计划内容和候选对象无误后点击“发布”。发布后计划内容不能修改，候选名单和执法人员名单随即冻结并公开其哈希值。<Link to={`/plans/${p.id}/edit`}>编辑并预览候选</Link></>}
        />
      )}
      {p.source === 'imported' && p.status === 'draft' && (
        <Alert
          type="info"
          showIcon
          className="wj-card"
          title={`上级下达的计划${p.issuedBy ? `（${p.issuedBy}）` : ''}`}
          description="检查对象名单由上级下达，发布后全部列为本计划的检查对象，不再随机抽取；本级只随机选派执法人员。"
        />
      )}
      {p.published && <PublicInfo plan={p} />}
      <Card className="wj-card wj-tabs-card" size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            ...(drawn ? [
              { key: 'tasks', label: '抽取结果 / 任务', children: <PlanTasksTab plan={p} canAssign={canWrite} onChanged={refresh} /> },
              { key: 'stats', label: '进度统计', children: <PlanStatsTab plan={p} /> },
            ] : []),
            { key: 'content', label: '计划内容', children: <PlanContent plan={p} /> },
          ]}
        />
      </Card>

      {canWrite && p.status === 'draft' && dialog === 'publish' && (
        <PublishDialog
          plan={p}
          open
          onClose={() => setDialog(null)}
          onPublished={(published) => {
            setDialog(null);
            qc.setQueryData(planKeys.detail(p.id), published);
            refresh();
            modal.success({
              title: '计划已发布',
              content: '候选名单和执法人员名单已冻结，承诺值和哈希值已公开。请在抽取日录入公开随机值进行抽取。',
              okText: '知道了',
            });
          }}
          onError={(err) => { setDialog(null); onError('未能发布')(err); }}
        />
      )}
      {canWrite && p.status === 'published' && (
        <DrawDialog
          plan={p}
          open={dialog === 'draw'}
          onClose={() => setDialog(null)}
          reload={reload}
          onDrawn={(r) => {
            setDialog(null);
            qc.setQueryData(planKeys.detail(p.id), r.plan);
            refresh();
            setTab('tasks');
            modal.success({
              title: '抽取完成',
              content: `共抽取 ${r.targets} 个检查对象${r.unstaffed ? `，其中 ${r.unstaffed} 个无法按规则派员，已列为“待派员”，请补充派员` : '，均已随机选派执法人员'}。抽取结果和公开随机值已公示。`,
              okText: '查看抽取结果',
            });
          }}
        />
      )}
      <ReasonDialog
        open={dialog === 'delete'}
        title="删除计划草稿"
        label="删除原因"
        okText="删除"
        description={<>将删除计划草稿“{p.name}”。删除操作记入审计日志。</>}
        onClose={() => setDialog(null)}
        onSubmit={(reason) => api.del(`/api/plans/${p.id}`, { version: p.version, reason })}
        onSuccess={() => {
          setDialog(null);
          message.success('已删除计划草稿');
          void qc.invalidateQueries({ queryKey: ['plans', 'list'] });
          navigate('/plans', { replace: true });
        }}
      />
    </PageContainer>
  );
}
