/**
 * 一户一档: the sections of a unit's page under its basic information — an index of what the file holds, the
 * location (a map from the configured tile server, else coordinates and a plain locator), licences, inspections and
 * tasks, complaints, leads, and what is still to come (cases, grading, credit, risk) with honest empty states.
 * A unit's own account sees its 待办 first, and no complaints or leads (whistleblower protection).
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Alert, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { errorMessage } from '../../../app/api';
import { licenceKindLabel } from '../../../app/meta';
import { DueDate, text } from '../../registers/common';
import type { RegisterContext } from '../../registers/types';
import { useTodo } from '../../home/api';
import { TodoCard } from '../../home/TodoCard';
import type { Entity } from '../config';
import { useEntityFile, useMapSettings, type EntityFileData, type FileComplaint, type FileLead, type FileTask } from './api';
import { Locator } from './Locator';
import './entity-file.css';

const LeafletMap = lazy(() => import('./LeafletMap'));

const TASK_COLORS: Record<string, string> = { pending: 'blue', in_progress: 'processing', done: 'green', unable: 'default', unstaffed: 'orange' };
const RESULT_COLORS: Record<string, string> = { qualified: 'green', rectify: 'orange', case: 'red' };
const COMPLAINT_DONE = ['closed', 'rejected', 'merged'];

function Row2({ to, title, tags, meta, side }: { to?: string; title: ReactNode; tags?: ReactNode; meta?: ReactNode; side?: ReactNode }) {
  const body = (
    <>
      <div className="wj-file-main">
        <div className="wj-file-title">{title}{tags && <span className="wj-file-tags">{tags}</span>}</div>
        {meta && <div className="wj-file-meta">{meta}</div>}
      </div>
      {side && <div className="wj-file-side">{side}</div>}
    </>
  );
  return <li className="wj-file-row">{to ? <Link to={to} className="wj-file-link">{body}</Link> : <div className="wj-file-link">{body}</div>}</li>;
}

function Section({ id, title, count, children, extra }: { id: string; title: string; count?: number; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card id={id} className="wj-card wj-file-section" size="small" title={<>{title}{count !== undefined && <span className="wj-file-count">{count}</span>}</>} extra={extra}>
      {children}
    </Card>
  );
}

function Tasks({ items, links }: { items: FileTask[]; links: boolean }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无检查记录（双随机抽查被抽中后，检查任务和结果在此列出）" />;
  return (
    <ul className="wj-file-list">
      {items.map((t) => (
        <Row2
          key={t.id}
          to={links ? `/tasks/${t.id}` : undefined}
          title={t.planName ?? '检查任务'}
          tags={<>
            <Tag color={TASK_COLORS[t.status]}>{t.statusLabel}</Tag>
            {t.resultLabel && <Tag color={RESULT_COLORS[t.result ?? '']}>{t.resultLabel}</Tag>}
            {t.followUpStatus === 'scheduled' && <Tag color="orange">待复查</Tag>}
            {t.followUpResultLabel && <Tag>{t.followUpResultLabel}</Tag>}
          </>}
          meta={<>
            {t.inspectorNames.length > 0 && <span>执法人员：{t.inspectorNames.join('、')}</span>}
            {t.summary && <span>{t.summary}</span>}
            {t.unableReasonLabel && <span>无法检查：{t.unableReasonLabel}</span>}
            {t.followUpStatus === 'scheduled' && t.followUpDue && <span>整改期限 {t.followUpDue}</span>}
          </>}
          side={t.inspectedOn ? <span>检查于 {t.inspectedOn}</span> : <span className={t.overdue ? 'wj-file-overdue' : undefined}>{t.overdue ? '已逾期 ' : '期限 '}{t.dueDate}</span>}
        />
      ))}
    </ul>
  );
}

function Complaints({ items }: { items: FileComplaint[] }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有涉及本单位的投诉举报" />;
  return (
    <ul className="wj-file-list">
      {items.map((c) => (
        <Row2
          key={c.id}
          to={`/complaints/${c.id}`}
          title={<span className="wj-mono">{c.trackingCode}</span>}
          tags={<><Tag color={COMPLAINT_DONE.includes(c.status) ? 'default' : 'blue'}>{c.statusLabel}</Tag>{c.outcomeLabel && <Tag>{c.outcomeLabel}</Tag>}</>}
          meta={<><span>{c.categoryLabel}</span><span>{c.content}</span></>}
          side={<>
            <span>收到 {dayjs(c.receivedAt).format('YYYY-MM-DD')}</span>
            {c.nextDue && <span className={c.dueState === 'overdue' ? 'wj-file-overdue' : c.dueState === 'soon' ? 'wj-file-soon' : undefined}>{c.dueState === 'overdue' ? '已逾期' : '期限'} {c.nextDue}</span>}
          </>}
        />
      ))}
    </ul>
  );
}

function Leads({ items }: { items: FileLead[] }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="线索台账中没有本单位的线索" />;
  return (
    <ul className="wj-file-list">
      {items.map((l) => (
        <Row2
          key={l.id}
          to={`/leads/${l.id}`}
          title={l.code}
          tags={<><Tag color={l.disposition ? 'default' : 'purple'}>{l.statusLabel}</Tag>{l.dispositionLabel && <Tag color={l.disposition === 'file' ? 'red' : undefined}>{l.dispositionLabel}</Tag>}</>}
          meta={<><span>{l.sourceLabel}</span><span>{l.facts}</span></>}
          side={<>
            <span>收到 {l.receivedOn}</span>
            {l.dispositionOn ? <span>处置于 {l.dispositionOn}</span> : l.due && <span className={l.overdue ? 'wj-file-overdue' : undefined}>{l.overdue ? '已超期' : '期限'} {l.due}</span>}
          </>}
        />
      ))}
    </ul>
  );
}

function Location({ entity, file }: { entity: Entity; file: EntityFileData | undefined }) {
  const map = useMapSettings();
  const has = entity.lng != null && entity.lat != null;
  return (
    <Section id="file-location" title="位置">
      <Descriptions size="small" column={1} items={[
        { key: 'address', label: '地址', children: entity.address },
        {
          key: 'coords', label: '经纬度',
          children: has ? <Typography.Text copyable={{ text: `${entity.lng},${entity.lat}` }} className="wj-mono"><AimOutlined /> {entity.lng}, {entity.lat}</Typography.Text> : '未登记',
        },
        { key: 'grid', label: '所属网格', children: text(entity.gridCode) },
      ]} />
      {!has ? (
        <Alert type="info" showIcon title="尚未登记经纬度" description="在“编辑”中填写经纬度后，这里将显示单位位置。" />
      ) : map.data?.tiles ? (
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 260 }} />}>
          <LeafletMap lng={entity.lng!} lat={entity.lat!} name={entity.name} tiles={map.data.tiles} attribution={map.data.attribution} />
        </Suspense>
      ) : file?.locator ? (
        <Locator data={file.locator} lng={entity.lng!} lat={entity.lat!} name={entity.name} />
      ) : file ? null : <Skeleton active paragraph={{ rows: 4 }} />}
    </Section>
  );
}

function Licences({ entity }: { entity: Entity }) {
  const licences = entity.licences ?? [];
  if (!licences.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未登记许可证" />;
  return (
    <ul className="wj-file-list">
      {licences.map((l) => (
        <li key={`${l.kind}-${l.number}`} className="wj-file-row">
          <div className="wj-file-link">
            <div className="wj-file-main">
              <div className="wj-file-title">{licenceKindLabel(l.kind)}</div>
              <div className="wj-file-meta"><span className="wj-mono wj-break">{l.number}</span>{l.issuedAt && <span>发证 {l.issuedAt}</span>}</div>
              {l.scope && l.scope.length > 0 && <Space size={[4, 4]} wrap className="wj-file-scope">{l.scope.map((s) => <Tag key={s}>{s}</Tag>)}</Space>}
            </div>
            <div className="wj-file-side">
              <span>有效期至 <DueDate value={l.validUntil} /></span>
              {l.nextCheckAt && <span>校验 <DueDate value={l.nextCheckAt} soonLabel="应校验" pastLabel="逾期未校验" /></span>}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Not built yet: said plainly, with what the page will show once it is. */
