import { Col, Form, Input, Row } from 'antd';
import { REGISTER_ACCESS } from '../../app/access';
import type { BaseRecord } from '../../app/types';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { AgencySelect } from '../../components/pickers';
import { AgencyInput, agencyLabels } from '../../shared/schemas';
import { AgencyName } from '../inspectors/config';
import { blankToNull, keywordField, nameColumn, regionColumn, text, updatedAtColumn } from '../registers/common';
import type { RegisterConfig } from '../registers/types';

export interface Agency extends BaseRecord {
  name: string;
  shortName: string;
  level: string;
  parentId: string | null;
  docPrefix: string;
  address: string | null;
  phone: string | null;
  headName: string | null;
}

type AgencyForm = Pick<Agency, 'name' | 'shortName' | 'regionCode' | 'parentId' | 'docPrefix' | 'address' | 'phone' | 'headName'>;
const KEYS = ['name', 'shortName', 'regionCode', 'parentId', 'docPrefix', 'address', 'phone', 'headName'];

export const agenciesConfig: RegisterConfig<Agency, AgencyForm> = {
  name: 'agencies',
  label: '监督机构',
  title: '监督机构',
  subTitle: '各级卫生健康监督机构及其管辖区划、文号前缀',
  access: REGISTER_ACCESS.agencies,
  defaultSort: 'regionCode',
  recordTitle: (r) => r.name,
  searchFields: () => [keywordField('机构名称', '输入机构名称或简称')],
  columns: () => [
    nameColumn<Agency>('agencies', '机构名称', 'name', { sortKey: 'name' }),
    { title: '简称', dataIndex: 'shortName', key: 'shortName' },
    { title: '层级', dataIndex: 'level', key: 'level', align: 'center' },
    regionColumn<Agency>('管辖区划'),
    { title: '文号前缀', dataIndex: 'docPrefix', key: 'docPrefix', align: 'center' },
    { title: '负责人', dataIndex: 'headName', key: 'headName', render: text },
    { title: '联系电话', dataIndex: 'phone', key: 'phone', render: text },
    updatedAtColumn<Agency>(),
  ],
  form: {
    schema: AgencyInput,
    labels: agencyLabels,
    width: 720,
    toValues: (r) => (r ? Object.fromEntries(KEYS.map((k) => [k, (r as Record<string, unknown>)[k]])) as Partial<AgencyForm> : {}),
    toBody: (v) => blankToNull(Object.fromEntries(KEYS.map((k) => [k, (v as Record<string, unknown>)[k]]))),
    render: () => (
      <Row gutter={16}>
        <Col xs={24}>
          <Form.Item name="name" label="机构名称" required><Input maxLength={100} placeholder="如 澄江市临湖区卫生健康监督所" /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="shortName" label="简称" required><Input maxLength={32} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="docPrefix" label="文号前缀" required tooltip="区划简称加“卫”，用于执法文书文号，如“锡卫”"><Input maxLength={7} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="regionCode" label="管辖区划" required><RegionTreeSelect /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="parentId" label="上级机构"><AgencySelect placeholder="无（最高层级）" /></Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label="地址"><Input maxLength={200} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="headName" label="负责人"><Input maxLength={32} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label="联系电话"><Input maxLength={20} /></Form.Item>
        </Col>
      </Row>
    ),
  },
  detail: {
    items: (r) => [
      { key: 'name', label: '机构名称', span: 2, children: r.name },
      { key: 'shortName', label: '简称', children: r.shortName },
      { key: 'level', label: '机构层级', children: r.level },
      { key: 'region', label: '管辖区划', children: `${r.regionName ?? ''}（${r.regionCode}）`, span: 2 },
      { key: 'docPrefix', label: '文号前缀', children: r.docPrefix },
      { key: 'parent', label: '上级机构', span: 2, children: r.parentId ? <AgencyName id={r.parentId} /> : text(null) },
      { key: 'headName', label: '负责人', children: text(r.headName) },
      { key: 'phone', label: '联系电话', children: text(r.phone) },
      { key: 'address', label: '地址', span: 2, children: text(r.address) },
    ],
  },
  historyLabels: agencyLabels,
  formatHistoryValue: (field, v) => (field === 'parentId' && typeof v === 'string' ? <AgencyName id={v} /> : undefined),
};
