import { describe, expect, it } from 'vitest';
import { BODY_REFUSALS, bodyRefusal } from '../src/bodyRefusals.ts';

// Over HTTP (a corrupt gzip stream, at the gateway's reader and at a subgraph's jsonErrorHandler):
// gateway/test/limits/bodyRefusals.test.ts.
describe('bodyRefusal', () => {
  it("names body-parser's own types in their words", () => {
    expect(bodyRefusal({ type: 'entity.parse.failed', status: 400, expose: true })).toBe(BODY_REFUSALS.notJson);
    expect(bodyRefusal({ type: 'entity.too.large', status: 413, expose: true })).toBe(BODY_REFUSALS.tooLarge);
    expect(bodyRefusal({ type: 'charset.unsupported', status: 415, expose: true })).toBe(BODY_REFUSALS.encoding);
    expect(bodyRefusal({ type: 'encoding.unsupported', status: 415, expose: true })).toBe(BODY_REFUSALS.encoding);
  });

  it("gives raw-body's other errors (a body shorter than its Content-Length, an aborted request, a zlib error) the neutral words", () => {
    expect(bodyRefusal({ type: 'request.size.invalid', status: 400, expose: true })).toBe(BODY_REFUSALS.unreadable);
    expect(bodyRefusal({ type: 'request.aborted', status: 400, expose: true })).toBe(BODY_REFUSALS.unreadable);
    expect(bodyRefusal({ code: 'Z_DATA_ERROR', status: 400, expose: true })).toBe(BODY_REFUSALS.unreadable);
    expect(bodyRefusal({ type: 'toString' })).toBe(BODY_REFUSALS.unreadable);
    expect(bodyRefusal(undefined)).toBe(BODY_REFUSALS.unreadable);
  });
});
