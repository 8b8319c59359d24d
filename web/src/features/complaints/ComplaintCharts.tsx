/** Charts of the complaint statistics page: ECharts, loaded lazily (this module is its own chunk). */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { KpiGroup } from './api';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif';
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

function useChart(option: () => echarts.EChartsCoreOption, deps: unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption(option());
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => { ro.disconnect(); chart.dispose(); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return ref;
}

/** Received per month (bars) with 及时接处率 and 规范处置率 (lines, right axis). */
export function TrendChart({ data }: { data: KpiGroup[] }) {
  const ref = useChart(() => ({
    color: ['#1456b8', '#2e8b57', '#d9822b'],
    textStyle: { fontFamily: FONT },
    legend: { top: 0, textStyle: { fontFamily: FONT } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v == null ? '—' : String(v)) },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map((d) => d.label), axisTick: { show: false }, axisLine: { lineStyle: { color: '#c9d3e0' } } },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f6' } } },
      { type: 'value', name: '%', max: 100, min: 0, splitLine: { show: false } },
    ],
    series: [
      { name: '收到投诉', type: 'bar', data: data.map((d) => d.received), barMaxWidth: 28, itemStyle: { borderRadius: [3, 3, 0, 0] } },
      { name: '及时接处率', type: 'line', yAxisIndex: 1, data: data.map((d) => pct(d.timelyRate)), smooth: true, connectNulls: true },
      { name: '规范处置率', type: 'line', yAxisIndex: 1, data: data.map((d) => pct(d.standardRate)), smooth: true, connectNulls: true },
    ],
  }), [data]);
  return <div ref={ref} role="img" aria-label="按月收到投诉件数与及时接处率、规范处置率" style={{ width: '100%', height: '100%' }} />;
}

/** Counts by a dimension as horizontal bars, with the overdue share. */
export function CountBars({ data, label }: { data: { label: string; received: number; overdueOpen: number }[]; label: string }) {
  const rows = [...data].sort((a, b) => a.received - b.received);
  const ref = useChart(() => ({
    color: ['#1456b8', '#c8102e'],
    textStyle: { fontFamily: FONT },
    legend: { top: 0, right: 0, textStyle: { fontFamily: FONT } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 36, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f6' } } },
    yAxis: { type: 'category', data: rows.map((d) => d.label), axisTick: { show: false }, axisLabel: { width: 150, overflow: 'truncate' } },
    series: [
      { name: '收到', type: 'bar', data: rows.map((d) => d.received), barMaxWidth: 14, label: { show: true, position: 'right', color: '#4a5568' } },
      { name: '逾期未办', type: 'bar', data: rows.map((d) => d.overdueOpen), barMaxWidth: 14 },
    ],
  }), [data]);
  return <div ref={ref} role="img" aria-label={`${label}投诉件数`} style={{ width: '100%', height: '100%' }} />;
}

/** Complaint density by district or town: bars shaded from light to dark by count (热力). */
export function DensityChart({ data, label }: { data: { name: string; count: number }[]; label: string }) {
  const rows = [...data].sort((a, b) => a.count - b.count);
  const max = Math.max(1, ...rows.map((d) => d.count));
  // light (#d6e4f8) → dark (#0b3a7e) by count
  const shade = (x: number) => {
    const f = Math.min(1, Math.max(0, x / max));
    const mix = (a: number, b: number) => Math.round(a + (b - a) * f).toString(16).padStart(2, '0');
    return `#${mix(0xd6, 0x0b)}${mix(0xe4, 0x3a)}${mix(0xf8, 0x7e)}`;
  };
  const ref = useChart(() => ({
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件' },
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f6' } } },
    yAxis: { type: 'category', data: rows.map((d) => d.name), axisTick: { show: false } },
    series: [{
      type: 'bar', barMaxWidth: 18, label: { show: true, position: 'right', color: '#4a5568' },
      data: rows.map((d) => ({ value: d.count, itemStyle: { color: shade(d.count), borderRadius: [0, 3, 3, 0] } })),
    }],
  }), [data]);
  return <div ref={ref} role="img" aria-label={`${label}投诉密度`} style={{ width: '100%', height: '100%' }} />;
}
