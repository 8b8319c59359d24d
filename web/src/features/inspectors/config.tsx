import { useMemo } from 'react';
import { Button, Card, Col, Form, Input, InputNumber, Progress, Row, Space, Switch, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { REGISTER_ACCESS } from '../../app/access';
import { categoryLabel, useRegionNames, useRegions } from '../../app/meta';
import type { BaseRecord } from '../../app/types';
import { AgencySelect, CategorySelect, DateStringPicker, useAgencies } from '../../components/pickers';
import { buildRegionTree } from '../../components/RegionTreeSelect';
import { InspectorInput, inspectorLabels, TRAINING_TARGET_HOURS } from '../../shared/schemas';
import { blankToNull, categoryTags, DueDate, keywordField, nameColumn, regionField, selectField, text } from '../registers/common';
import type { RegisterConfig } from '../registers/types';

export interface Inspector extends BaseRecord {
  name: string;
  agencyId: string;
  userId: string | null;
  credentialNo: string;
  credentialExpiry: string;
  credentialValid: boolean;
  specialties: string[];
  specialtyLabels: string[];
  /** 居住乡镇（街道）: 9-digit town code, for the same-town avoidance rule of random staffing. */
  homeTownCode: string | null;
  legalQualification: boolean;
  position: string | null;
  phone: string | null;
  trainingHours: { year: number; hours: number }[];
  trainingHoursThisYear: number;
  trainingTarget: number;
}

type InspectorForm = Pick<Inspector, 'name' | 'agencyId' | 'credentialNo' | 'credentialExpiry' | 'specialties' | 'homeTownCode' | 'legalQualification' | 'position' | 'phone' | 'trainingHours'> & { version?: number };

const KEYS = ['name', 'agencyId', 'credentialNo', 'credentialExpiry', 'specialties', 'homeTownCode', 'legalQualification', 'position', 'phone'];

/** An agency's name (or its short name, for tables) from the cached agency list. */
export function AgencyName({ id, short }: { id: string | null | undefined; short?: boolean }) {
  const { data } = useAgencies();
  if (!id) return text(null);
  const a = data?.items.find((x) => x.id === id);
  if (!a) return <>—</>;
  return short && a.shortName ? <Tooltip title={a.name}><span>{a.shortName}</span></Tooltip> : <>{a.name}</>;
}

/** Towns (乡镇、街道) of the user's regions as a tree: only level-4 regions can be chosen. */
function TownSelect(props: { value?: string | null; onChange?: (v: string | null) => void; id?: string }) {
  const { data, isLoading } = useRegions();
  const tree = useMemo(() => buildRegionTree((data?.items ?? []).filter((r) => r.level <= 4), 4), [data]);
  return (
    <TreeSelect<string>
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      loading={isLoading}
      treeData={tree}
      treeDefaultExpandedKeys={[...(data?.items ?? []).filter((r) => r.level <= 2).map((r) => r.code), ...(props.value ? [props.value.slice(0, 6)] : [])]}
      placeholder="请选择乡镇（街道）"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 280 } } }}
    />
  );
}

/** A town's full name from the region list, with its code. */
function TownName({ code }: { code: string | null | undefined }) {
  const regions = useRegionNames();
  if (!code) return text(null);
  const r = regions.get(code);
  return <span>{r ? r.fullName : code}<Typography.Text type="secondary" className="wj-mono">（{code}）</Typography.Text></span>;
}

function TrainingBar({ hours, target }: { hours: number; target: number }) {
  const pct = Math.min(100, Math.round((hours / (target || 1)) * 100));
  return (
    <Tooltip title={`本年度已完成 ${hours} 学时，目标 ${target} 学时`}>
      <Space size={6}>
        <Progress percent={pct} size={[80, 8]} showInfo={false} status={hours >= target ? 'success' : 'active'} />
        <span>{hours}/{target}</span>
      </Space>
    </Tooltip>
  );
}

