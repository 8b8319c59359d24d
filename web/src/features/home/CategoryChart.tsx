/** Entities by category: ECharts (loaded lazily — this module is its own chunk). */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface CategoryDatum {
  label: string;
  value: number;
  /** Lines for the tooltip (sub-types and their counts). */
  detail?: string[];
}

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif';
const PALETTE = ['#1456b8', '#2f8fdd', '#36a3a3', '#5bb85d', '#e6a23c', '#d9822b', '#c8102e', '#8e5cc4', '#4a6fa5', '#7f8fa6'];

export default function CategoryChart({ data, kind }: { data: CategoryDatum[]; kind: 'bar' | 'pie' }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const sorted = [...data].sort((a, b) => a.value - b.value);
    chart.setOption(kind === 'bar'
      ? {
        color: PALETTE,
        textStyle: { fontFamily: FONT },
        tooltip: {
          trigger: 'item',
          formatter: (p: { dataIndex: number }) => {
            const d = sorted[p.dataIndex];
            return [`<b>${d.label}：${d.value} 家</b>`, ...(d.detail && d.detail.length > 1 ? d.detail : [])].join('<br/>');
          },
        },
        grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f6' } } },
        yAxis: { type: 'category', data: sorted.map((d) => d.label), axisTick: { show: false }, axisLine: { lineStyle: { color: '#c9d3e0' } } },
        series: [{ type: 'bar', data: sorted.map((d) => d.value), barMaxWidth: 18, itemStyle: { color: '#1456b8', borderRadius: [0, 3, 3, 0] }, label: { show: true, position: 'right', color: '#4a5568' } }],
      }
      : {
        color: PALETTE,
        textStyle: { fontFamily: FONT },
        tooltip: { trigger: 'item', formatter: '{b}：{c} 家（{d}%）' },
        legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', textStyle: { fontFamily: FONT } },
        series: [{ type: 'pie', radius: ['40%', '70%'], center: ['38%', '50%'], data: data.map((d) => ({ name: d.label, value: d.value })), label: { formatter: '{b}\n{c}' } }],
      });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [data, kind]);
  return <div ref={ref} role="img" aria-label="检查对象类别分布图" style={{ width: '100%', height: '100%' }} />;
}
