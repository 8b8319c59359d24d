import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { REGISTER_ACCESS } from '../../app/access';
import { categoryLabel } from '../../app/meta';
import type { BaseRecord } from '../../app/types';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { CategorySelect } from '../../components/pickers';
import { MatterInput, PLAN_LEVELS, matterLabels } from '../../shared/schemas';
import { blankToNull, categoryField, keywordField, nameColumn, regionColumn, regionField, selectField, text, updatedAtColumn } from '../registers/common';
import type { RegisterConfig } from '../registers/types';

export interface Matter extends BaseRecord {
  code: string;
  name: string;
  category: string;
  categoryLabel: string;
  legalBasis: string;
  subject: string;
  level: string;
  ratio: number | null;
  frequency: string;
  method: string;
  staffRequirement: string | null;
}

type MatterForm = Pick<Matter, 'code' | 'name' | 'category' | 'legalBasis' | 'subject' | 'level' | 'ratio' | 'frequency' | 'method' | 'staffRequirement' | 'regionCode'>;
const KEYS = ['code', 'name', 'category', 'legalBasis', 'subject', 'level', 'ratio', 'frequency', 'method', 'staffRequirement', 'regionCode'];
const levelOptions = PLAN_LEVELS.map((l) => ({ value: l, label: l }));

function MatterFormFields() {
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name="code" label="事项编码" required><Input maxLength={32} placeholder="如 GG-001" /></Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item name="name" label="抽查事项" required><Input maxLength={200} /></Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="category" label="抽查对象类别" required><CategorySelect placeholder="请选择抽查对象类别" /></Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="level" label="层级" required><Select options={levelOptions} placeholder="请选择层级" /></Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="legalBasis" label="法律依据" required tooltip="没有法律法规依据的事项不得列入随机抽查（国办发〔2015〕58号）">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="subject" label="抽查主体" required><Input maxLength={100} /></Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="regionCode" label="发布区划" required><RegionTreeSelect /></Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="ratio" label="抽查比例(%)"><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="frequency" label="抽查频次" required><Input maxLength={32} placeholder="如 每年1次" /></Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="method" label="检查方式" required><Input maxLength={100} placeholder="如 现场检查" /></Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="staffRequirement" label="执法人员要求"><Input maxLength={200} /></Form.Item>
      </Col>
    </Row>
  );
}

export const mattersConfig: RegisterConfig<Matter, MatterForm> = {
  name: 'matters',
  label: '随机抽查事项',
  title: '随机抽查事项清单（一单）',
  subTitle: '列明抽查事项、依据、主体、对象、比例、频次和方式',
  access: REGISTER_ACCESS.matters,
  defaultSort: 'code',
  recordTitle: (r) => `${r.code} ${r.name}`,
  searchFields: () => [
    keywordField('关键词', '事项名称、编码或法律依据'),
    categoryField('对象类别', false),
    selectField('level', '层级', levelOptions),
    regionField('发布区划'),
  ],
  columns: () => [
    { title: '事项编码', dataIndex: 'code', key: 'code', sorter: true, render: (v: string) => <span className="wj-mono">{v}</span> },
    nameColumn<Matter>('matters', '抽查事项', 'name', { sortKey: 'name' }),
    { title: '抽查对象类别', dataIndex: 'category', key: 'category', render: (v: string) => categoryLabel(v) },
    { title: '层级', dataIndex: 'level', key: 'level', align: 'center' },
    { title: '抽查比例', dataIndex: 'ratio', key: 'ratio', align: 'right', render: (v: number | null) => (v == null ? '—' : `${v}%`) },
    { title: '抽查频次', dataIndex: 'frequency', key: 'frequency' },
    { title: '检查方式', dataIndex: 'method', key: 'method' },
    regionColumn<Matter>('发布区划', false),
    updatedAtColumn<Matter>(),
  ],
  form: {
    schema: MatterInput,
    labels: matterLabels,
    width: 760,
    toValues: (r) => (r ? Object.fromEntries(KEYS.map((k) => [k, (r as Record<string, unknown>)[k]])) as Partial<MatterForm> : {}),
    toBody: (v) => blankToNull(Object.fromEntries(KEYS.map((k) => [k, (v as Record<string, unknown>)[k]]))),
    render: () => <MatterFormFields />,
  },
  detail: {
    items: (r) => [
      { key: 'code', label: '事项编码', children: <span className="wj-mono">{r.code}</span> },
      { key: 'name', label: '抽查事项', span: 2, children: r.name },
      { key: 'category', label: '抽查对象类别', children: categoryLabel(r.category) },
      { key: 'level', label: '层级', children: r.level },
      { key: 'subject', label: '抽查主体', children: r.subject },
      { key: 'legalBasis', label: '法律依据', span: 3, children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{r.legalBasis}</Typography.Paragraph> },
      { key: 'ratio', label: '抽查比例', children: r.ratio == null ? '—' : `${r.ratio}%` },
      { key: 'frequency', label: '抽查频次', children: r.frequency },
      { key: 'method', label: '检查方式', children: r.method },
      { key: 'staff', label: '执法人员要求', span: 2, children: text(r.staffRequirement) },
      { key: 'region', label: '发布区划', children: r.regionName ?? r.regionCode },
    ],
  },
  historyLabels: matterLabels,
  formatHistoryValue: (field, v) => (field === 'category' && typeof v === 'string' ? categoryLabel(v) : undefined),
};
