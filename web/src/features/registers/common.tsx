/** Building blocks shared by the register configs. */
import type { ReactNode } from 'react';
import { Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { BaseRecord } from '../../app/types';
import { categoryLabel } from '../../app/meta';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { CategorySelect } from '../../components/pickers';
import type { SearchField } from '../../components/SearchTable';

export const keywordField = (label: string, placeholder: string): SearchField => ({
  name: 'q',
  label,
  control: <Input allowClear placeholder={placeholder} maxLength={100} />,
});

export const regionField = (label = '所属区划'): SearchField => ({
  name: 'region',
  label,
  control: <RegionTreeSelect placeholder="全部区划" />,
});

export const categoryField = (label = '专业类别', multiple = true): SearchField => ({
  name: 'category',
  label,
  control: multiple
    ? <CategorySelect multiple maxTagCount="responsive" placeholder="全部类别" />
    : <CategorySelect placeholder="全部类别" />,
  fromParam: multiple ? (s) => s.split(',').filter(Boolean) : undefined,
});

export const selectField = (name: string, label: string, options: { value: string; label: string }[], placeholder = '全部'): SearchField => ({
  name,
  label,
  control: <Select allowClear options={options} placeholder={placeholder} />,
});

/** The record's name as a link to its detail page. */
export function nameColumn<T extends BaseRecord>(register: string, title: string, key: string, opts: { sortKey?: string; width?: number } = {}): ColumnType<T> {
  return {
    title,
    key: opts.sortKey ?? key,
    dataIndex: key,
    sorter: !!opts.sortKey,
    width: opts.width,
    render: (v: string, r) => (
      <Space size={4}>
        <Link to={`/${register}/${r.id}`}>{v}</Link>
        {r.recordStatus === 'deleted' && (
          <Tooltip title={r.deletedReason ? `删除原因：${r.deletedReason}` : undefined}><Tag color="red">已删除</Tag></Tooltip>
        )}
      </Space>
    ),
  };
}

export function regionColumn<T extends BaseRecord>(title = '所属区划', sortable = true): ColumnType<T> {
  return {
    title,
    key: 'regionCode',
    dataIndex: 'regionName',
    sorter: sortable,
    render: (v: string | null, r) => <Tooltip title={r.regionCode}>{shortRegion(v) ?? r.regionCode}</Tooltip>,
  };
}

/** The full name without the province and city prefix, which repeat on every row. */
export function shortRegion(fullName: string | null | undefined): string | null {
  if (!fullName) return null;
  return fullName.replace(/^.+?(省|自治区)/, '').replace(/^.+?市(?=.+(区|县|市))/, '');
}

export function updatedAtColumn<T extends BaseRecord>(): ColumnType<T> {
  return {
    title: '更新时间',
    key: 'updatedAt',
    dataIndex: 'updatedAt',
    sorter: true,
    width: 150,
    render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
  };
}

export function categoryTags(codes: string[] | undefined, max = 2): ReactNode {
  if (!codes?.length) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = codes.slice(0, max);
  return (
    <Space size={[4, 4]} wrap={false}>
      {shown.map((c) => <Tag key={c} color="blue">{categoryLabel(c)}</Tag>)}
      {codes.length > max && (
        <Tooltip title={codes.map(categoryLabel).join('、')}><Tag>+{codes.length - max}</Tag></Tooltip>
      )}
    </Space>
  );
}

/** A date with a warning colour when it is past or within `warnDays`. */
export function DueDate({ value, warnDays = 60, pastLabel = '已过期', soonLabel = '即将到期' }: { value?: string | null; warnDays?: number; pastLabel?: string; soonLabel?: string }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  const today = dayjs().format('YYYY-MM-DD');
  const soon = dayjs().add(warnDays, 'day').format('YYYY-MM-DD');
  if (value < today) return <Space size={4}><span>{value}</span><Tag color="red">{pastLabel}</Tag></Space>;
  if (value <= soon) return <Space size={4}><span>{value}</span><Tag color="orange">{soonLabel}</Tag></Space>;
  return <span>{value}</span>;
}

export const text = (v: unknown): ReactNode =>
  v === null || v === undefined || v === '' ? <Typography.Text type="secondary">—</Typography.Text> : String(v);

export const yesNo = (v: unknown) => (v ? '是' : '否');

/** Pick keys of an object (form values → API body). */
export function pick<T extends object>(obj: T, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (obj as Record<string, unknown>)[k];
  return out;
}

/** Empty strings → null, so optional fields are sent as "not set". */
export function blankToNull(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = v === '' || v === undefined ? null : v;
  return out;
}

export const regionDisplay = (r: BaseRecord) => r.regionName ?? r.regionCode;
