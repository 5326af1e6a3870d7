import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

// Only what the dashboard draws, bundled with the page (no CDN). SVG rather than canvas: sharp on
// a projector at any scale, and its text is in the DOM for screen readers and the browser tests.
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, TitleComponent, LabelLayout, SVGRenderer]);

const charts = new WeakMap<HTMLElement, EChartsType>();
/** Each chart's last drawing, and the width it was laid out for. */
const drawings = new WeakMap<EChartsType, { draw: () => void; width: number }>();

/**
 * Draws `draw` in the chart now and again whenever the chart's width changes (a phone turned, a
 * window resized, the page laid out for print): its ticks and label widths are chosen from the width.
 */
export function drawSized(chart: EChartsType, draw: () => void): void {
  drawings.set(chart, { draw, width: chart.getWidth() });
  draw();
}

/** The chart drawn in a container, created on first use, resized with the container and laid out again for a new width. */
export function chartIn(container: HTMLElement): EChartsType {
  let chart = charts.get(container);
  if (!chart) {
    const created = init(container, undefined, { renderer: 'svg' });
    charts.set(container, (chart = created));
    new ResizeObserver(() => {
      created.resize();
      const drawing = drawings.get(created);
      if (drawing && drawing.width !== created.getWidth()) drawSized(created, drawing.draw);
    }).observe(container);
  }
  return chart;
}
