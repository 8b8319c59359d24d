/** Completion and closure rates as grouped bars: ECharts, loaded lazily (this module is its own chunk). */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface RateDatum {
  name: string;
  drawn: number;
  finished: number;
  closed: number;
  completionRate: number | null;
  closureRate: number | null;
}

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif';
const pct = (r: number | null) => (r === null ? 0 : Math.round(r * 1000) / 10);

export default function StatsChart({ data, label }: { data: RateDatum[]; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const rows = [...data].reverse();
    chart.setOption({
      color: ['#1456b8', '#2e8b57'],
      textStyle: { fontFamily: FONT },
      legend: { top: 0, right: 0, textStyle: { fontFamily: FONT } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const d = rows[ps[0].dataIndex];
          return [
            `<b>${d.name}</b>`,
            `抽取任务：${d.drawn} 个`,
            `完成率：${pct(d.completionRate)}%（${d.finished}/${d.drawn}）`,
            `完结率：${pct(d.closureRate)}%（${d.closed}/${d.drawn}）`,
          ].join('<br/>');
        },
      },
      grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { color: '#eef1f6' } } },
      yAxis: {
        type: 'category', data: rows.map((d) => d.name), axisTick: { show: false }, axisLine: { lineStyle: { color: '#c9d3e0' } },
        axisLabel: { width: 220, overflow: 'truncate' },
      },
      series: [
        { name: '完成率', type: 'bar', data: rows.map((d) => pct(d.completionRate)), barMaxWidth: 14, label: { show: true, position: 'right', formatter: '{c}%', color: '#4a5568' } },
        { name: '完结率', type: 'bar', data: rows.map((d) => pct(d.closureRate)), barMaxWidth: 14, label: { show: true, position: 'right', formatter: '{c}%', color: '#4a5568' } },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [data]);
  return <div ref={ref} role="img" aria-label={`${label}完成率与完结率图`} style={{ width: '100%', height: '100%' }} />;
}