function Later({ entity }: { entity: Entity }) {
  return (
    <Section id="file-later" title="案件、分级、信用与风险">
      <Descriptions size="small" column={1} styles={{ label: { width: 110 } }} items={[
        { key: 'cases', label: '行政处罚案件', children: <Typography.Text type="secondary">暂无记录。案件办理功能尚未上线；由本单位线索立案的，见“线索”中处置为“立案”的记录。</Typography.Text> },
        { key: 'grade', label: '量化分级', children: <Typography.Text type="secondary">暂无评定记录。</Typography.Text> },
        { key: 'credit', label: '信用等级', children: entity.creditClass ?? <Typography.Text type="secondary">暂无信用评价记录。</Typography.Text> },
        { key: 'risk', label: '风险等级', children: entity.riskGrade ?? <Typography.Text type="secondary">尚未评定。</Typography.Text> },
      ]} />
    </Section>
  );
}

export function EntityFile({ entity, ctx }: { entity: Entity; ctx: RegisterContext }) {
  const file = useEntityFile(entity.id);
  const unitAccount = ctx.me.user.roles.every((r) => r === 'unit');
  const todo = useTodo('mine', unitAccount);
  const d = file.data;
  const index: { id: string; label: string; n?: number }[] = [
    { id: 'file-location', label: '位置' },
    { id: 'file-licences', label: '许可证', n: entity.licences?.length ?? 0 },
    { id: 'file-tasks', label: '检查', n: d?.tasks.length },
    ...(d?.complaintsVisible !== false && !unitAccount ? [{ id: 'file-complaints', label: '投诉举报', n: d?.complaints.length }, { id: 'file-leads', label: '线索', n: d?.leads.length }] : []),
    { id: 'file-later', label: '案件与信用' },
  ];

  return (
    <div className="wj-entity-file">
      {unitAccount && (
        <TodoCard title="本单位待办" data={todo.data} loading={todo.isPending} error={todo.error} testId="todo-unit"
          empty="暂无待办：许可证在有效期内，也没有待整改的检查意见。" />
      )}
      <nav className="wj-file-index" aria-label="档案目录">
        {index.map((s) => (
          <a key={s.id} href={`#${s.id}`} onClick={(e) => { e.preventDefault(); document.getElementById(s.id)?.scrollIntoView({ behavior: 'smooth', block: 'start' }); }}>
            {s.label}{s.n !== undefined && <b>{s.n}</b>}
          </a>
        ))}
      </nav>
      {file.isError && <Alert type="error" showIcon title="档案加载失败" description={errorMessage(file.error)} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 0]}>
        <Col xs={24} xl={10}><Location entity={entity} file={d} /></Col>
        <Col xs={24} xl={14}>
          <Section id="file-licences" title="许可证" count={entity.licences?.length ?? 0}><Licences entity={entity} /></Section>
        </Col>
      </Row>
      <Section id="file-tasks" title="检查记录" count={d?.tasks.length} extra={<Typography.Text type="secondary"><EnvironmentOutlined /> 双随机抽查与复查</Typography.Text>}>
        {d ? <Tasks items={d.tasks} links={!unitAccount} /> : <Skeleton active />}
      </Section>
      {!unitAccount && d?.complaintsVisible !== false && (
        <Row gutter={[16, 0]}>
          <Col xs={24} xl={12}><Section id="file-complaints" title="投诉举报" count={d?.complaints.length}>{d ? <Complaints items={d.complaints} /> : <Skeleton active />}</Section></Col>
          <Col xs={24} xl={12}><Section id="file-leads" title="线索" count={d?.leads.length}>{d ? <Leads items={d.leads} /> : <Skeleton active />}</Section></Col>
        </Row>
      )}
      <Later entity={entity} />
    </div>
  );
}
