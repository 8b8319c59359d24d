import { Col, Form, Input, Row, Tag } from 'antd';
import { REGISTER_ACCESS } from '../../app/access';
import type { BaseRecord } from '../../app/types';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { GridInput, REGION_LEVEL_LABELS, RegionInput, gridLabels, regionLabels } from '../../shared/schemas';
import { blankToNull, keywordField, nameColumn, regionColumn, regionField, selectField, text, updatedAtColumn } from '../registers/common';
import type { RegisterConfig } from '../registers/types';

export interface Region extends BaseRecord {
  code: string;
  name: string;
  level: number;
  levelLabel: string;
  parentCode: string | null;
  fullName: string;
}

const levelOptions = Object.entries(REGION_LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const LEVEL_COLORS: Record<number, string> = { 1: 'magenta', 2: 'volcano', 3: 'blue', 4: 'cyan', 5: 'green' };

export const regionsConfig: RegisterConfig<Region, { code: string; name: string }> = {
  name: 'regions',
  label: '行政区划',
  title: '行政区划',
  subTitle: '区县 6 位、镇街 9 位、村社区 12 位代码；每条记录按区划归属管辖',
  access: REGISTER_ACCESS.regions,
  defaultSort: 'code',
  recordTitle: (r) => r.fullName || r.name,
  searchFields: () => [
    keywordField('名称/代码', '输入名称或区划代码'),
    selectField('level', '层级', levelOptions),
    regionField('上级区划范围'),
  ],
  columns: () => [
    { title: '区划代码', dataIndex: 'code', key: 'code', sorter: true, render: (v: string) => <span className="wj-mono">{v}</span> },
    nameColumn<Region>('regions', '名称', 'name', { sortKey: 'name' }),
    { title: '层级', dataIndex: 'level', key: 'level', align: 'center', render: (v: number, r) => <Tag color={LEVEL_COLORS[v]}>{r.levelLabel}</Tag> },
    { title: '全称', dataIndex: 'fullName', key: 'fullName' },
    { title: '上级区划代码', dataIndex: 'parentCode', key: 'parentCode', render: (v: string | null) => (v ? <span className="wj-mono">{v}</span> : text(null)) },
    updatedAtColumn<Region>(),
  ],
  form: {
    schema: RegionInput,
    labels: regionLabels,
    width: 560,
    toValues: (r) => (r ? { code: r.code, name: r.name } : {}),
    toBody: (v) => ({ code: v.code?.trim() ?? null, name: v.name ?? null }),
    render: (_f, ctx) => (
      <>
        <Form.Item name="code" label="行政区划代码" required tooltip="登记后不可修改；上级区划须已登记" extra="区县 6 位，镇街 9 位，村社区 12 位">
          <Input maxLength={12} disabled={!!ctx.record} />
        </Form.Item>
        <Form.Item name="name" label="名称" required><Input maxLength={64} placeholder="如 青石镇" /></Form.Item>
      </>
    ),
  },
  detail: {
    items: (r) => [
      { key: 'code', label: '行政区划代码', children: <span className="wj-mono">{r.code}</span> },
      { key: 'name', label: '名称', children: r.name },
      { key: 'level', label: '层级', children: r.levelLabel },
      { key: 'fullName', label: '全称', span: 2, children: r.fullName },
      { key: 'parent', label: '上级区划代码', children: text(r.parentCode) },
    ],
  },
  historyLabels: regionLabels,
};

export interface GridCell extends BaseRecord {
  code: string;
  name: string;
  assistantName: string | null;
  assistantPhone: string | null;
  assistantUserId: string | null;
}

type GridForm = Pick<GridCell, 'code' | 'name' | 'regionCode' | 'assistantName' | 'assistantPhone'>;
const GRID_KEYS = ['code', 'name', 'regionCode', 'assistantName', 'assistantPhone'];

export const gridsConfig: RegisterConfig<GridCell, GridForm> = {
  name: 'grid-cells',
  label: '网格',
  title: '网格管理',
  subTitle: '镇街、村社区下划分的网格及其协管员',
  access: REGISTER_ACCESS['grid-cells'],
  defaultSort: 'code',
  recordTitle: (r) => r.name,
  searchFields: () => [keywordField('关键词', '网格名称、编码或协管员'), regionField()],
  columns: () => [
    { title: '网格编码', dataIndex: 'code', key: 'code', sorter: true, render: (v: string) => <span className="wj-mono">{v}</span> },
    nameColumn<GridCell>('grid-cells', '网格名称', 'name', { sortKey: 'name' }),
    regionColumn<GridCell>('所属区划', false),
    { title: '协管员', dataIndex: 'assistantName', key: 'assistantName', render: text },
    { title: '协管员电话', dataIndex: 'assistantPhone', key: 'assistantPhone', render: text },
    updatedAtColumn<GridCell>(),
  ],
  form: {
    schema: GridInput,
    labels: gridLabels,
    width: 640,
    toValues: (r) => (r ? Object.fromEntries(GRID_KEYS.map((k) => [k, (r as Record<string, unknown>)[k]])) as Partial<GridForm> : {}),
    toBody: (v) => blankToNull(Object.fromEntries(GRID_KEYS.map((k) => [k, (v as Record<string, unknown>)[k]]))),
    render: () => (
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="regionCode" label="所属区划" required tooltip="网格应划分在镇街或村社区之下"><RegionTreeSelect minLevel={4} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="code" label="网格编码" required extra="所属区划代码加序号，9–20 位数字"><Input maxLength={20} /></Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="name" label="网格名称" required><Input maxLength={100} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="assistantName" label="协管员姓名"><Input maxLength={32} /></Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="assistantPhone" label="协管员电话"><Input maxLength={20} /></Form.Item>
        </Col>
      </Row>
    ),
  },
  detail: {
    items: (r) => [
      { key: 'code', label: '网格编码', children: <span className="wj-mono">{r.code}</span> },
      { key: 'name', label: '网格名称', span: 2, children: r.name },
      { key: 'region', label: '所属区划', span: 2, children: `${r.regionName ?? ''}（${r.regionCode}）` },
      { key: 'assistantName', label: '协管员', children: text(r.assistantName) },
      { key: 'assistantPhone', label: '协管员电话', children: text(r.assistantPhone) },
    ],
  },
  historyLabels: gridLabels,
};
