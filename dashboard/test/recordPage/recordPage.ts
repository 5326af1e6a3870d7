import '../../src/styles.css';
import { tokenClaims } from '@linju/sign-in';
import { sendOperation } from '../../src/graphql/sendOperation.ts';
import { mountRecordActivity, recordingOperatorOf } from '../../src/record/mountRecordActivity.ts';
import { RecordDraft } from '../../src/record/RecordDraft.ts';

// A page with nothing but the 登记活动 panel, for test/recordActivity.test.ts: the token rides in the
// fragment (#token=…, with &draft to keep a draft in sessionStorage), and the panel is mounted as the
// dashboard mounts it for a signed-in operator.
// What the panel tells the page is kept on <body> (data-recorded, data-withdrawn: the activity's ID),
// where the dashboard redraws its figures.
const fragment = new URLSearchParams(location.hash.slice(1));
const token = fragment.get('token');
const claims = token ? tokenClaims(token) : null;
const operator = recordingOperatorOf(claims);
const main = document.getElementById('main')!;
if (operator) {
  mountRecordActivity(main, {
    ...operator,
    send: (operation, variables) => sendOperation(operation, variables, token),
    // With #draft, kept as the dashboard keeps it: what is typed and not yet recorded, under the token's subject.
    ...(claims?.sub && fragment.has('draft') && { draft: new RecordDraft(sessionStorage, { subject: claims.sub, side: operator.side }) }),
    onRecorded: (activity) => void (document.body.dataset.recorded = activity.id),
    onWithdrawn: (activity) => void (document.body.dataset.withdrawn = activity.id),
  });
} else main.textContent = '此令牌不能登记活动';
