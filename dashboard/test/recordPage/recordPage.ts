import '../../src/styles.css';
import { tokenClaims } from '@linju/sign-in';
import { sendOperation } from '../../src/graphql/sendOperation.ts';
import { mountRecordActivity, recordingOperatorOf } from '../../src/record/mountRecordActivity.ts';

// A page with nothing but the 登记活动 panel, for test/recordActivity.test.ts: the token rides in the
// fragment (#token=…), and the panel is mounted as the dashboard mounts it for a signed-in operator.
const token = new URLSearchParams(location.hash.slice(1)).get('token');
const operator = recordingOperatorOf(token ? tokenClaims(token) : null);
const main = document.getElementById('main')!;
if (operator) mountRecordActivity(main, { ...operator, send: (operation, variables) => sendOperation(operation, variables, token) });
else main.textContent = '此令牌不能登记活动';
