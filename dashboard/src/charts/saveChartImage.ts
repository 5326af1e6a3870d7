import type { EChartsType } from 'echarts/core';

/** A file name from a chart's title and the period: 活动趋势（按月）_2021年1月1日至2021年6月30日.png (or its table's .xlsx, .csv). */
export const chartFileName = (title: string, period: string, extension = 'png'): string => `${title}_${period}.${extension}`.replace(/[\\/:*?"<>|\s]+/g, '');

/**
 * Saves a chart as a PNG: the SVG ECharts draws (as the page holds it), painted at twice its size on a white
 * canvas in the page (no request leaves it), handed to the browser as a download.
 */
export async function saveChartImage(chart: EChartsType, fileName: string): Promise<void> {
  const svg = new XMLSerializer().serializeToString(chart.getDom().querySelector('svg')!);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = chart.getWidth() * scale;
  canvas.height = chart.getHeight() * scale;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const link = document.createElement('a');
  link.href = canvas.toDataURL('image/png');
  link.download = fileName;
  link.click();
}
