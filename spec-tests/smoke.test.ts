import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTraceparent } from '../src/index.js';

test('TC-2 the spec example parses', () => {
  assert.equal(parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'), {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: 1,
  });
});

test.run();
