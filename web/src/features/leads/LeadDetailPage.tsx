/** 线索详情: the lead, its deadline, verification and disposition, the leads merged into it, the timeline and the actions. */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import {
  ArrowLeftOutlined, AuditOutlined, BranchesOutlined, CheckCircleOutlined, ClockCircleOutlined, FileSearchOutlined, SendOutlined, StopOutlined, TeamOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../app/api';
import { categoryLabel } from '../../app/meta';
import { PageContainer } from '../../components/PageContainer';
import { fmtTime } from '../plans/common';
import { leadKeys, useLead, type LeadDetail } from './api';
import { DispositionTag, EVENT_COLORS, EVENT_LABELS, LeadStatusTag, SourceTag } from './common';
import { LeadDialogs, type LeadDialogKind } from './LeadDialogs';
import '../plans/plans.css';
import './leads.css';

const none = <Typography.Text type="secondary">—</Typography.Text>;
const DONE: Record<LeadDialogKind, string> = {
  assign: '已指定承办人', verify: '已登记核查情况，立案决定期限开始计算', extension: '已提交延期申请，待负责人审批', decision: '已审批延期申请',
  file: '已决定立案', no_file: '已决定不予立案', transfer: '已移送', merge: '已并案',
};

function DeadlineCard({ l }: { l: LeadDetail }) {
  const items = [
    { key: 'verifiedOn', label: '核查完成日期', children: l.verifiedOn ?? <Typography.Text type="secondary">尚未核查</Typography.Text> },
    {
      key: 'filingDue', label: '立案决定期限',
      children: l.filingDue ? <span>{l.filingDue}<Typography.Text type="secondary">（核查后 7 个工作日）</Typography.Text></span> : <Typography.Text type="secondary">核查完成后开始计算</Typography.Text>,
    },
    {
      key: 'extended', label: '延期',
      children: l.extendedDue
        ? <span>经负责人批准延至 <b>{l.extendedDue}</b></span>
        : l.extensionPending ? <Tag color="gold">已申请，待负责人审批</Tag> : <Typography.Text type="secondary">未延期</Typography.Text>,
    },
    ...(l.extensionReason ? [{ key: 'reason', label: '延期理由', span: 'filled' as const, children: l.extensionReason }] : []),
    { key: 'verification', label: '核查情况', span: 'filled' as const, children: l.verification ? <div className="wj-pre">{l.verification}</div> : none },
  ];
  return (
    <Card title="核查与立案决定期限" size="small" className="wj-card"
      extra={<Typography.Text type="secondary">《卫生健康行政处罚程序规定》第三十二条；期限按工作日计算</Typography.Text>}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} styles={{ label: { width: 130, whiteSpace: 'nowrap' } }} items={items} />
    </Card>
  );
}

function DispositionCard({ l }: { l: LeadDetail }) {
  if (!l.disposition) return null;
  const items = [
    { key: 'd', label: '处置结果', children: <DispositionTag lead={l} /> },
    { key: 'on', label: '处置日期', children: l.dispositionOn },
    ...(l.approverName ? [{ key: 'approver', label: '批准人', children: l.approverName }] : []),
    ...(l.disposition === 'transfer' ? [
      { key: 'to', label: '移送机关', children: l.transferTo },
      { key: 'doc', label: '移送文书文号', children: l.transferDocNo },
    ] : []),
    ...(l.disposition === 'merge' && l.mergedInto ? [{ key: 'into', label: '并入线索', children: <Link to={`/leads/${l.mergedInto}`}>{l.mergedIntoCode}</Link> }] : []),
    ...(l.dispositionReason ? [{ key: 'reason', label: l.disposition === 'no_file' ? '不予立案理由' : l.disposition === 'file' ? '立案意见' : '说明', span: 'filled' as const, children: <div className="wj-pre">{l.dispositionReason}</div> }] : []),
  ];
  return (
    <Card title="处置结果" size="small" className="wj-card" extra={l.disposedLate && <Tag color="orange">逾期处置（期限 {l.due}）</Tag>}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} styles={{ label: { width: 130, whiteSpace: 'nowrap' } }} items={items} />
    </Card>
  );
}

