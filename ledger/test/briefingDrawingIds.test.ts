import { describe, expect, test } from 'vitest';
import { Document, Footer, ImageRun, Packer, Paragraph } from 'docx';
import { briefingCharts } from '../src/report/briefingCharts.ts';
import { briefingDocx, numberDrawingsApart } from '../src/report/briefingDocument.ts';
import type { PeriodFigures } from '../src/report/readBriefingFigures.ts';
import { periodOf } from './periodFigures.ts';
import { zipMember } from './zipMember.ts';

/**
 * Every drawing of the briefing's .docx has a `wp:docPr` id of its own across the body, headers and
 * footers: docx gave each chart id 1, and Word may report a document whose drawings share an id as
 * having unreadable content.
 */

/** The body and the header and footer parts it references, by name. */
function parts(docx: Buffer): Map<string, string> {
  const rels = zipMember(docx, 'word/_rels/document.xml.rels');
  const targets = [...rels.matchAll(/<Relationship [^>]*\/>/g)]
    .filter(([rel]) => /Type="[^"]*\/(header|footer)"/.test(rel))
    .map(([rel]) => `word/${rel.match(/Target="([^"]+)"/)![1]}`);
  return new Map(['word/document.xml', ...targets].map((name) => [name, zipMember(docx, name)]));
}

/** Each drawing's id, with the part it is in. */
const drawingIds = (docx: Buffer) => [...parts(docx)].flatMap(([name, xml]) => [...xml.matchAll(/<wp:docPr\s[^>]*?\bid="(\d+)"/g)].map(([, id]) => ({ name, id: Number(id) })));

const SIDES = [
  { key: 'sichuan', code: '510000', name: '四川省' },
  { key: 'chongqing', code: '500000', name: '重庆市' },
];

describe('the briefing’s drawings', () => {
  test('its three charts are drawings 1, 2 and 3 of the body; no id repeats in the body, headers or footers', async () => {
    const base = periodOf(3, SIDES);
    const figures: PeriodFigures = {
      ...base,
      alliances: { byKind: [{ kind: '产业发展', count: 2 }] } as unknown as PeriodFigures['alliances'],
      sides: base.sides.map((side) => ({ ...side, activitiesByMonth: [{ month: '2021-03', activities: 4 }] })) as PeriodFigures['sides'],
    };
    const charts = briefingCharts(figures);
    expect(charts).toHaveLength(3);
    const docx = await briefingDocx({ title: '遂潼川渝毗邻地区一体化发展 党建联建工作简报', issue: 1, office: '遂潼联合办公室', issuedOn: '2021-07-08', figures, comparisons: [], sections: [], charts, gatewayUrl: '' });
    // The footers of odd and even pages are read too.
    expect([...parts(docx).keys()].filter((name) => name.includes('footer'))).toHaveLength(2);
    expect(drawingIds(docx)).toEqual([1, 2, 3].map((id) => ({ name: 'word/document.xml', id })));
  });

  test('a drawing in a footer is numbered after the body’s, not 1 again', async () => {
    const image = () => new ImageRun({ type: 'png', data: briefingChartPng, transformation: { width: 10, height: 10 }, altText: { name: 'a', title: 'a', description: 'a' } });
    const document = new Document({ sections: [{ footers: { default: new Footer({ children: [new Paragraph({ children: [image()] })] }) }, children: [new Paragraph({ children: [image(), image()] })] }] });
    const packed = await Packer.toBuffer(document);
    // What docx gives by itself: every drawing id 1.
    expect(drawingIds(packed).map((d) => d.id)).toEqual([1, 1, 1]);
    const ids = drawingIds(await numberDrawingsApart(packed));
    expect(ids.map((d) => d.name.replace(/\d+(?=\.xml)/, ''))).toEqual(['word/document.xml', 'word/document.xml', 'word/footer.xml']);
    expect(ids.map((d) => d.id)).toEqual([1, 2, 3]);
  });
});

/** A chart's PNG, any will do as an image. */
const briefingChartPng = briefingCharts(periodOf(3, SIDES))[0]!.png;
