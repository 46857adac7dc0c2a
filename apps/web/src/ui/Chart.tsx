import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, GraphChart, LineChart, PieChart } from 'echarts/charts';
import {
  DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, GraphSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type {
  DatasetComponentOption, GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption,
} from 'echarts/components';

// Only what the app draws is bundled; add a chart type here (and to ChartOption) when a module needs it.
echarts.use([BarChart, GraphChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption | GraphSeriesOption | LineSeriesOption | PieSeriesOption
  | DatasetComponentOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>;

export interface ChartProps {
  option: ChartOption;
  /** CSS height of the chart; width follows the container. */
  height?: number | string;
  /** 'dark' for the cockpit's dark panels. */
  theme?: 'light' | 'dark';
  /** Accessible description of what the chart shows. */
  ariaLabel?: string;
  className?: string;
  style?: React.CSSProperties;
}

/** A thin wrapper around `echarts.init`: sets the option, follows the container's size, disposes on unmount. */
export function Chart({ option, height = 320, theme = 'light', ariaLabel, className, style }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const instance = echarts.init(node, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => instance.resize());
    });
    observer.observe(node);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, theme]);

  return <div ref={el} className={className} role="img" aria-label={ariaLabel} style={{ width: '100%', height, ...style }} />;
}
