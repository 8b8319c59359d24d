import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Col, Form, Row, Space, Table, type TableProps } from 'antd';
import { DownOutlined, ReloadOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import type { ColumnsType, SorterResult, SortOrder } from 'antd/es/table/interface';
import { useSearchParams } from 'react-router';
import type { ListResult } from '../app/types';

export type RecordStatusFilter = 'active' | 'deleted' | 'all';

export interface ListParams {
  page: number;
  pageSize: number;
  sort?: string;
  status: RecordStatusFilter;
  /** q, region and register-specific filters, as URL strings. */
  [key: string]: string | number | undefined;
}

export interface SearchField {
  /** Query parameter name. */
  name: string;
  label: string;
  /** The control (Input, Select, …); it receives value/onChange from Form.Item. */
  control: ReactNode;
  /** Form value → URL parameter (default: String, arrays joined with ','). */
  toParam?: (value: unknown) => string | undefined;
  /** URL parameter → form value (default: the string itself). */
  fromParam?: (value: string) => unknown;
}

const RESERVED = new Set(['page', 'pageSize', 'sort', 'status']);

/** List state kept in the URL so that back/forward, reload and links restore the same view. */
export function useListParams(defaults: { pageSize?: number; sort?: string } = {}): [ListParams, (next: Partial<ListParams>, replace?: boolean) => void] {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<ListParams>(() => {
    const p: ListParams = {
      page: Math.max(1, Number(search.get('page')) || 1),
      pageSize: Number(search.get('pageSize')) || defaults.pageSize || 20,
      sort: search.get('sort') ?? defaults.sort,
      status: (['active', 'deleted', 'all'].includes(search.get('status') ?? '') ? search.get('status') : 'active') as RecordStatusFilter,
    };
    search.forEach((v, k) => {
      if (!RESERVED.has(k) && v !== '') p[k] = v;
    });
    return p;
  }, [search, defaults.pageSize, defaults.sort]);
  const update = (next: Partial<ListParams>, replace = false) => {
    const merged: Record<string, string | number | undefined> = { ...params, ...next };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(merged)) {
      if (v === undefined || v === null || v === '') continue;
      if (k === 'page' && Number(v) === 1) continue;
      if (k === 'status' && v === 'active') continue;
      if (k === 'pageSize' && Number(v) === (defaults.pageSize ?? 20)) continue;
      if (k === 'sort' && v === defaults.sort) continue;
      out.set(k, String(v));
    }
    setSearch(out, { replace });
  };
  return [params, update];
}

const defaultToParam = (v: unknown): string | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.length ? v.join(',') : undefined;
  return String(v).trim() || undefined;
};

export interface SearchTableProps<T extends object> {
  fields: SearchField[];
  params: ListParams;
  onParamsChange: (next: Partial<ListParams>) => void;
  columns: ColumnsType<T>;
  data?: ListResult<T>;
  loading?: boolean;
  /** Left of the toolbar (e.g. the record-status switch). */
  toolbarLeft?: ReactNode;
  /** Right of the toolbar (新增 / 导入 / 导出 / 下载模板). */
  toolbar?: ReactNode;
  rowKey?: TableProps<T>['rowKey'];
  rowClassName?: TableProps<T>['rowClassName'];
  /** Accessible name of the table. */
  ariaLabel?: string;
  /** Number of query fields shown before 展开. */
  collapsedCount?: number;
}

/**
 * ProTable-like list: a query form (查询 / 重置, 展开 / 收起), a toolbar, a sortable table and
 * pagination. State lives in the caller (usually the URL, see useListParams).
 */
export function SearchTable<T extends object>(props: SearchTableProps<T>) {
  const { fields, params, onParamsChange, columns, data, loading, toolbarLeft, toolbar, rowKey = 'id', rowClassName, ariaLabel, collapsedCount = 3 } = props;
  const [form] = Form.useForm();
  const [expanded, setExpanded] = useState(false);

  // Keep the form in step with the URL (back/forward, links).
  useEffect(() => {
    const values: Record<string, unknown> = {};
    for (const f of fields) {
      const raw = params[f.name];
      values[f.name] = raw === undefined ? undefined : f.fromParam ? f.fromParam(String(raw)) : String(raw);
    }
    form.setFieldsValue(values);
  }, [params, fields, form]);

  const submit = () => {
    const values = form.getFieldsValue();
    const next: Partial<ListParams> = { page: 1 };
    for (const f of fields) next[f.name] = (f.toParam ?? defaultToParam)(values[f.name]);
    onParamsChange(next);
  };
  const reset = () => {
    form.resetFields();
    const next: Partial<ListParams> = { page: 1 };
    for (const f of fields) next[f.name] = undefined;
    onParamsChange(next);
  };

  const sortedColumns = useMemo<ColumnsType<T>>(() => columns.map((c) => {
    if (!c.sorter || !c.key) return c;
    const key = String(c.key);
    const order: SortOrder = params.sort === key ? 'ascend' : params.sort === `-${key}` ? 'descend' : null;
    return { ...c, sortOrder: order, sortDirections: ['ascend', 'descend'] as SortOrder[] };
  }), [columns, params.sort]);

  const collapsible = fields.length > collapsedCount;
  const shown = collapsible && !expanded ? fields.slice(0, collapsedCount) : fields;

  return (
    <div className="wj-search-table">
      {fields.length > 0 && (
        <Card className="wj-query-card" size="small" variant="borderless">
          <Form form={form} name="search" onFinish={submit} className="wj-query-form" labelWrap={false}>
            <Row gutter={[16, 12]}>
              {shown.map((f) => (
                <Col key={f.name} xs={24} sm={12} lg={8} xxl={6}>
                  <Form.Item name={f.name} label={f.label} style={{ marginBottom: 0 }}>
                    {f.control}
                  </Form.Item>
                </Col>
              ))}
              <Col flex="auto" className="wj-query-actions">
                <Space wrap>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>查询</Button>
                  <Button onClick={reset} icon={<ReloadOutlined />}>重置</Button>
                  {collapsible && (
                    <Button type="link" onClick={() => setExpanded(!expanded)} icon={expanded ? <UpOutlined /> : <DownOutlined />} iconPlacement="end">
                      {expanded ? '收起' : '展开'}
                    </Button>
                  )}
                </Space>
              </Col>
            </Row>
          </Form>
        </Card>
      )}
      <Card className="wj-table-card" size="small" variant="borderless">
        <div className="wj-toolbar">
          <div className="wj-toolbar-left">{toolbarLeft}</div>
          <div className="wj-toolbar-right"><Space wrap>{toolbar}</Space></div>
        </div>
        <Table<T>
          aria-label={ariaLabel}
          rowKey={rowKey}
          rowClassName={rowClassName}
          columns={sortedColumns}
          dataSource={data?.items ?? []}
          loading={loading}
          bordered
          size="middle"
          scroll={{ x: 'max-content' }}
          onChange={(pagination, _filters, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T>;
            const sort = s?.order && s.columnKey ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : undefined;
            const sortChanged = (sort ?? undefined) !== (params.sort ?? undefined);
            onParamsChange({
              page: sortChanged ? 1 : pagination.current ?? 1,
              pageSize: pagination.pageSize ?? params.pageSize,
              sort: sort ?? '',
            });
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showQuickJumper: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total, range) => `第 ${range[0]}-${range[1]} 条，${data?.totalIsEstimate ? '约' : '共'} ${total} 条`,
          }}
        />
      </Card>
    </div>
  );
}
