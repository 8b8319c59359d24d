import { useMemo } from 'react';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useRegions } from '../app/meta';
import type { RegionItem } from '../app/types';

interface RegionNode {
  value: string;
  title: string;
  level: number;
  disabled?: boolean;
  children?: RegionNode[];
}

/** Build the tree from the flat list: a node's parent is the item whose code is its parentCode. */
export function buildRegionTree(items: RegionItem[], minLevel = 0): RegionNode[] {
  const nodes = new Map<string, RegionNode>();
  for (const r of items) nodes.set(r.code, { value: r.code, title: r.name, level: r.level, disabled: r.level < minLevel });
  const roots: RegionNode[] = [];
  for (const r of items) {
    const node = nodes.get(r.code)!;
    const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

export interface RegionTreeSelectProps extends Omit<TreeSelectProps<string>, 'treeData'> {
  /** Regions above this level cannot be chosen (e.g. 3 = district/county or below). */
  minLevel?: number;
}

/** Choose an administrative region among those in the user's jurisdiction. */
export function RegionTreeSelect({ minLevel = 0, placeholder = '请选择行政区划', ...rest }: RegionTreeSelectProps) {
  const { data, isLoading } = useRegions();
  const tree = useMemo(() => buildRegionTree(data?.items ?? [], minLevel), [data, minLevel]);
  const expanded = useMemo(() => (data?.items ?? []).filter((r) => r.level <= 3).map((r) => r.code).slice(0, 40), [data]);
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      loading={isLoading}
      treeData={tree}
      treeDefaultExpandedKeys={expanded}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 280 } } }}
      {...rest}
    />
  );
}