export default function LeadDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<LeadDialogKind | null>(null);
  const lead = useLead(id!);

  const reload = async () => {
    const fresh = await api.get<LeadDetail>(`/api/leads/${id}`);
    qc.setQueryData(leadKeys.detail(id!), fresh);
    return fresh;
  };

  if (lead.isPending) return <PageContainer title="线索详情"><Card><Skeleton active paragraph={{ rows: 8 }} /></Card></PageContainer>;
  if (lead.isError) {
    const status = lead.error instanceof ApiError ? lead.error.status : 0;
    return (
      <PageContainer title="线索详情">
        <Card>
          <Result status={status === 404 ? '404' : 'error'} title={status === 404 ? '线索不存在' : '无法加载线索'} subTitle={lead.error.message}
            extra={<Button type="primary" onClick={() => navigate('/leads')}>返回线索台账</Button>} />
        </Card>
      </PageContainer>
    );
  }
  const l = lead.data;
  const a = l.actions;
  const open = l.status !== 'disposed';

  const actions = (
    <Space wrap>
      <Button icon={<ArrowLeftOutlined />} onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/leads'))}>返回</Button>
      {a.assign && <Button icon={<TeamOutlined />} onClick={() => setDialog('assign')}>指定承办人</Button>}
      {a.verify && <Button type="primary" icon={<FileSearchOutlined />} onClick={() => setDialog('verify')}>登记核查情况</Button>}
      {a.requestExtension && <Button icon={<ClockCircleOutlined />} onClick={() => setDialog('extension')}>申请延期</Button>}
      {a.decideExtension && <Button type="primary" icon={<AuditOutlined />} onClick={() => setDialog('decision')}>审批延期</Button>}
      {a.disposeFile && <Button type="primary" danger icon={<CheckCircleOutlined />} onClick={() => setDialog('file')}>立案</Button>}
      {a.disposeFile && <Button icon={<StopOutlined />} onClick={() => setDialog('no_file')}>不予立案</Button>}
      {a.dispose && <Button icon={<SendOutlined />} onClick={() => setDialog('transfer')}>移送</Button>}
      {a.dispose && <Button icon={<BranchesOutlined />} onClick={() => setDialog('merge')}>并案</Button>}
    </Space>
  );

  return (
    <PageContainer
      title={<Space size={8} wrap><span className="wj-lead-code">{l.code}</span><LeadStatusTag lead={l} />{l.disposition && <DispositionTag lead={l} />}{l.overdue && <Tag color="red">已超期</Tag>}</Space>}
      subTitle={`${l.unitName} · 第 ${l.version} 版`}
      extra={actions}
    >
      {l.overdue && (
        <Alert type="error" showIcon className="wj-card"
          title={l.deadlineKind === 'filing'
            ? `已超过立案决定期限（${l.due}），请尽快作出立案、不予立案、移送或并案的决定`
            : `登记已超过核查期限（${l.due}），请尽快核查`} />
      )}
      {l.extensionPending && (
        <Alert type="warning" showIcon className="wj-card" title={`承办人已申请延长立案决定期限，待机构负责人审批（原期限 ${l.filingDue}）`} description={`理由：${l.extensionReason}`} />
      )}
      {open && !l.overdue && l.deadlineKind === 'filing' && !l.extensionPending && (
        <Alert type="info" showIcon className="wj-card" title={`请于 ${l.due} 前作出是否立案的决定${l.daysLeft !== null ? `（剩余 ${Math.max(0, l.daysLeft)} 个工作日）` : ''}`} />
      )}

      <Card title="线索信息" size="small" className="wj-card">
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          styles={{ label: { width: 130, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'code', label: '线索编号', children: <span className="wj-lead-code">{l.code}</span> },
            { key: 'source', label: '线索来源', children: <SourceTag lead={l} /> },
            {
              key: 'origin', label: '来源编号/关联',
              children: l.originLink ? <Link to={l.originLink}>{l.originRef ?? '查看来源'}</Link> : l.originRef ?? none,
            },
            { key: 'received', label: '收到日期', children: l.receivedOn },
            { key: 'registered', label: '登记日期', children: l.registeredOn },
            { key: 'agency', label: '承办机构', children: l.agencyName ?? none },
            { key: 'unit', label: '当事人', children: l.entityId ? <Link to={`/entities/${l.entityId}`}>{l.unitName}</Link> : l.unitName },
            { key: 'category', label: '专业类别', children: l.category ? categoryLabel(l.category) : none },
            { key: 'handlers', label: '承办人', children: l.handlerNames.length ? l.handlerNames.join('、') : <Typography.Text type="warning">未指定</Typography.Text> },
            { key: 'facts', label: '线索内容', span: 'filled', children: <div className="wj-pre">{l.facts}</div> },
          ]}
        />
      </Card>

      <DeadlineCard l={l} />
      <DispositionCard l={l} />

      {l.mergedLeads.length > 0 && (
        <Card title={`并入本线索的线索（${l.mergedLeads.length}）`} size="small" className="wj-card">
          <ul className="wj-ul">
            {l.mergedLeads.map((m) => <li key={m.id}><Link to={`/leads/${m.id}`}>{m.code}</Link> {m.unitName}<Typography.Text type="secondary">（{m.dispositionOn} 并入）</Typography.Text></li>)}
          </ul>
        </Card>
      )}

      <Card title="办理记录" size="small" className="wj-card">
        <Timeline
          className="wj-task-timeline"
          items={l.events.map((e) => ({
            key: e.id,
            color: EVENT_COLORS[e.action] ?? 'gray',
            content: (
              <div data-testid="lead-event">
                <Space wrap size={[8, 2]}>
                  <Typography.Text strong>{EVENT_LABELS[e.action] ?? e.action}</Typography.Text>
                  <Typography.Text>{e.actorName ?? '系统'}</Typography.Text>
                  <Typography.Text type="secondary">{fmtTime(e.at)}</Typography.Text>
                </Space>
                {e.note && <div className="wj-event-reason">{e.note}</div>}
              </div>
            ),
          }))}
        />
      </Card>

      <LeadDialogs
        lead={l}
        kind={dialog}
        onClose={() => setDialog(null)}
        reload={reload}
        onDone={(updated, kind) => {
          setDialog(null);
          message.success(kind === 'file' || kind === 'no_file' || kind === 'transfer' || kind === 'merge' ? `${updated.code} ${DONE[kind]}` : DONE[kind]);
          qc.setQueryData(leadKeys.detail(id!), updated);
          void qc.invalidateQueries({ queryKey: leadKeys.all });
        }}
      />
    </PageContainer>
  );
}