function InspectorFormFields() {
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label="姓名" required><Input maxLength={64} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="agencyId" label="所属机构" required><AgencySelect /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="credentialNo" label="执法证号" required><Input maxLength={32} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="credentialExpiry" label="执法证有效期至" required><DateStringPicker /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="specialties" label="专业领域" required><CategorySelect multiple maxTagCount="responsive" placeholder="请选择专业领域" /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="homeTownCode" label="居住乡镇（街道）" extra="双随机抽查启用“同乡镇回避”时，不选派其检查本乡镇（街道）的对象">
            <TownSelect />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="legalQualification" label="法律职业资格" valuePropName="checked">
            <Switch checkedChildren="有" unCheckedChildren="无" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="position" label="职务"><Input maxLength={32} /></Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="phone" label="联系电话"><Input maxLength={20} /></Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 8 }}>年度培训学时 <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>（每人每年目标 ≥{TRAINING_TARGET_HOURS} 学时）</Typography.Text></Typography.Title>
      <Form.List name="trainingHours">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" className="wj-inline-row">
                <Form.Item name={[field.name, 'year']} label={i === 0 ? '年度' : undefined}>
                  <InputNumber min={2000} max={2100} precision={0} placeholder="年度" aria-label={`第 ${i + 1} 行年度`} />
                </Form.Item>
                <Form.Item name={[field.name, 'hours']} label={i === 0 ? '学时' : undefined}>
                  <InputNumber min={0} max={2000} placeholder="学时" aria-label={`第 ${i + 1} 行学时`} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除第 ${i + 1} 行学时`} style={{ marginTop: i === 0 ? 30 : 0 }} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ year: dayjs().year(), hours: 0 })}>添加年度学时</Button>
          </>
        )}
      </Form.List>
    </>
  );
}

export const inspectorsConfig: RegisterConfig<Inspector, InspectorForm> = {
  name: 'inspectors',
  label: '执法人员',
  title: '执法人员名录库',
  subTitle: '持证执法人员，双随机抽查中随机选派检查人员的来源',
  access: REGISTER_ACCESS.inspectors,
  defaultSort: 'name',
  recordTitle: (r) => r.name,
  searchFields: () => [
    keywordField('姓名/执法证号', '输入姓名或执法证号'),
    { name: 'agency', label: '所属机构', control: <AgencySelect placeholder="全部机构" /> },
    selectField('legalQualification', '法律职业资格', [{ value: 'true', label: '有' }, { value: 'false', label: '无' }]),
    regionField('所属区划'),
  ],
  columns: () => [
    nameColumn<Inspector>('inspectors', '姓名', 'name', { sortKey: 'name' }),
    { title: '执法证号', dataIndex: 'credentialNo', key: 'credentialNo', render: (v: string) => <span className="wj-mono">{v}</span> },
    { title: '执法证有效期至', dataIndex: 'credentialExpiry', key: 'credentialExpiry', sorter: true, render: (v: string) => <DueDate value={v} /> },
    { title: '所属机构', dataIndex: 'agencyId', key: 'agencyId', render: (v: string) => <AgencyName id={v} short /> },
    { title: '专业领域', dataIndex: 'specialties', key: 'specialties', render: (v: string[]) => categoryTags(v, 1) },
    {
      title: '法律职业资格', dataIndex: 'legalQualification', key: 'legalQualification', align: 'center',
      render: (v: boolean) => (v ? <Tag color="green">有</Tag> : <Tag>无</Tag>),
    },
    { title: '本年度培训学时', dataIndex: 'trainingHoursThisYear', key: 'training', render: (v: number, r) => <TrainingBar hours={v} target={r.trainingTarget} /> },
  ],
  form: {
    schema: InspectorInput,
    labels: inspectorLabels,
    width: 720,
    toValues: (r) => (r
      ? {
        name: r.name, agencyId: r.agencyId, credentialNo: r.credentialNo, credentialExpiry: r.credentialExpiry, specialties: r.specialties,
        homeTownCode: r.homeTownCode ?? null, legalQualification: r.legalQualification, position: r.position, phone: r.phone, trainingHours: r.trainingHours ?? [],
      }
      : { legalQualification: false, specialties: [], trainingHours: [] }),
    toBody: (v) => ({
      ...blankToNull(Object.fromEntries(KEYS.map((k) => [k, (v as Record<string, unknown>)[k]]))),
      specialties: v.specialties ?? [],
      legalQualification: !!v.legalQualification,
      trainingHours: (v.trainingHours ?? []).filter((t) => t && (t.year != null || t.hours != null)),
    }),
    render: () => <InspectorFormFields />,
  },
  detail: {
    items: (r) => [
      { key: 'name', label: '姓名', children: r.name },
      { key: 'credentialNo', label: '执法证号', children: <span className="wj-mono">{r.credentialNo}</span> },
      { key: 'credentialExpiry', label: '执法证有效期至', children: <DueDate value={r.credentialExpiry} /> },
      { key: 'agency', label: '所属机构', span: 2, children: <AgencyName id={r.agencyId} /> },
      { key: 'position', label: '职务', children: text(r.position) },
      { key: 'specialties', label: '专业领域', span: 2, children: categoryTags(r.specialties, 12) },
      { key: 'homeTown', label: '居住乡镇（街道）', children: <TownName code={r.homeTownCode} /> },
      { key: 'legal', label: '法律职业资格', children: r.legalQualification ? <Tag color="green">有</Tag> : <Tag>无</Tag> },
      { key: 'phone', label: '联系电话', children: text(r.phone) },
      { key: 'training', label: '本年度培训学时', children: <TrainingBar hours={r.trainingHoursThisYear} target={r.trainingTarget} /> },
      { key: 'account', label: '关联系统账号', children: r.userId ? '已关联' : '未关联' },
    ],
    sections: (r) => (
      <Card title="年度培训学时" className="wj-card" size="small">
        <Table
          size="small"
          bordered
          rowKey="year"
          pagination={false}
          dataSource={[...(r.trainingHours ?? [])].sort((a, b) => b.year - a.year)}
          locale={{ emptyText: '暂无培训记录' }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 120 },
            { title: '学时', dataIndex: 'hours', width: 120 },
            { title: '是否达标', key: 'ok', render: (_v, t: { hours: number }) => (t.hours >= r.trainingTarget ? <Tag color="green">达标</Tag> : <Tag color="orange">未达标（目标 {r.trainingTarget}）</Tag>) },
          ]}
        />
      </Card>
    ),
  },
  historyLabels: inspectorLabels,
  formatHistoryValue: (field, v) => {
    if (field === 'specialties' && Array.isArray(v)) return v.map((c) => categoryLabel(String(c))).join('、');
    if (field === 'trainingHours' && Array.isArray(v)) return (v as { year: number; hours: number }[]).map((t) => `${t.year}年 ${t.hours} 学时`).join('；') || '（无）';
    if (field === 'agencyId' && typeof v === 'string') return <AgencyName id={v} />;
    if (field === 'homeTownCode' && typeof v === 'string') return <TownName code={v} />;
    return undefined;
  },
};
