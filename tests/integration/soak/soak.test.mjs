// The short soak that `make test` runs (scripts/soak.sh runs the long one): 25 s of mixed
// traffic, no unexpected answer, flat RSS and file descriptors after a 10 s warm-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSoak } from '../../soak/soak.mjs';

test('25 s of mixed traffic: only the expected denials, no RSS or fd growth', async (t) => {
  const result = await runSoak({ seconds: 25, concurrency: 4, warmup: 10, log: (line) => t.diagnostic(line) });
  assert.ok(result.requests > 100, `only ${result.requests} requests`);
  for (const [kind, n] of Object.entries(result.counts)) {
    assert.ok(n > 0, `no ${kind} request completed`);
  }
  assert.deepEqual(result.failures, []);
});
