import { Button, Card, Col, Divider, Empty, Form, Input, InputNumber, Row, Select, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { REGISTER_ACCESS } from '../../app/access';
import { categoryLabel, licenceKindLabel, operatingStatusLabel } from '../../app/meta';
import type { BaseRecord } from '../../app/types';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { CategorySelect, DateStringPicker, GridSelect } from '../../components/pickers';
import { EntityInput, LICENCE_KINDS, OPERATING_STATUSES, entityLabels } from '../../shared/schemas';
import {
  blankToNull, categoryField, categoryTags, DueDate, keywordField, nameColumn, regionColumn, regionField, selectField, text,
} from '../registers/common';
import type { RegisterConfig } from '../registers/types';
import { EntityFile } from './file/EntityFile';

export interface Licence {
  kind: string;
  number: string;
  scope?: string[];
  issuedAt?: string | null;
  validUntil: string;
  nextCheckAt?: string | null;
}

export interface Entity extends BaseRecord {
  creditCode: string;
  name: string;
  address: string;
  gridCode: string | null;
  lng: number | null;
  lat: number | null;
  legalRep: string | null;
  contactPhone: string | null;
  categories: string[];
  categoryLabels: string[];
  licences: Licence[];
  beds: number | null;
  operatingStatus: string;
  operatingStatusLabel: string;
  riskGrade: string | null;
  creditClass: string | null;
}

type EntityForm = Pick<Entity, 'creditCode' | 'name' | 'address' | 'regionCode' | 'gridCode' | 'lng' | 'lat' | 'legalRep' | 'contactPhone' | 'categories' | 'licences' | 'beds' | 'operatingStatus'> & { version?: number };

const STATUS_COLORS: Record<string, string> = { operating: 'green', suspended: 'orange', closed: 'default', cancelled: 'red' };
const statusOptions = Object.entries(OPERATING_STATUSES).map(([value, label]) => ({ value, label }));
const kindOptions = Object.entries(LICENCE_KINDS).map(([value, label]) => ({ value, label }));

/** The licence that expires first (what the list shows). */
function firstExpiring(licences: Licence[] | undefined): Licence | undefined {
  return [...(licences ?? [])].sort((a, b) => a.validUntil.localeCompare(b.validUntil))[0];
}

function LicenceList() {
  return (
    <Form.List name="licences">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未登记许可证" />}
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              className="wj-list-card"
              title={`许可证 ${index + 1}`}
              extra={<Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除许可证 ${index + 1}`}>删除</Button>}
            >
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'kind']} label="许可证类型" required>
                    <Select options={kindOptions} placeholder="请选择许可证类型" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'number']} label="许可证号" required tooltip="医疗机构执业许可证登记号为 22 位">
                    <Input maxLength={40} placeholder="请输入许可证号 / 登记号" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name={[field.name, 'scope']} label="许可范围/诊疗科目">
                    <Select mode="tags" tokenSeparators={['、', ',', '，', ';', '；']} placeholder="输入后回车，可填多项" open={false} suffixIcon={null} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'issuedAt']} label="发证日期"><DateStringPicker /></Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'validUntil']} label="有效期至" required><DateStringPicker /></Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'nextCheckAt']} label="下次校验日期"><DateStringPicker /></Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ kind: 'medical', scope: [] })}>添加许可证</Button>
        </>
      )}
    </Form.List>
  );
}

function EntityFormFields() {
  const form = Form.useFormInstance<EntityForm>();
  const regionCode = Form.useWatch('regionCode', form);
  return (
    <>
      <Divider titlePlacement="start" plain className="wj-form-divider">基本信息</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="creditCode" label="统一社会信用代码" required tooltip="18 位，按 GB 32100-2015 校验">
            <Input maxLength={18} placeholder="18 位统一社会信用代码" style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="name" label="单位名称" required>
            <Input maxLength={200} placeholder="与营业执照或登记证书一致" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label="地址" required>
            <Input maxLength={300} placeholder="详细地址" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="regionCode" label="所属区划" required tooltip="应登记到区县、镇街或村社区">
            <RegionTreeSelect minLevel={3} onChange={() => form.setFieldValue('gridCode', null)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="gridCode" label="所属网格">
            <GridSelect regionCode={regionCode} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="categories" label="专业类别" required>
            <CategorySelect multiple />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="operatingStatus" label="经营状态" required>
            <Select options={statusOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="legalRep" label="法定代表人">
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactPhone" label="联系电话" tooltip="脱敏显示的号码保持不变即表示不修改">
            <Input maxLength={20} placeholder="手机 11 位或 区号-号码" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="beds" label="床位数">
            <InputNumber min={0} max={20000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="lng" label="经度">
            <InputNumber min={73} max={136} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="lat" label="纬度">
            <InputNumber min={3} max={54} step={0.000001} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain className="wj-form-divider">许可证</Divider>
      <LicenceList />
    </>
  );
}

const FORM_KEYS = ['creditCode', 'name', 'address', 'regionCode', 'gridCode', 'lng', 'lat', 'legalRep', 'contactPhone', 'categories', 'beds', 'operatingStatus'];

export const entitiesConfig: RegisterConfig<Entity, EntityForm> = {
  name: 'entities',
  label: '检查对象',
  title: '检查对象名录库',
  subTitle: '辖区内全部被监督单位，随机抽查的对象来源',
  access: REGISTER_ACCESS.entities,
  defaultSort: '-updatedAt',
  recordTitle: (r) => r.name,
  searchFields: () => [
    keywordField('单位名称', '输入单位名称'),
    { name: 'creditCode', label: '信用代码', control: <Input allowClear placeholder="统一社会信用代码（完整 18 位）" maxLength={18} /> },
    categoryField(),
    regionField(),
    selectField('operatingStatus', '经营状态', statusOptions),
  ],
  columns: () => [
    nameColumn<Entity>('entities', '单位名称', 'name', { sortKey: 'name' }),
    { title: '统一社会信用代码', key: 'creditCode', dataIndex: 'creditCode', sorter: true, render: (v: string) => <span className="wj-mono">{v}</span> },
    { title: '专业类别', key: 'categories', dataIndex: 'categories', render: (v: string[]) => categoryTags(v) },
    regionColumn<Entity>(),
    {
      title: '经营状态', key: 'operatingStatus', dataIndex: 'operatingStatus', align: 'center',
      render: (v: string) => <Tag color={STATUS_COLORS[v]}>{operatingStatusLabel(v)}</Tag>,
    },
    {
      title: '许可证到期', key: 'licence', dataIndex: 'licences',
      render: (v: Licence[]) => {
        const l = firstExpiring(v);
        return l ? <DueDate value={l.validUntil} /> : <Typography.Text type="secondary">无</Typography.Text>;
      },
    },
  ],
  form: {
    schema: EntityInput,
    labels: entityLabels,
    width: 820,
    toValues: (r) => (r
      ? {
        creditCode: r.creditCode, name: r.name, address: r.address, regionCode: r.regionCode, gridCode: r.gridCode, lng: r.lng, lat: r.lat,
        legalRep: r.legalRep, contactPhone: r.contactPhone, categories: r.categories, beds: r.beds, operatingStatus: r.operatingStatus,
        licences: (r.licences ?? []).map((l) => ({ ...l, scope: l.scope ?? [] })),
      }
      : { operatingStatus: 'operating', categories: [], licences: [] }),
    toBody: (v) => {
      const body = blankToNull(Object.fromEntries(FORM_KEYS.map((k) => [k, (v as Record<string, unknown>)[k]])));
      if (typeof body.creditCode === 'string') body.creditCode = body.creditCode.trim().toUpperCase();
      body.categories = v.categories ?? [];
      body.licences = (v.licences ?? []).map((l) => ({
        kind: l.kind, number: l.number ?? '', scope: l.scope ?? [], issuedAt: l.issuedAt ?? null, validUntil: l.validUntil ?? '', nextCheckAt: l.nextCheckAt ?? null,
      }));
      return body;
    },
    render: () => <EntityFormFields />,
  },
  detail: {
    items: (r) => [
      { key: 'name', label: '单位名称', children: r.name, span: 2 },
      { key: 'creditCode', label: '统一社会信用代码', children: <Typography.Text copyable className="wj-mono">{r.creditCode}</Typography.Text> },
      { key: 'address', label: '地址', children: r.address, span: 2 },
      { key: 'operatingStatus', label: '经营状态', children: <Tag color={STATUS_COLORS[r.operatingStatus]}>{operatingStatusLabel(r.operatingStatus)}</Tag> },
      { key: 'categories', label: '专业类别', children: categoryTags(r.categories, 10), span: 2 },
      { key: 'legalRep', label: '法定代表人', children: text(r.legalRep) },
      { key: 'region', label: '所属区划', children: `${r.regionName ?? ''}（${r.regionCode}）`, span: 2 },
      { key: 'grid', label: '所属网格', children: text(r.gridCode) },
      { key: 'contactPhone', label: '联系电话', children: text(r.contactPhone) },
      { key: 'beds', label: '床位数', children: text(r.beds) },
      { key: 'coords', label: '经纬度', children: r.lng != null && r.lat != null ? `${r.lng}, ${r.lat}` : text(null) },
      { key: 'riskGrade', label: '风险等级', children: text(r.riskGrade) },
      { key: 'creditClass', label: '信用等级', children: text(r.creditClass) },
    ],
    sections: (r, ctx) => <EntityFile entity={r} ctx={ctx} />,
  },
  historyLabels: entityLabels,
  formatHistoryValue: (field, v) => {
    if (field === 'categories' && Array.isArray(v)) return v.map((c) => categoryLabel(String(c))).join('、');
    if (field === 'operatingStatus' && typeof v === 'string') return operatingStatusLabel(v);
    if (field === 'licences' && Array.isArray(v)) {
      if (!v.length) return '（无）';
      return (
        <ul className="wj-change-list">
          {(v as Licence[]).map((l) => <li key={`${l.kind}-${l.number}`}>{licenceKindLabel(l.kind)} {l.number}（有效期至 {l.validUntil}{l.nextCheckAt ? `，下次校验 ${l.nextCheckAt}` : ''}）</li>)}
        </ul>
      );
    }
    return undefined;
  },
};
