/** 检查任务详情: the target, its plan and inspectors, the deadline, the outcome, the timeline and the actions. */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Grid, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import {
  ArrowLeftOutlined, CalendarOutlined, CheckCircleOutlined, CloseCircleOutlined, FileDoneOutlined, PaperClipOutlined, PlayCircleOutlined, TeamOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { TASK_SUPERVISE } from '../../app/access';
import { ApiError, api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { categoryLabel } from '../../app/meta';
import { PageContainer } from '../../components/PageContainer';
import { taskKeys, type Task, type TaskDetail } from '../plans/api';
import { AssignDialog } from '../plans/AssignDialog';
import { fileSize, fmtTime, ResultTag, showActionError, TASK_ACTION_LABELS, TASK_STATUS_LABELS, TaskStatusTag } from '../plans/common';
import { TaskDialogs, type TaskDialogKind } from './TaskDialogs';
import { TaskLeadCard } from '../leads/TaskLeadCard';
import '../plans/plans.css';

interface EntityInfo {
  id: string;
  legalRep: string | null;
  contactPhone: string | null;
  categories: string[];
  operatingStatusLabel: string;
  regionName?: string | null;
}

const EVENT_COLORS: Record<string, string> = { assign: 'orange', start: 'blue', record: 'green', unable: 'gray', followUp: 'gold', closeFollowUp: 'green' };
const none = <Typography.Text type="secondary">—</Typography.Text>;

export default function TaskDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false || (screens.md === undefined && window.innerWidth < 768);
  const [dialog, setDialog] = useState<TaskDialogKind | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [starting, setStarting] = useState(false);

  const task = useQuery({ queryKey: taskKeys.detail(id!), queryFn: () => api.get<TaskDetail>(`/api/tasks/${id}`), retry: false });
  const entity = useQuery({
    queryKey: ['entities', 'detail', task.data?.entityId],
    queryFn: () => api.get<EntityInfo>(`/api/entities/${task.data!.entityId}`),
    enabled: !!task.data,
    retry: false,
  });

  const reload = async () => {
    const fresh = await api.get<TaskDetail>(`/api/tasks/${id}`);
    qc.setQueryData(taskKeys.detail(id!), fresh);
    return fresh;
  };
  const changed = () => {
    void qc.invalidateQueries({ queryKey: taskKeys.all });
    void qc.invalidateQueries({ queryKey: ['plans'] });
  };

  if (task.isPending) return <PageContainer title="检查任务"><Card><Skeleton active paragraph={{ rows: 8 }} /></Card></PageContainer>;
  if (task.isError) {
    const status = task.error instanceof ApiError ? task.error.status : 0;
    return (
      <PageContainer title="检查任务">
        <Card>
          <Result
            status={status === 404 ? '404' : status === 403 ? '403' : 'error'}
            title={status === 404 ? '检查任务不存在' : '无法加载检查任务'}
            subTitle={task.error.message}
            extra={<Button type="primary" onClick={() => navigate('/tasks')}>返回任务列表</Button>}
          />
        </Card>
      </PageContainer>
    );
  }

  const t = task.data;
  // On a phone: label and value side by side without borders; on wider screens the bordered grid.
  const descProps = narrow
    ? { bordered: false, size: 'small' as const, column: 1, className: 'wj-mobile-desc' }
    : { bordered: true, size: 'small' as const, column: { md: 2, lg: 2, xl: 3, xxl: 3 }, styles: { label: { width: 130, whiteSpace: 'nowrap' as const } } };
  const open = t.status === 'pending' || t.status === 'in_progress';
  const canAssign = hasRole(TASK_SUPERVISE) && t.status === 'unstaffed';

  const start = async () => {
    setStarting(true);
    try {
      const updated = await api.post<Task>(`/api/tasks/${t.id}/start`, { version: t.version });
      message.success(`已开始检查：${updated.entityName}`);
      await reload();
      changed();
    } catch (err) {
      showActionError(modal, err, { title: '未能开始检查', reload: () => void reload() });
    } finally {
      setStarting(false);
    }
  };

  const DONE_MESSAGES: Record<TaskDialogKind, string> = { outcome: '已登记检查结果', unable: '已登记无法检查', followUp: '已安排复查', close: '已办结' };

  const actions = t.canAct && (
    <>
      {t.status === 'pending' && <Button icon={<PlayCircleOutlined />} loading={starting} onClick={start} block={narrow}>开始检查</Button>}
      {open && <Button type="primary" icon={<FileDoneOutlined />} onClick={() => setDialog('outcome')} block={narrow}>登记结果</Button>}
      {open && <Button icon={<CloseCircleOutlined />} onClick={() => setDialog('unable')} block={narrow}>无法检查</Button>}
      {t.status === 'done' && t.followUpStatus === 'scheduled' && t.result === 'rectify' && (
        <Button icon={<CalendarOutlined />} onClick={() => setDialog('followUp')} block={narrow}>安排复查</Button>
      )}
      {t.status === 'done' && t.followUpStatus === 'scheduled' && (
        <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setDialog('close')} block={narrow}>{t.result === 'case' ? '登记结案' : '办结复查'}</Button>
      )}
    </>
  );
  const hasActions = t.canAct && (open || (t.status === 'done' && t.followUpStatus === 'scheduled'));

  return (
    <PageContainer
      title={<Space size={8} wrap><span>{t.entityName}</span><TaskStatusTag task={t} />{t.overdue && <Tag color="red">已逾期</Tag>}</Space>}
      subTitle={narrow ? undefined : `检查任务 · 第 ${t.version} 版`}
      extra={!narrow && (
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/tasks'))}>返回</Button>
          {actions}
          {canAssign && <Button type="primary" icon={<TeamOutlined />} onClick={() => setAssigning(true)}>补充派员</Button>}
        </Space>
      )}
    >
      {t.overdue && <Alert type="error" showIcon className="wj-card" title={`已超过检查期限（${t.dueDate}），请尽快完成检查并登记结果`} />}
      {t.status === 'unstaffed' && (
        <Alert type="warning" showIcon className="wj-card" title="待派员：抽取时未能按规则派出执法人员" description={t.unstaffedReason ?? undefined} />
      )}
      {narrow && (hasActions || canAssign) && (
        <Card size="small" className="wj-card wj-task-actions" title="办理">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {actions}
            {canAssign && <Button type="primary" icon={<TeamOutlined />} onClick={() => setAssigning(true)} block>补充派员</Button>}
          </Space>
        </Card>
      )}
      {!t.canAct && open && (
        <Alert type="info" showIcon className="wj-card" title="您不是本任务的检查人员，只能查看" />
      )}

      <Card title="任务信息" size="small" className="wj-card">
        <Descriptions
          {...descProps}
          items={[
            { key: 'entity', label: '检查对象', children: <Link to={`/entities/${t.entityId}`}>{t.entityName}</Link> },
            { key: 'credit', label: narrow ? '信用代码' : '统一社会信用代码', children: <span className="wj-mono">{t.creditCode}</span> },
            { key: 'address', label: '地址', children: t.address ?? none },
            { key: 'plan', label: '抽查计划', span: narrow ? 1 : 2, children: <Link to={`/plans/${t.planId}`}>{t.planName}</Link> },
            { key: 'seq', label: '抽取序号', children: <span>第 {t.seq} 个<Typography.Text type="secondary">（{t.stratumName ?? t.stratum}层）</Typography.Text></span> },
            { key: 'inspectors', label: '执法人员', children: t.inspectorNames.length ? t.inspectorNames.join('、') : <Typography.Text type="warning">待派员</Typography.Text> },
            { key: 'due', label: '检查期限', children: <Typography.Text type={t.overdue ? 'danger' : undefined}>{t.dueDate}</Typography.Text> },
            { key: 'status', label: '任务状态', children: <TaskStatusTag task={t} /> },
          ]}
        />
      </Card>

      {entity.data && (
        <Card title="单位信息" size="small" className="wj-card" extra={<Link to={`/entities/${t.entityId}`}>查看名录</Link>}>
          <Descriptions
            {...descProps}
            items={[
              { key: 'legalRep', label: narrow ? '负责人' : '法定代表人/负责人', children: entity.data.legalRep ?? none },
              { key: 'phone', label: '联系电话', children: entity.data.contactPhone ?? none },
              { key: 'status', label: '经营状态', children: entity.data.operatingStatusLabel },
              { key: 'categories', label: '专业类别', span: narrow ? 1 : 2, children: entity.data.categories.map(categoryLabel).join('、') || none },
              { key: 'region', label: '所属区划', children: entity.data.regionName ?? none },
            ]}
          />
        </Card>
      )}

      {(t.status === 'done' || t.status === 'unable') && (
        <Card title={t.status === 'unable' ? '核查情况' : '检查结果'} size="small" className="wj-card">
          <Descriptions
            {...descProps}
            items={[
              { key: 'result', label: t.status === 'unable' ? '无法检查原因' : '检查结果', children: <ResultTag task={t} /> },
              { key: 'on', label: t.status === 'unable' ? '核查日期' : '检查日期', children: t.inspectedOn ?? none },
              { key: 'publishBy', label: '公示期限', children: t.publishBy ? <span>{t.publishBy}<Typography.Text type="secondary">（检查后 20 个工作日内公示）</Typography.Text></span> : none },
              { key: 'summary', label: t.status === 'unable' ? '情况说明' : '检查情况', span: 'filled', children: <div className="wj-pre">{t.summary ?? '—'}</div> },
              ...(t.attachments.length ? [{
                key: 'files', label: '附件', span: 'filled' as const,
                children: (
                  <ul className="wj-attachments">
                    {t.attachments.map((a) => (
                      <li key={a.id}>
                        <a href={`/api/tasks/${t.id}/attachments/${a.id}`} download><PaperClipOutlined /> {a.name}</a>
                        <Typography.Text type="secondary"> （{fileSize(a.size)}）</Typography.Text>
                      </li>
                    ))}
                  </ul>
                ),
              }] : []),
              ...(t.result && t.result !== 'qualified' ? [
                { key: 'fuDue', label: t.result === 'case' ? '案件状态' : '复查日期', children: t.result === 'case' ? (t.followUpStatus === 'closed' ? '已办结' : '办理中') : t.followUpDue ?? none },
                { key: 'fuOn', label: t.result === 'case' ? '结案日期' : '复查完成', children: t.followUpOn ?? <Typography.Text type="secondary">未完成</Typography.Text> },
                { key: 'fuResult', label: t.result === 'case' ? '处理结果' : '复查结果', children: t.followUpResultLabel ?? none },
                ...(t.followUpNote ? [{ key: 'fuNote', label: t.result === 'case' ? '结案说明' : '复查说明', span: 'filled' as const, children: <div className="wj-pre">{t.followUpNote}</div> }] : []),
              ] : []),
            ]}
          />
        </Card>
      )}

      <TaskLeadCard task={t} />

      <Card title="办理记录" size="small" className="wj-card" extra={!narrow && <Typography.Text type="secondary">状态变更及理由随抽查结果公开</Typography.Text>}>
        {t.events.length === 0 ? <Typography.Text type="secondary">抽取后尚无办理记录</Typography.Text> : (
          <Timeline
            className="wj-task-timeline"
            items={t.events.map((e) => ({
              key: e.id,
              color: EVENT_COLORS[e.action] ?? 'gray',
              content: (
                <div data-testid="task-event">
                  <Space wrap size={[8, 2]}>
                    <Typography.Text strong>{TASK_ACTION_LABELS[e.action] ?? e.action}</Typography.Text>
                    <Typography.Text>{e.actorName ?? '系统'}</Typography.Text>
                    <Typography.Text type="secondary">{fmtTime(e.at)}</Typography.Text>
                    {!e.public && <Tag>不公开</Tag>}
                  </Space>
                  {e.fromStatus !== e.toStatus && e.toStatus && (
                    <div className="wj-event-status">
                      {TASK_STATUS_LABELS[e.fromStatus as keyof typeof TASK_STATUS_LABELS] ?? e.fromStatus} → {TASK_STATUS_LABELS[e.toStatus as keyof typeof TASK_STATUS_LABELS] ?? e.toStatus}
                    </div>
                  )}
                  {e.reason && <div className="wj-event-reason">{e.reason}</div>}
                </div>
              ),
            }))}
          />
        )}
      </Card>
      {narrow && <Button block icon={<ArrowLeftOutlined />} onClick={() => navigate('/tasks')}>返回任务列表</Button>}

      <TaskDialogs
        task={t}
        kind={dialog}
        onClose={() => setDialog(null)}
        reload={reload}
        onDone={(_updated, kind) => {
          setDialog(null);
          message.success(DONE_MESSAGES[kind]);
          void reload();
          changed();
        }}
      />
      <AssignDialog
        task={assigning ? t : null}
        onClose={() => setAssigning(false)}
        reload={reload}
        onAssigned={(updated) => {
          setAssigning(false);
          message.success(`已补充派员：${updated.inspectorNames.join('、')}`);
          void reload();
          changed();
        }}
      />
    </PageContainer>
  );
}
