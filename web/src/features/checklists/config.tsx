import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { REGISTER_ACCESS } from '../../app/access';
import { categoryLabel } from '../../app/meta';
import type { BaseRecord } from '../../app/types';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { CategorySelect, DateStringPicker } from '../../components/pickers';
import { ChecklistInput, checklistLabels } from '../../shared/schemas';
import { categoryField, keywordField, nameColumn, regionColumn, regionField, text, updatedAtColumn } from '../registers/common';
import type { RegisterConfig } from '../registers/types';

export interface ChecklistItem {
  code: string;
  section: string;
  content: string;
  legalBasis: string;
  keyItem: boolean;
  points: number;
  method: string | null;
}

export interface Checklist extends BaseRecord {
  code: string;
  name: string;
  category: string;
  categoryLabel: string;
  effectiveFrom: string | null;
  items: ChecklistItem[];
  itemCount: number;
  keyItemCount: number;
  totalPoints: number;
}

type ChecklistForm = Pick<Checklist, 'code' | 'name' | 'category' | 'effectiveFrom' | 'regionCode' | 'items'>;

function ItemsEditor() {
  const form = Form.useFormInstance<ChecklistForm>();
  const items = (Form.useWatch('items', form) ?? []) as Partial<ChecklistItem>[];
  const total = items.reduce((s, i) => s + (Number(i?.points) || 0), 0);
  const keyCount = items.filter((i) => i?.keyItem).length;
  return (
    <Form.List name="items">
      {(fields, { add, remove, move }) => (
        <>
          <div className="wj-items-summary">
            <Space size={32} wrap>
              <Statistic title="检查条目" value={fields.length} suffix="条" />
              <Statistic title="关键项（※）" value={keyCount} suffix="条" />
              <Statistic title="总分" value={total} suffix="分" />
            </Space>
          </div>
          <Table
            className="wj-items-editor"
            size="small"
            bordered
            rowKey="key"
            pagination={false}
            dataSource={fields}
            scroll={{ x: 1120 }}
            locale={{ emptyText: '请添加检查条目' }}
            columns={[
              { title: '序号', key: 'i', width: 56, align: 'center', render: (_v, _f, i) => i + 1 },
              {
                title: '条目编号', key: 'code', width: 90,
                render: (_v, f, i) => <Form.Item name={[f.name, 'code']} className="wj-cell-item"><Input aria-label={`第 ${i + 1} 条 条目编号`} maxLength={32} /></Form.Item>,
              },
              {
                title: '检查项目', key: 'section', width: 120,
                render: (_v, f, i) => <Form.Item name={[f.name, 'section']} className="wj-cell-item"><Input aria-label={`第 ${i + 1} 条 检查项目`} maxLength={100} /></Form.Item>,
              },
              {
                title: '检查内容', key: 'content', width: 260,
                render: (_v, f, i) => <Form.Item name={[f.name, 'content']} className="wj-cell-item"><Input.TextArea aria-label={`第 ${i + 1} 条 检查内容`} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} /></Form.Item>,
              },
              {
                title: '法律依据', key: 'legalBasis', width: 200,
                render: (_v, f, i) => <Form.Item name={[f.name, 'legalBasis']} className="wj-cell-item"><Input.TextArea aria-label={`第 ${i + 1} 条 法律依据`} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} /></Form.Item>,
              },
              {
                title: <Tooltip title="关键项不合格时，量化分级不予评级">关键项(※)</Tooltip>, key: 'keyItem', width: 84, align: 'center',
                render: (_v, f, i) => <Form.Item name={[f.name, 'keyItem']} valuePropName="checked" className="wj-cell-item"><Checkbox aria-label={`第 ${i + 1} 条 关键项`} /></Form.Item>,
              },
              {
                title: '分值', key: 'points', width: 90,
                render: (_v, f, i) => <Form.Item name={[f.name, 'points']} className="wj-cell-item"><InputNumber aria-label={`第 ${i + 1} 条 分值`} min={0} max={100} style={{ width: '100%' }} /></Form.Item>,
              },
              {
                title: '检查方法', key: 'method', width: 130,
                render: (_v, f, i) => <Form.Item name={[f.name, 'method']} className="wj-cell-item"><Input aria-label={`第 ${i + 1} 条 检查方法`} maxLength={200} /></Form.Item>,
              },
              {
                title: '操作', key: 'op', width: 100, align: 'center', fixed: 'right',
                render: (_v, f, i) => (
                  <Space size={0}>
                    <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`上移第 ${i + 1} 条`} />
                    <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={`下移第 ${i + 1} 条`} />
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除第 ${i + 1} 条`} />
                  </Space>
                ),
              },
            ]}
          />
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            style={{ marginTop: 12 }}
            onClick={() => add({ code: String(fields.length + 1), keyItem: false, points: 0 })}
          >
            添加检查条目
          </Button>
        </>
      )}
    </Form.List>
  );
}

function ChecklistFormFields() {
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="code" label="细则编号" required><Input maxLength={32} placeholder="如 XZ-ZS-2026" /></Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="name" label="细则名称" required><Input maxLength={200} /></Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="category" label="适用类别" required><CategorySelect placeholder="请选择适用类别" /></Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="effectiveFrom" label="施行日期"><DateStringPicker /></Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="regionCode" label="发布区划" required><RegionTreeSelect /></Form.Item>
        </Col>
      </Row>
      <ItemsEditor />
    </>
  );
}

export const checklistsConfig: RegisterConfig<Checklist, ChecklistForm> = {
  name: 'checklists',
  label: '检查细则',
  title: '检查细则（一细则）',
  subTitle: '分类别的检查条目、法律依据、关键项与量化分值',
  access: REGISTER_ACCESS.checklists,
  defaultSort: 'code',
  recordTitle: (r) => r.name,
  searchFields: () => [keywordField('关键词', '细则名称或编号'), categoryField('适用类别', false), regionField('发布区划')],
  columns: () => [
    { title: '细则编号', dataIndex: 'code', key: 'code', sorter: true, render: (v: string) => <span className="wj-mono">{v}</span> },
    nameColumn<Checklist>('checklists', '细则名称', 'name', { sortKey: 'name' }),
    { title: '适用类别', dataIndex: 'category', key: 'category', render: (v: string) => categoryLabel(v) },
    { title: '条目数', dataIndex: 'itemCount', key: 'itemCount', align: 'right' },
    { title: '关键项', dataIndex: 'keyItemCount', key: 'keyItemCount', align: 'right' },
    { title: '总分', dataIndex: 'totalPoints', key: 'totalPoints', align: 'right' },
    { title: '施行日期', dataIndex: 'effectiveFrom', key: 'effectiveFrom', render: text },
    regionColumn<Checklist>('发布区划', false),
    updatedAtColumn<Checklist>(),
  ],
  form: {
    schema: ChecklistInput,
    labels: { ...checklistLabels, items: '检查条目' },
    width: 1180,
    toValues: (r) => (r
      ? { code: r.code, name: r.name, category: r.category, effectiveFrom: r.effectiveFrom, regionCode: r.regionCode, items: r.items.map((i) => ({ ...i })) }
      : { items: [{ code: '1', section: '', content: '', legalBasis: '', keyItem: false, points: 0, method: null }] }),
    toBody: (v) => ({
      code: v.code ?? null,
      name: v.name ?? null,
      category: v.category ?? null,
      effectiveFrom: v.effectiveFrom || null,
      regionCode: v.regionCode ?? null,
      items: (v.items ?? []).map((i) => ({
        code: i.code ?? '', section: i.section ?? '', content: i.content ?? '', legalBasis: i.legalBasis ?? '', keyItem: !!i.keyItem,
        points: i.points ?? 0, method: i.method || null,
      })),
    }),
    render: () => <ChecklistFormFields />,
  },
  detail: {
    items: (r) => [
      { key: 'code', label: '细则编号', children: <span className="wj-mono">{r.code}</span> },
      { key: 'name', label: '细则名称', span: 2, children: r.name },
      { key: 'category', label: '适用类别', children: categoryLabel(r.category) },
      { key: 'effectiveFrom', label: '施行日期', children: text(r.effectiveFrom) },
      { key: 'region', label: '发布区划', children: r.regionName ?? r.regionCode },
      { key: 'count', label: '检查条目', children: `${r.itemCount} 条（其中关键项 ${r.keyItemCount} 条）` },
      { key: 'total', label: '总分', children: `${r.totalPoints} 分` },
    ],
    sections: (r) => (
      <Card title={`检查条目（${r.itemCount}）`} className="wj-card" size="small" extra={<Typography.Text type="secondary">※ 为关键项</Typography.Text>}>
        <Table<ChecklistItem>
          size="small"
          bordered
          rowKey="code"
          dataSource={r.items}
          pagination={r.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          scroll={{ x: 1000 }}
          tableLayout="fixed"
          columns={[
            { title: '编号', dataIndex: 'code', width: 64, align: 'center' },
            { title: '检查项目', dataIndex: 'section', width: 110 },
            {
              title: '检查内容', dataIndex: 'content', width: '40%',
              render: (v: string, i) => <span>{i.keyItem && <Tag color="red" className="wj-key-tag">※</Tag>}{v}</span>,
            },
            { title: '法律依据', dataIndex: 'legalBasis' },
            { title: '分值', dataIndex: 'points', width: 64, align: 'right' },
            { title: '检查方法', dataIndex: 'method', width: 130, render: text },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={4} align="right"><Typography.Text strong>合计</Typography.Text></Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right"><Typography.Text strong>{r.totalPoints}</Typography.Text></Table.Summary.Cell>
              <Table.Summary.Cell index={5} />
            </Table.Summary.Row>
          )}
        />
      </Card>
    ),
  },
  historyLabels: { ...checklistLabels, items: '检查条目' },
  formatHistoryValue: (field, v) => {
    if (field === 'category' && typeof v === 'string') return categoryLabel(v);
    if (field === 'items' && Array.isArray(v)) {
      const items = v as ChecklistItem[];
      return `${items.length} 条，合计 ${items.reduce((s, i) => s + Number(i.points), 0)} 分`;
    }
    return undefined;
  },
};
