// Looks up a name that cannot exist (RFC 2606 `.invalid`): nothing is sent anywhere, but the
// recorder must report the attempt.
import { lookup } from 'node:dns/promises';

await lookup('telemetry.invalid').catch(() => undefined);
