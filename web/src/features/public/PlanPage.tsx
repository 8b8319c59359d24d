/** 抽查计划公示详情: the publication, the published hashes, the draw, the results, later changes and the verifier. */
import { useEffect, type ReactNode } from 'react';
import { Alert, Button, Descriptions, Space, Steps, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { CATEGORIES } from '../../../../server/domains/entities/categories';
import { candidatesUrl, usePublicPlan, type PublicPlan, type PublicStratum } from './api';
import { DateRange, Field, LoadError, Loading, NotFoundPage, PageHeading, Section, useIsMobile, usePageTitle } from './components';
import { HashValue, StatusTag } from './antd-parts';
import { candidatesFileName, explainRules, explainWeights, fmtCount, fmtDateTime, fmtWindow, PLAN_STATUS_COLOR, SOURCE_LABEL } from './format';
import { ChangesSection, ResultsSection } from './ResultsSection';
import { VerifyPanel } from './VerifyPanel';

const categoryLabel = (code: string) => CATEGORIES.find((c) => c.code === code)?.label ?? code;

function scrollTo(id: string) {
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function Progress({ plan }: { plan: PublicPlan }) {
  const drawn = !!plan.drawnAt;
  const done = plan.status === 'completed';
  const current = done ? 4 : drawn ? 2 : 1;
  return (
    <Steps
      className="wj-pub-steps" size="small" current={current} responsive
      items={[
        { title: '公布计划', content: fmtDateTime(plan.publishedAt) },
        { title: '公开抽取', content: drawn ? fmtDateTime(plan.drawnAt) : '待抽取' },
        { title: '实施检查', content: drawn ? `已完成 ${plan.finished} / ${plan.tasks} 户` : `${fmtWindow(plan.windowStart, plan.windowEnd)}` },
        { title: '结果公示', content: `检查后 ${plan.publishWithinWorkingDays} 个工作日内` },
      ]}
    />
  );
}

function Overview({ plan }: { plan: PublicPlan }) {
  const facts: [string, ReactNode][] = [
    ['组织实施机构', plan.agencyName],
    ['计划层级', `${plan.level}级`],
    ['年度', `${plan.year} 年`],
    ['实施期限', <DateRange start={plan.windowStart} end={plan.windowEnd} />],
    ['计划来源', plan.source === 'imported' && plan.issuedBy ? `上级下达（${plan.issuedBy}）` : SOURCE_LABEL[plan.source] ?? plan.source],
    ['承办机构', plan.carriers.join('、') || plan.agencyName],
    ['公布时间', fmtDateTime(plan.publishedAt)],
    ['候选对象', `${fmtCount(plan.candidateCount)} 户`],
  ];
  return (
    <Section title="计划概况" id="overview">
      <Progress plan={plan} />
      <div className="wj-pub-facts">
        {facts.map(([k, v]) => <Field key={k} label={k}>{v}</Field>)}
      </div>
      {plan.description && <p className="wj-pub-desc">{plan.description}</p>}
    </Section>
  );
}

function strataColumns(): { title: string; key: string; render: (s: PublicStratum) => ReactNode; width?: number }[] {
  return [
    { title: '抽取层级', key: 'name', render: (s) => s.name },
    { title: '检查对象类别', key: 'categories', render: (s) => (s.categories.length ? s.categories.map(categoryLabel).join('、') : '计划范围内全部类别') },
    { title: '区域范围', key: 'regions', render: (s) => (s.regionCodes.length ? <span className="wj-pub-mono">{s.regionCodes.join('、')}</span> : '全辖区') },
    { title: '抽取数量', key: 'target', width: 140, render: (s) => (s.mode === 'ratio' ? `按比例 ${s.target}` : `按数量 ${s.target}`) },
  ];
}

function Content({ plan }: { plan: PublicPlan }) {
  const mobile = useIsMobile();
  const cols = strataColumns();
  return (
    <Section title="抽查内容" id="content">
      <h3 className="wj-pub-h3">抽查事项</h3>
      <ul className="wj-pub-list">
        {plan.matters.map((m) => <li key={m.code}><span className="wj-pub-code">{m.code}</span>{m.name}</li>)}
      </ul>
      <h3 className="wj-pub-h3">检查对象类别</h3>
      <div className="wj-pub-tags">{plan.categories.map((c) => <Tag key={c.code}>{c.label}</Tag>)}</div>
      <h3 className="wj-pub-h3">分层抽取</h3>
      <p className="wj-pub-note">候选对象按类别和区域分为以下层级，每个层级分别独立抽取。按比例抽取的，抽取数量向上取整。</p>
      {mobile ? (
        <div className="wj-pub-cards">
          {plan.strata.map((s) => (
            <div key={s.key} className="wj-pub-card">
              {cols.map((c) => <Field key={c.key} label={c.title}>{c.render(s)}</Field>)}
            </div>
          ))}
        </div>
      ) : (
        <Table<PublicStratum>
          size="small" rowKey="key" pagination={false} dataSource={plan.strata} className="wj-pub-table"
          columns={cols.map((c) => ({ title: c.title, key: c.key, width: c.width, render: (_: unknown, s: PublicStratum) => c.render(s) }))}
        />
      )}
    </Section>
  );
}

function Rules({ plan }: { plan: PublicPlan }) {
  const w = plan.weights ? explainWeights(plan.weights) : null;
  return (
    <Section title="抽取规则" id="rules">
      <h3 className="wj-pub-h3">派员与回避规则</h3>
      <ol className="wj-pub-list wj-pub-ol">
        {explainRules(plan.rules).map((t) => <li key={t}>{t}</li>)}
      </ol>
      {w && (
        <>
          <h3 className="wj-pub-h3">抽取权重</h3>
          <p className="wj-pub-note">
            每个候选对象有一个权重分值，被抽中的可能性与权重成正比：风险越高、信用越差、投诉越多的对象，被抽中的可能性越大，但任何对象都有被抽中的可能。权重由以下各项相加：
          </p>
          <div className="wj-pub-weights">
            {w.items.map((i) => <Field key={i.label} label={i.label}>{i.text}</Field>)}
          </div>
          <p className="wj-pub-note">{w.example}</p>
        </>
      )}
    </Section>
  );
}

function Hashes({ plan }: { plan: PublicPlan }) {
  const p = plan.published;
  const mobile = useIsMobile();
  return (
    <Section
      title="抽取前公布的承诺值" id="hashes"
      extra={<a href={candidatesUrl(plan.id)} download={candidatesFileName(plan.id)}><DownloadOutlined /> 下载候选名单</a>}
    >
      <p className="wj-pub-note">
        以下数值于 <b>{fmtDateTime(plan.publishedAt)}</b> 公布，早于抽取。候选名单、执法人员名单和抽取规则一经公布即被冻结，其 SHA-256 哈希值写入下表；承诺值是抽取所用秘密种子的 SHA-256 值。抽取后任何一项被改动，验证都将不能通过。
      </p>
      <Descriptions
        bordered size="small" column={1} layout={mobile ? 'vertical' : 'horizontal'} className="wj-pub-desc-table"
        items={[
          { key: 'c', label: '种子承诺值', children: <HashValue value={p.commitment} label="承诺值" /> },
          { key: 'ch', label: '候选对象名单哈希', children: <HashValue value={p.candidatesHash} label="候选名单哈希" /> },
          { key: 'ih', label: '执法人员名单哈希', children: <HashValue value={p.inspectorsHash} label="执法人员名单哈希" /> },
          { key: 'ph', label: '抽查计划哈希', children: <HashValue value={p.planHash} label="计划哈希" /> },
          { key: 'n', label: '候选对象数量', children: `${fmtCount(plan.candidateCount)} 户` },
          { key: 't', label: '公布时间', children: fmtDateTime(plan.publishedAt) },
        ]}
      />
    </Section>
  );
}

function DrawInfo({ plan }: { plan: PublicPlan }) {
  if (!plan.drawnAt) {
    return (
      <Section title="公开抽取" id="draw">
        <Alert
          type="info" showIcon title="本计划尚未抽取"
          description="抽取时将录入当日公开的随机值（如福利彩票开奖号码），与事先承诺的秘密种子共同决定抽取结果。抽取完成后，本页将公示公开随机值、抽取结果和可供验证的数据包。"
        />
      </Section>
    );
  }
  return (
    <Section title="公开抽取" id="draw">
      <div className="wj-pub-facts">
        <Field label="抽取时间">{fmtDateTime(plan.drawnAt)}</Field>
        <Field label="抽中检查对象">{fmtCount(plan.tasks)} 户</Field>
        <Field label="已完成检查">{fmtCount(plan.finished)} 户</Field>
      </div>
      <div className="wj-pub-pv">
        <div className="wj-pub-pv-label">公开随机值</div>
        <Typography.Text className="wj-pub-pv-value" copyable={{ text: plan.publicValue ?? '', tooltips: ['复制公开随机值', '已复制'] }}>{plan.publicValue}</Typography.Text>
        <div className="wj-pub-note">抽取时录入的公开随机值，公布承诺值时无法预知。它与秘密种子、三项哈希值共同生成抽取所用的随机数。</div>
      </div>
    </Section>
  );
}

export default function PlanPage() {
  const { id = '' } = useParams();
  const q = usePublicPlan(id);
  usePageTitle(q.data?.name ?? '抽查计划公示');
  const { hash } = useLocation();
  const loaded = !!q.data;
  // A link such as /public/plans/:id#verify scrolls to its section once the page has rendered.
  useEffect(() => {
    if (loaded && hash) requestAnimationFrame(() => document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' }));
  }, [loaded, hash]);
  if (q.isLoading) return <Loading />;
  if (q.error) {
    if (q.error instanceof ApiError && q.error.status === 404) return <NotFoundPage what="抽查计划" />;
    return <LoadError error={q.error} retry={() => q.refetch()} />;
  }
  const plan = q.data!;
  const drawn = !!plan.drawnAt;
  const anchors = [
    ['content', '抽查内容'], ['rules', '抽取规则'], ['hashes', '承诺值'], ['draw', '公开抽取'],
    ...(drawn ? [['results', '抽取结果'], ['changes', '状态变更'], ['verify', '验证抽取']] : []),
  ] as [string, string][];
  return (
    <>
      <div className="wj-pub-crumb"><Link to="/public/plans">抽查计划</Link><span>/</span>计划详情</div>
      <PageHeading title={plan.name} extra={<StatusTag label={plan.statusLabel} color={PLAN_STATUS_COLOR[plan.status]} />} />
      <nav className="wj-pub-anchors" aria-label="本页目录">
        <Space size={[4, 4]} wrap>
          {anchors.map(([k, label]) => (
            <Button key={k} size="small" type="text" href={`#${k}`} onClick={(e) => { e.preventDefault(); scrollTo(k); }}>{label}</Button>
          ))}
        </Space>
      </nav>
      <Overview plan={plan} />
      <Content plan={plan} />
      <Rules plan={plan} />
      <Hashes plan={plan} />
      <DrawInfo plan={plan} />
      {drawn && (
        <>
          <ResultsSection plan={plan} />
          <ChangesSection plan={plan} />
          <VerifyPanel plan={plan} />
        </>
      )}
    </>
  );
}
