import { FIGURE_NAMES, FIGURES } from './figureCatalogue.ts';

/**
 * The 川渝通办 figures a chart draws, on the dashboard and in the briefing alike: the catalogue's
 * figures of the category but the amounts (万元, left to the cards, the text and 附表), each named
 * and counted as its card is (养老保险关系转移 is people, not cases).
 */
export const SERVICE_CHART_FIGURES = FIGURE_NAMES.filter((name) => FIGURES[name].category === '川渝通办' && FIGURES[name].unit !== '万元');
