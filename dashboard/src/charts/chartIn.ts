import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

// Only what the dashboard draws, bundled with the page (no CDN). SVG rather than canvas: sharp on
// a projector at any scale, and its text is in the DOM for screen readers and the browser tests.
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, LabelLayout, SVGRenderer]);

const charts = new WeakMap<HTMLElement, EChartsType>();

/** The chart drawn in a container, created on first use and resized with the container. */
export function chartIn(container: HTMLElement): EChartsType {
  let chart = charts.get(container);
  if (!chart) {
    chart = init(container, undefined, { renderer: 'svg' });
    charts.set(container, chart);
    const resize = () => chart!.resize();
    new ResizeObserver(resize).observe(container);
  }
  return chart;
}
