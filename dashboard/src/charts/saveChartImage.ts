import type { EChartsType } from 'echarts/core';
import { CHART_FONT } from './palette.ts';

/** A file name from a chart's title and the period: 活动趋势（按月）_2021年1月1日至2021年6月30日.png (or its table's .xlsx, .csv). */
export const chartFileName = (title: string, period: string, extension = 'png'): string => `${title}_${period}.${extension}`.replace(/[\\/:*?"<>|\s]+/g, '');

/**
 * What a saved chart says around its plot, so the picture pasted into a report stands on its own:
 * its title, the period and sides, the unit above it; where its figures come from (and which side
 * was missing) below it.
 */
export interface ChartCaption {
  readonly title: string;
  /** 本年（2026年1月1日至2026年12月7日） · 全部辖区 */
  readonly period: string;
  /** 单位：项 */
  readonly unit: string;
  /** 数据来源：四川省库、重庆市库（经 Linju 网关实时汇聚）。 */
  readonly source: string;
}

/** The caption's lines as drawn: above the plot (the title bold), and below it. */
export function captionLines(caption: ChartCaption): { above: { text: string; bold: boolean }[]; below: string[] } {
  return {
    above: [{ text: caption.title, bold: true }, { text: caption.period, bold: false }, { text: caption.unit, bold: false }],
    below: [caption.source].filter(Boolean),
  };
}

const LINE = 24;
const MARGIN = 16;

/**
 * Saves a chart as a PNG: the SVG ECharts draws (as the page holds it), painted at twice its size on
 * a white canvas in the page (no request leaves it) under its title, period and unit and over its
 * source (`captionLines`), handed to the browser as a download.
 */
export async function saveChartImage(chart: EChartsType, fileName: string, caption: ChartCaption): Promise<void> {
  const svg = new XMLSerializer().serializeToString(chart.getDom().querySelector('svg')!);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const { above, below } = captionLines(caption);
  const scale = 2;
  const top = MARGIN + above.length * LINE + MARGIN / 2;
  const bottom = MARGIN / 2 + below.length * LINE + MARGIN;
  const canvas = document.createElement('canvas');
  canvas.width = chart.getWidth() * scale;
  canvas.height = (top + chart.getHeight() + bottom) * scale;
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, chart.getWidth(), top + chart.getHeight() + bottom);
  context.textBaseline = 'top';
  const write = (text: string, y: number, size: number, bold: boolean, colour: string) => {
    context.font = `${bold ? 'bold ' : ''}${size}px ${CHART_FONT}`;
    context.fillStyle = colour;
    context.fillText(text, MARGIN, y, chart.getWidth() - 2 * MARGIN);
  };
  above.forEach((line, i) => write(line.text, MARGIN + i * LINE, line.bold ? 18 : 14, line.bold, line.bold ? '#1d2129' : '#5c6370'));
  context.drawImage(image, 0, top, chart.getWidth(), chart.getHeight());
  below.forEach((text, i) => write(text, top + chart.getHeight() + MARGIN / 2 + i * LINE, 12, false, '#5c6370'));
  const link = document.createElement('a');
  link.href = canvas.toDataURL('image/png');
  link.download = fileName;
  link.click();
}
