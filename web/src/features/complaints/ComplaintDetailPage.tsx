/**
 * 投诉详情: what was reported, the complainant (masked; revealed only through the logged 查看身份信息),
 * who must act next and by when, the actions allowed now, likely duplicates, and the whole timeline.
 * Complaint text is always rendered as text (React escapes it), never as HTML.
 */
import { useState } from 'react';
import {
  Alert, App, Button, Card, Descriptions, Empty, Grid, Image, List, Modal, Progress, Result, Skeleton, Space, Table, Tag, Timeline, Typography,
} from 'antd';
import {
  ArrowLeftOutlined, AuditOutlined, CheckOutlined, EyeOutlined, FileDoneOutlined, MergeCellsOutlined, PaperClipOutlined, SendOutlined,
  StopOutlined, SwapOutlined, TeamOutlined, FieldTimeOutlined, PhoneOutlined, SolutionOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../app/api';
import { PageContainer } from '../../components/PageContainer';
import {
  ACTION_LABELS, complaintKeys, fmtDateTime, type Complaint, type ComplaintAction, type ComplaintDetail, type DuplicateCandidate, type Identity,
} from './api';
import { DueText, none, StatusTag } from './common';
import { ComplaintDialogs, type DialogKind } from './ComplaintDialogs';
import '../plans/plans.css';
import './complaints.css';

const EVENT_COLORS: Record<string, string> = {
  register: 'blue', accept: 'blue', reject: 'gray', assign: 'orange', transfer: 'purple', verify: 'blue', handle: 'cyan', reply: 'green',
  close: 'green', callback: 'green', extend: 'red', merge: 'gray', merge_in: 'gray',
};
const fileSize = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export default function ComplaintDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false || (screens.md === undefined && window.innerWidth < 768);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [master, setMaster] = useState<DuplicateCandidate | null>(null);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const q = useQuery({ queryKey: complaintKeys.detail(id!), queryFn: () => api.get<ComplaintDetail>(`/api/complaints/${id}`), retry: false });
  const c = q.data;
  const canMerge = !!c?.actions.includes('merge');
  const dups = useQuery({
    queryKey: ['complaints', id, 'duplicates'],
    queryFn: () => api.get<{ items: DuplicateCandidate[] }>(`/api/complaints/${id}/duplicates`),
    enabled: canMerge,
  });

  const reload = async () => {
    const fresh = await api.get<ComplaintDetail>(`/api/complaints/${id}`);
    qc.setQueryData(complaintKeys.detail(id!), fresh);
    return fresh;
  };
  const changed = () => { void qc.invalidateQueries({ queryKey: complaintKeys.all }); };

  if (q.isPending) return <PageContainer title="投诉详情"><Card><Skeleton active paragraph={{ rows: 8 }} /></Card></PageContainer>;
  if (q.isError || !c) {
    const status = q.error instanceof ApiError ? q.error.status : 0;
    return (
      <PageContainer title="投诉详情">
        <Card>
          <Result status={status === 404 ? '404' : status === 403 ? '403' : 'error'} title={status === 404 ? '投诉不存在或不在您的辖区内' : '无法加载投诉'}
            subTitle={q.error?.message} extra={<Button type="primary" onClick={() => navigate('/complaints')}>返回列表</Button>} />
        </Card>
      </PageContainer>
    );
  }

  const simple = async (action: 'accept' | 'close', label: string) => {
    setBusy(action);
    try {
      await api.post<Complaint>(`/api/complaints/${c.id}/${action}`, { version: c.version });
      message.success(`已${label}`);
      await reload();
      changed();
    } catch (err) {
      modal.error({
        title: `未能${label}`, content: err instanceof Error ? err.message : String(err),
        okText: err instanceof ApiError && err.status === 409 ? '刷新' : '知道了', onOk: () => { if (err instanceof ApiError && err.status === 409) void reload(); },
      });
    } finally {
      setBusy(null);
    }
  };

  const has = (a: ComplaintAction) => c.actions.includes(a);
  const btn = (a: ComplaintAction, label: string, icon: React.ReactNode, onClick: () => void, primary = false) => has(a) && (
    <Button key={a} type={primary ? 'primary' : 'default'} icon={icon} loading={busy === a} onClick={onClick} block={narrow}>{label}</Button>
  );
  // the step the workflow expects next is the primary button
  const actions = [
    btn('accept', '受理', <CheckOutlined />, () => modal.confirm({ title: '受理该投诉？', content: '受理后计算办结期限，并在查询页面告知投诉人。', okText: '受理', cancelText: '取消', onOk: () => simple('accept', '受理') }), true),
    btn('reject', '不予受理', <StopOutlined />, () => setDialog('reject')),
    btn('assign', c.status === 'accepted' ? '分派' : '调整承办人', <TeamOutlined />, () => setDialog('assign'), c.status === 'accepted'),
    btn('verify', c.status === 'assigned' ? '登记核查情况' : '补充核查情况', <SolutionOutlined />, () => setDialog('verify'), c.status === 'assigned'),
    btn('handle', '处理', <AuditOutlined />, () => setDialog('handle'), c.status === 'verifying'),
    btn('reply', '答复', <SendOutlined />, () => setDialog('reply'), true),
    btn('close', '办结', <FileDoneOutlined />, () => modal.confirm({ title: '办结该投诉？', content: '办结后进入回访环节。', okText: '办结', cancelText: '取消', onOk: () => simple('close', '办结') }), true),
    btn('callback', '回访', <PhoneOutlined />, () => setDialog('callback'), true),
    btn('transfer', '转办', <SwapOutlined />, () => setDialog('transfer')),
    btn('extend', '延期', <FieldTimeOutlined />, () => setDialog('extend')),
  ].filter(Boolean);

  const descProps = narrow
    ? { bordered: false, size: 'small' as const, column: 1, className: 'wj-mobile-desc' }
    : { bordered: true, size: 'small' as const, column: { md: 2, lg: 2, xl: 3, xxl: 3 }, styles: { label: { width: 120, whiteSpace: 'nowrap' as const } } };
  const photos = c.attachments.filter((a) => a.mime.startsWith('image/') && !a.evidence);
  const evidence = c.attachments.filter((a) => !photos.includes(a));
  const fileUrl = (a: { id: string }) => `/api/complaints/${c.id}/attachments/${a.id}`;
  const open = !['closed', 'rejected', 'merged'].includes(c.status);

  return (
    <PageContainer
      title={<Space size={8} wrap><span className="wj-mono">{c.trackingCode}</span><StatusTag status={c.status} label={c.statusLabel} />{c.dueState === 'overdue' && <Tag color="red">已逾期</Tag>}</Space>}
      subTitle={narrow ? undefined : `${c.channelLabel} · ${c.categoryLabel} · 第 ${c.version} 版`}
      extra={!narrow && <Button icon={<ArrowLeftOutlined />} onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/complaints'))}>返回</Button>}
    >
      {c.dueState === 'overdue' && <Alert type="error" showIcon className="wj-card" title={`已超过办理期限（${c.nextDue}），请${c.nextActor ?? '承办人员'}尽快办理`} />}
      {c.master && <Alert type="info" showIcon className="wj-card" title={<span>本件已并入 <Link to={`/complaints/${c.master.id}`}>{c.master.trackingCode}</Link>（{c.master.statusLabel}）统一办理，答复随主件发送。</span>} />}

      <Card size="small" className="wj-card wj-cp-next" title="当前办理">
        <div className="wj-cp-next-row">
          <div className="wj-cp-next-info">
            <div><Typography.Text type="secondary">下一步：</Typography.Text><Typography.Text strong data-testid="next-actor">{c.nextActor ?? (c.status === 'closed' ? '已办结' : '无')}</Typography.Text></div>
            <div><Typography.Text type="secondary">期限：</Typography.Text><DueText due={c.nextDue} state={c.dueState} /></div>
          </div>
          <Space wrap className="wj-cp-actions" orientation={narrow ? 'vertical' : 'horizontal'} style={narrow ? { width: '100%' } : undefined}>
            {actions.length ? actions : <Typography.Text type="secondary">{open ? '您在当前环节无可办理的操作' : '无待办操作'}</Typography.Text>}
          </Space>
        </div>
      </Card>

      <Card title="投诉内容" size="small" className="wj-card">
        <Descriptions
          {...descProps}
          items={[
            { key: 'received', label: '收到时间', children: fmtDateTime(c.receivedAt) },
            { key: 'channel', label: '来源渠道', children: <span>{c.channelLabel}{c.externalRef && <Typography.Text type="secondary">（{c.externalRef}）</Typography.Text>}</span> },
            { key: 'category', label: '投诉类别', children: c.categoryLabel },
            { key: 'unit', label: '被投诉单位', children: c.entityId ? <Link to={`/entities/${c.entityId}`}>{c.unitName}</Link> : c.unitName ?? none },
            { key: 'address', label: '发生地点', span: narrow ? 1 : 2, children: c.address ?? none },
            { key: 'occurred', label: '发生时间', children: c.occurredOn ?? none },
            { key: 'content', label: '投诉内容', span: 'filled', children: <div className="wj-pre" data-testid="complaint-content">{c.content}</div> },
            ...(photos.length ? [{
              key: 'photos', label: '照片', span: 'filled' as const,
              children: <Image.PreviewGroup><Space wrap>{photos.map((p) => <Image key={p.id} src={fileUrl(p)} width={96} height={96} style={{ objectFit: 'cover' }} alt={p.name} />)}</Space></Image.PreviewGroup>,
            }] : []),
          ]}
        />
      </Card>

      <Card
        title="投诉人"
        size="small"
        className="wj-card"
        extra={c.canSeeIdentity && <Button size="small" icon={<EyeOutlined />} onClick={() => setDialog('identity')}>查看身份信息</Button>}
      >
        {c.anonymous ? <Typography.Text>匿名投诉</Typography.Text> : c.complainants.length === 0 ? none : (
          <Space orientation="vertical" size={4}>
            {c.complainants.map((p) => (
              <Space key={p.id} size={16} wrap data-testid="complainant">
                <span>姓名：{p.name ?? '—'}</span><span>电话：{p.phone ?? '—'}</span>
              </Space>
            ))}
            <Typography.Text type="secondary" className="wj-cp-hint">
              {c.canSeeIdentity ? '身份信息已脱敏显示；查看完整信息须填写事由并留痕。' : '身份信息仅承办机构的科室负责人、机构负责人和承办人可查看。'}
            </Typography.Text>
          </Space>
        )}
      </Card>

      <Card title="办理情况" size="small" className="wj-card">
        <Descriptions
          {...descProps}
          items={[
            { key: 'agency', label: '承办机构', children: c.agencyName },
            { key: 'section', label: '承办科室', children: c.section ?? none },
            { key: 'assignees', label: '承办人', children: c.assigneeNames.length ? c.assigneeNames.join('、') : none },
            { key: 'acceptDue', label: '受理期限', children: c.acceptDue ?? none },
            { key: 'concludeDue', label: '办结期限', children: c.extendedDue ? <span><Typography.Text delete type="secondary">{c.concludeDue}</Typography.Text> {c.extendedDue}（已延期）</span> : c.concludeDue ?? none },
            { key: 'accepted', label: '受理时间', children: c.acceptedAt ? fmtDateTime(c.acceptedAt) : none },
            ...(c.rejectReason ? [{ key: 'reject', label: '不予受理理由', span: 'filled' as const, children: <div className="wj-pre">{c.rejectReason}</div> }] : []),
            ...(c.extensionReason ? [{ key: 'ext', label: '延期理由', span: 'filled' as const, children: c.extensionReason }] : []),
            ...(c.findings ? [{ key: 'findings', label: '核查情况', span: 'filled' as const, children: <div className="wj-pre">{c.findings}</div> }] : []),
            ...(evidence.length ? [{
              key: 'evidence', label: '证据材料', span: 'filled' as const,
              children: <ul className="wj-attachments">{evidence.map((a) => <li key={a.id}><a href={fileUrl(a)} download><PaperClipOutlined /> {a.name}</a><Typography.Text type="secondary">（{fileSize(a.size)}）</Typography.Text></li>)}</ul>,
            }] : []),
            ...(c.outcome ? [{ key: 'outcome', label: '处理结果', children: <span>{c.outcomeLabel}{c.leadId && <> · <Link to={`/leads/${c.leadId}`}>查看线索</Link></>}</span> }] : []),
            ...(c.replyText ? [{ key: 'reply', label: '答复内容', span: 'filled' as const, children: <div className="wj-pre">{c.replyText}<Typography.Text type="secondary">（{fmtDateTime(c.repliedAt)}）</Typography.Text></div> }] : []),
            ...(c.closedAt && c.status === 'closed' ? [{ key: 'closed', label: '办结时间', children: fmtDateTime(c.closedAt) }] : []),
            ...(c.callbackAt ? [{ key: 'callback', label: '回访', span: 'filled' as const, children: <span>{c.satisfactionLabel ?? '未取得评价'}{c.callbackNote && `；${c.callbackNote}`}（{fmtDateTime(c.callbackAt)}）</span> }] : []),
          ]}
        />
      </Card>

      {canMerge && (
        <Card title={<><MergeCellsOutlined /> 疑似重复投诉</>} size="small" className="wj-card" extra={!narrow && <Typography.Text type="secondary">同一单位、内容相近、时间地点接近的投诉</Typography.Text>}>
          {dups.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : (dups.data?.items.length ?? 0) === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未发现疑似重复的投诉" /> : (
            <List
              dataSource={dups.data!.items}
              renderItem={(d) => (
                <List.Item
                  key={d.id}
                  actions={[
                    <Button key="merge" size="small" disabled={['closed', 'rejected', 'merged'].includes(d.status)} onClick={() => { setMaster(d); setDialog('merge'); }}>并入该件</Button>,
                  ]}
                >
                  <List.Item.Meta
                    avatar={<Progress type="circle" size={44} percent={Math.round(d.score * 100)} format={(p) => `${p}%`} />}
                    title={<Space wrap><Link to={`/complaints/${d.id}`} className="wj-mono">{d.trackingCode}</Link><StatusTag status={d.status} label={d.statusLabel} /><Typography.Text type="secondary">{d.channelLabel} · {fmtDateTime(d.receivedAt)}</Typography.Text></Space>}
                    description={<div><div className="wj-cp-dup-text">{d.unitName ? `${d.unitName}：` : ''}{d.content}</div><Space size={4} wrap>{d.reasons.map((r) => <Tag key={r}>{r}</Tag>)}</Space></div>}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      )}

      {c.merged.length > 0 && (
        <Card title="并入本件的投诉" size="small" className="wj-card">
          <Table size="small" rowKey="id" pagination={false} dataSource={c.merged} columns={[
            { title: '查询码', dataIndex: 'trackingCode', render: (v: string, r) => <Link to={`/complaints/${r.id}`} className="wj-mono">{v}</Link> },
            { title: '收到时间', dataIndex: 'receivedAt', render: (v: string) => fmtDateTime(v) },
            { title: '来源', dataIndex: 'channelLabel' },
            { title: '内容', dataIndex: 'content', render: (v: string) => <span className="wj-cell-ellipsis" title={v}>{v}</span> },
          ]} />
        </Card>
      )}

      <Card title="办理记录" size="small" className="wj-card" extra={!narrow && <Typography.Text type="secondary"><Tag color="blue">公开</Tag>标注的内容投诉人可在查询页面看到</Typography.Text>}>
        <Timeline
          className="wj-task-timeline"
          items={c.events.map((e) => ({
            key: e.id,
            color: EVENT_COLORS[e.action] ?? 'gray',
            content: (
              <div data-testid="complaint-event">
                <Space wrap size={[8, 2]}>
                  <Typography.Text strong>{ACTION_LABELS[e.action] ?? e.action}</Typography.Text>
                  <Typography.Text>{e.actorName ?? (c.channel === 'public_web' || c.channel === 'open311' ? '投诉人提交' : '系统')}</Typography.Text>
                  <Typography.Text type="secondary">{fmtDateTime(e.at)}</Typography.Text>
                  {e.toStatusLabel && e.fromStatus !== e.toStatus && <Tag>{e.toStatusLabel}</Tag>}
                </Space>
                {e.action === 'transfer' && <div className="wj-event-status">{e.fromAgencyName} → {e.toAgencyName}</div>}
                {e.note && <div className="wj-event-reason">{e.note}</div>}
                {e.publicText && <div className="wj-cp-public-text"><Tag color="blue">公开</Tag>{e.publicText}</div>}
              </div>
            ),
          }))}
        />
      </Card>

      {c.views && (
        <Card title="身份信息查看记录" size="small" className="wj-card">
          {c.views.length === 0 ? <Typography.Text type="secondary">尚无人查看过投诉人身份信息</Typography.Text> : (
            <Table size="small" rowKey="id" pagination={false} dataSource={c.views} aria-label="身份信息查看记录" columns={[
              { title: '查看时间', dataIndex: 'at', render: (v: string) => fmtDateTime(v) },
              { title: '查看人', dataIndex: 'userName' },
              { title: '事由', dataIndex: 'purpose' },
            ]} />
          )}
        </Card>
      )}
      {narrow && <Button block icon={<ArrowLeftOutlined />} onClick={() => navigate('/complaints')}>返回列表</Button>}

      <ComplaintDialogs
        c={c}
        kind={dialog}
        master={master}
        onClose={() => setDialog(null)}
        reload={reload}
        onIdentity={(i) => { setDialog(null); setIdentity(i); void reload(); }}
        onDone={(_r, kind) => {
          setDialog(null);
          message.success({ reject: '已不予受理', assign: '已分派', transfer: '已转办', verify: '已保存核查情况', handle: '已处理', reply: '已答复', callback: '已回访', extend: '已延期', merge: '已并案', identity: '' }[kind]);
          if (kind === 'transfer') { changed(); navigate('/complaints'); return; }
          void reload();
          changed();
        }}
      />
      <Modal open={!!identity} title="投诉人身份信息" onCancel={() => setIdentity(null)} footer={<Button type="primary" onClick={() => setIdentity(null)}>关闭</Button>}>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="本次查看已留痕。请勿向被投诉单位或无关人员透露投诉人信息。" />
        {identity?.complainants.map((p) => (
          <Descriptions key={p.id} size="small" bordered column={1} data-testid="identity" items={[
            { key: 'name', label: '姓名', children: p.name ?? '—' },
            { key: 'phone', label: '联系电话', children: p.phone ?? '—' },
            ...(p.contactAddress ? [{ key: 'addr', label: '联系地址', children: p.contactAddress }] : []),
            ...(p.email ? [{ key: 'email', label: '电子邮箱', children: p.email }] : []),
          ]} />
        ))}
      </Modal>
    </PageContainer>
  );
}
