/** 计划内容: matters, categories, regions, strata, staffing rules, exclusions and the weight table of a plan. */
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { categoryLabel, useRegionNames } from '../../app/meta';
import type { Plan, Stratum } from './api';

const none = (text = '不限') => <Typography.Text type="secondary">{text}</Typography.Text>;

function Tags({ items, color }: { items: string[]; color?: string }) {
  return <Space size={[4, 4]} wrap>{items.map((x) => <Tag key={x} color={color}>{x}</Tag>)}</Space>;
}

export function PlanContent({ plan }: { plan: Plan }) {
  const regions = useRegionNames();
  const regionName = (code: string) => regions.get(code)?.fullName ?? code;
  const w = plan.weights;
  const grades = ['A', 'B', 'C', 'D'];

  return (
    <>
      <Card title="计划信息" size="small" className="wj-card">
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'name', label: '计划名称', span: 2, children: plan.name },
            { key: 'level', label: '计划层级', children: `${plan.level}级` },
            { key: 'year', label: '年度', children: `${plan.year} 年` },
            { key: 'agency', label: '组织实施机构', children: plan.agencyName },
            { key: 'carriers', label: '承办机构', children: plan.carrierAgencies.map((a) => a.name).join('、') },
            { key: 'window', label: '实施期限', children: `${plan.windowStart} 至 ${plan.windowEnd}` },
            { key: 'source', label: '计划来源', children: plan.source === 'imported' ? `上级下达${plan.issuedBy ? `（${plan.issuedBy}）` : ''}` : '本级制定' },
            { key: 'matters', label: '抽查事项', span: 'filled', children: <Tags items={plan.matters.map((m) => `${m.code} ${m.name}`)} /> },
            { key: 'categories', label: '检查对象类别', span: 'filled', children: <Tags color="blue" items={plan.categories.map(categoryLabel)} /> },
            { key: 'regions', label: '抽查区域', span: 'filled', children: plan.targetRegions.length ? <Tags items={plan.targetRegions.map(regionName)} /> : none('组织实施机构全部辖区') },
            { key: 'description', label: '计划说明', span: 'filled', children: plan.description || none('—') },
          ]}
        />
      </Card>
      <Card title="抽取层级" size="small" className="wj-card">
        <Table<Stratum>
          size="small"
          bordered
          rowKey="key"
          pagination={false}
          dataSource={plan.strata}
          scroll={{ x: 'max-content' }}
          aria-label="抽取层级"
          columns={[
            { title: '层级编码', dataIndex: 'key', render: (v: string) => <span className="wj-mono">{v}</span> },
            { title: '层级名称', dataIndex: 'name' },
            { title: '专业类别', dataIndex: 'categories', render: (v: string[]) => (v?.length ? <Tags color="blue" items={v.map(categoryLabel)} /> : none()) },
            { title: '区域', dataIndex: 'regionCodes', render: (v: string[]) => (v?.length ? <Tags items={v.map(regionName)} /> : none()) },
            { title: '抽取数量 / 比例', key: 'amount', render: (_v, s) => (s.mode === 'count' ? `${s.count} 户` : `${s.ratioBp / 100}%（按比例，向上取整）`) },
          ]}
        />
      </Card>
      <Card title="派员与排除规则" size="small" className="wj-card">
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          styles={{ label: { width: 180, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'per', label: '每户执法人员数', children: `${plan.rules.inspectorsPerTarget} 人` },
            { key: 'cap', label: '个人工作量上限', children: `不超过本机构任务总数的 ${plan.rules.maxShareBp / 100}%` },
            { key: 'town', label: '同乡镇回避', children: plan.rules.avoidSameTown ? <Tag color="green">启用</Tag> : <Tag>不启用</Tag> },
            { key: 'pair', label: '避免与上次检查人员相同', children: plan.rules.avoidLastPair ? <Tag color="green">启用</Tag> : <Tag>不启用</Tag> },
            { key: 'excl', label: '排除本年度已被抽中的对象', children: plan.exclusions.excludeInspectedInPeriod ? <Tag color="green">排除</Tag> : <Tag>不排除</Tag> },
            { key: 'interval', label: '最短检查间隔', children: plan.exclusions.minIntervalDays ? `${plan.exclusions.minIntervalDays} 天` : none() },
          ]}
        />
      </Card>
      <Card title="抽取权重" size="small" className="wj-card" extra={<Typography.Text type="secondary">权重 = 基础 + 风险 + 信用 + 重点监管 + min(投诉 × 每件, 上限)</Typography.Text>}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          styles={{ label: { width: 180, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'base', label: '基础权重', children: w.base },
            { key: 'key', label: '重点监管名单加权', children: w.keyList },
            { key: 'risk', label: '风险等级加权', children: grades.map((g) => `${g} 级 ${w.riskGrade[g] ?? 0}`).join(' · ') },
            { key: 'credit', label: '信用等级加权', children: grades.map((g) => `${g} 级 ${w.creditClass[g] ?? 0}`).join(' · ') },
            { key: 'complaint', label: '投诉举报加权', children: `每件 ${w.complaintEach}，上限 ${w.complaintMax}` },
          ]}
        />
      </Card>
    </>
  );
}
