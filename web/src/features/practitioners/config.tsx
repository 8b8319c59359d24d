import { Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { Link } from 'react-router';
import { REGISTER_ACCESS } from '../../app/access';
import type { BaseRecord } from '../../app/types';
import { EntitySelect } from '../../components/pickers';
import { PRACTITIONER_CATEGORIES, PractitionerInput, practitionerLabels } from '../../shared/schemas';
import { blankToNull, keywordField, nameColumn, regionColumn, regionField, selectField, text } from '../registers/common';
import type { RegisterConfig } from '../registers/types';

export interface Practitioner extends BaseRecord {
  name: string;
  gender: '男' | '女' | null;
  idNumber: string | null;
  certificateNo: string;
  category: string;
  practiceScope: string | null;
  entityId: string;
  entityCreditCode: string | null;
  entityName: string | null;
  phone: string | null;
}

type PractitionerForm = Pick<Practitioner, 'name' | 'gender' | 'idNumber' | 'certificateNo' | 'category' | 'practiceScope' | 'entityCreditCode' | 'phone'> & { version?: number };

const categoryOptions = PRACTITIONER_CATEGORIES.map((c) => ({ value: c, label: c }));
const KEYS = ['name', 'gender', 'idNumber', 'certificateNo', 'category', 'practiceScope', 'entityCreditCode', 'phone'];

function PractitionerFormFields({ record }: { record?: Practitioner }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="name" label="姓名" required><Input maxLength={64} /></Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="gender" label="性别">
          <Radio.Group options={[{ value: '男', label: '男' }, { value: '女', label: '女' }]} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="idNumber" label="身份证号" tooltip="加密保存，仅显示脱敏号码；脱敏号码保持不变即表示不修改">
          <Input maxLength={18} placeholder="18 位公民身份号码" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="phone" label="联系电话"><Input maxLength={20} /></Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="certificateNo" label="执业证书编码" required><Input maxLength={15} placeholder="15 位" /></Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="category" label="执业类别" required><Select options={categoryOptions} placeholder="请选择执业类别" /></Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="practiceScope" label="执业范围"><Input maxLength={100} placeholder="如：内科专业" /></Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="entityCreditCode" label="执业机构" required tooltip="从检查对象名录中选择（按单位名称搜索）">
          <EntitySelect initialLabel={record?.entityName} />
        </Form.Item>
      </Col>
    </Row>
  );
}

export const practitionersConfig: RegisterConfig<Practitioner, PractitionerForm> = {
  name: 'practitioners',
  label: '从业人员',
  title: '从业人员名录',
  subTitle: '医师、护士、乡村医生等执业人员，身份证号加密保存、脱敏显示',
  access: REGISTER_ACCESS.practitioners,
  defaultSort: '-updatedAt',
  recordTitle: (r) => r.name,
  searchFields: (ctx) => [
    keywordField('姓名/证书编码', '输入姓名或执业证书编码'),
    selectField('category', '执业类别', categoryOptions),
    ...(ctx.hasRole(['unit']) ? [] : [regionField(), { name: 'entity', label: '执业机构', control: <EntitySelect valueKey="id" placeholder="全部机构（输入名称搜索）" /> }]),
  ],
  columns: () => [
    nameColumn<Practitioner>('practitioners', '姓名', 'name', { sortKey: 'name' }),
    { title: '性别', dataIndex: 'gender', key: 'gender', align: 'center', render: text },
    { title: '执业类别', dataIndex: 'category', key: 'category' },
    { title: '执业证书编码', dataIndex: 'certificateNo', key: 'certificateNo', sorter: true, render: (v: string) => <span className="wj-mono">{v}</span> },
    { title: '身份证号', dataIndex: 'idNumber', key: 'idNumber', render: (v: string | null) => (v ? <span className="wj-mono">{v}</span> : text(null)) },
    { title: '执业机构', dataIndex: 'entityName', key: 'entityName', render: (v: string | null, r) => (v ? <Link to={`/entities/${r.entityId}`}>{v}</Link> : text(null)) },
    regionColumn<Practitioner>('所属区划', false),
  ],
  form: {
    schema: PractitionerInput,
    labels: practitionerLabels,
    width: 720,
    toValues: (r) => (r
      ? { name: r.name, gender: r.gender, idNumber: r.idNumber, certificateNo: r.certificateNo, category: r.category, practiceScope: r.practiceScope, entityCreditCode: r.entityCreditCode, phone: r.phone }
      : {}),
    toBody: (v) => blankToNull(Object.fromEntries(KEYS.map((k) => [k, (v as Record<string, unknown>)[k]]))),
    render: (_f, ctx) => <PractitionerFormFields record={ctx.record} />,
  },
  detail: {
    items: (r) => [
      { key: 'name', label: '姓名', children: r.name },
      { key: 'gender', label: '性别', children: text(r.gender) },
      { key: 'idNumber', label: '身份证号', children: r.idNumber ? <span className="wj-mono">{r.idNumber}</span> : text(null) },
      { key: 'certificateNo', label: '执业证书编码', children: <Typography.Text copyable className="wj-mono">{r.certificateNo}</Typography.Text> },
      { key: 'category', label: '执业类别', children: r.category },
      { key: 'practiceScope', label: '执业范围', children: text(r.practiceScope) },
      { key: 'entity', label: '执业机构', span: 2, children: r.entityName ? <Link to={`/entities/${r.entityId}`}>{r.entityName}（{r.entityCreditCode}）</Link> : text(null) },
      { key: 'phone', label: '联系电话', children: text(r.phone) },
      { key: 'region', label: '所属区划', span: 2, children: `${r.regionName ?? ''}（${r.regionCode}）` },
    ],
  },
  historyLabels: { ...practitionerLabels, entityId: '执业机构' },
};
