/** Form controls bound to reference data: categories, dates as strings, agencies, entities, grid cells. */
import { useEffect, useMemo, useState } from 'react';
import { DatePicker, Select, TreeSelect, type SelectProps, type TreeSelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../app/api';
import { CATEGORY_TREE } from '../app/meta';
import type { BaseRecord, ListResult } from '../app/types';

/** Professional categories (专业类别) as a tree; a parent and its sub-types are all selectable. */
export function CategorySelect(props: Omit<TreeSelectProps<string | string[]>, 'treeData'>) {
  return (
    <TreeSelect<string | string[]>
      treeData={CATEGORY_TREE}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder="请选择专业类别"
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}

interface DateStringPickerProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** A DatePicker whose value is the API's 'YYYY-MM-DD' string. */
export function DateStringPicker({ value, onChange, style, ...rest }: DateStringPickerProps) {
  const v = value ? dayjs(value, 'YYYY-MM-DD') : null;
  return (
    <DatePicker
      {...rest}
      value={v && v.isValid() ? v : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      format="YYYY-MM-DD"
      style={{ width: '100%', ...style }}
    />
  );
}

interface Agency extends BaseRecord {
  name: string;
  shortName: string;
}

export function useAgencies() {
  return useQuery({
    queryKey: ['agencies', 'options'],
    queryFn: () => api.get<ListResult<Agency>>('/api/agencies', { pageSize: 200, sort: 'regionCode' }),
    staleTime: 5 * 60_000,
  });
}

/** Supervision agencies (监督机构) in the user's view. */
export function AgencySelect(props: SelectProps<string>) {
  const { data, isLoading } = useAgencies();
  const options = useMemo(() => (data?.items ?? []).map((a) => ({ value: a.id, label: a.name })), [data]);
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      loading={isLoading}
      options={options}
      placeholder="请选择监督机构"
      {...props}
    />
  );
}

interface EntityOption extends BaseRecord {
  name: string;
  creditCode: string;
}

interface EntitySelectProps extends Omit<SelectProps<string>, 'options'> {
  /** Name shown for the current value before any search (e.g. the record's entityName). */
  initialLabel?: string | null;
  /** What the value is: the credit code (default) or the record id. */
  valueKey?: 'creditCode' | 'id';
}

/** Search the entity register by name; value is the unit's credit code (or id). */
export function EntitySelect({ initialLabel, valueKey = 'creditCode', value, ...rest }: EntitySelectProps) {
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(q.trim()), 300);
    return () => clearTimeout(t);
  }, [q]);
  const { data, isFetching } = useQuery({
    queryKey: ['entities', 'options', debounced],
    queryFn: () => api.get<ListResult<EntityOption>>('/api/entities', { q: debounced || undefined, pageSize: 20, sort: 'name' }),
    staleTime: 60_000,
  });
  const options = useMemo(() => {
    const list = (data?.items ?? []).map((e) => ({ value: e[valueKey], label: `${e.name}（${e.creditCode}）` }));
    if (value && !list.some((o) => o.value === value)) list.unshift({ value, label: initialLabel ? `${initialLabel}（${value}）` : String(value) });
    return list;
  }, [data, value, initialLabel, valueKey]);
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      loading={isFetching}
      options={options}
      placeholder="输入单位名称搜索"
      notFoundContent={isFetching ? '正在搜索…' : '未找到匹配的单位'}
      {...rest}
    />
  );
}

interface GridCell extends BaseRecord {
  code: string;
  name: string;
}

/** Grid cells (网格) inside a region; disabled until a region is chosen. */
export function GridSelect({ regionCode, ...rest }: SelectProps<string> & { regionCode?: string | null }) {
  // A village may belong to a grid drawn at town level: list the town's grids and keep those on the same branch.
  const scope = regionCode && regionCode.length === 12 ? regionCode.slice(0, 9) : regionCode;
  const { data, isLoading } = useQuery({
    queryKey: ['grid-cells', 'options', scope],
    queryFn: () => api.get<ListResult<GridCell>>('/api/grid-cells', { region: scope ?? undefined, pageSize: 200, sort: 'code' }),
    enabled: !!scope,
    staleTime: 60_000,
  });
  const options = useMemo(() => (data?.items ?? [])
    .filter((g) => !regionCode || g.regionCode.startsWith(regionCode) || regionCode.startsWith(g.regionCode))
    .map((g) => ({ value: g.code, label: `${g.name}（${g.code}）` })), [data, regionCode]);
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      disabled={!regionCode}
      loading={isLoading && !!regionCode}
      options={options}
      placeholder={regionCode ? '请选择网格' : '请先选择所属区划'}
      notFoundContent="该区划下暂无网格"
      {...rest}
    />
  );
}
