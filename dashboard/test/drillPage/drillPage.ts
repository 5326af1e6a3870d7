import '../../src/styles.css';
import { FIGURES, type FigureName } from '@linju/contract/figures';
import alliancesOperation from '../../operations/DashboardAlliances.graphql';
import { openFigureRecords } from '../../src/drill/index.ts';
import type { AlliancesAnswer } from '../../src/graphql/answers.ts';
import { sendOperation } from '../../src/graphql/sendOperation.ts';
import { h } from '../../src/view/h.ts';
import { renderAllianceList } from '../../src/view/renderAllianceList.ts';

// A page with one button per figure and side, for test/drill.test.ts: each opens the drill-through as
// a figure card of the dashboard will (`openFigureRecords`); below them the alliance list of the
// period as the dashboard renders it. The token rides in the fragment (#token=…); the period in the
// query (?from=…&to=…).
const token = new URLSearchParams(location.hash.slice(1)).get('token');
const query = new URLSearchParams(location.search);
const period = { from: query.get('from'), to: query.get('to') };
const main = document.getElementById('main')!;
for (const side of ['sichuan', 'chongqing']) {
  for (const figure of Object.keys(FIGURES) as FigureName[]) {
    const button = h('button', { type: 'button', 'data-figure': figure, 'data-side': side }, `${side} ${FIGURES[figure].label}`);
    button.addEventListener('click', () => void openFigureRecords({ figure, side, period, token, opener: button }));
    main.append(button);
  }
}
const alliances = h('section', { id: 'alliances' });
main.append(alliances);
if (token) {
  const answer = await sendOperation<AlliancesAnswer>(alliancesOperation, { period }, token);
  const list = answer.data?.alliances;
  if (list) renderAllianceList(alliances, list.edges.map((e) => e.node), list.totalCount, new Map(), [], () => undefined);
}
main.dataset.ready = 'true';
