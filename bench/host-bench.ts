// Benchmarks that run in headless Chromium, driven by bench/run.mjs through window.hostBench.
import { createPinHasher } from '../src/mock/hashing.js';
import { startMockHost } from '../src/mock/index.js';
import { median } from './stats.js';

async function timed(runs: number, warmups: number, run: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warmups; i += 1) await run(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return median(times);
}

const hostBench = {
  /** argon2id (m=19456 KiB, t=2, p=1) in the mock host's hashing worker, one call at a time, timed from the page. */
  async argon2(runs: number) {
    const hasher = createPinHasher(1);
    try {
      const hash = await hasher.hash('739204');
      return {
        hashMs: await timed(runs, 2, (i) => hasher.hash(String(500000 + i))),
        verifyMs: await timed(runs, 2, () => hasher.verify('739204', hash)),
      };
    } finally {
      hasher.terminate();
    }
  },

  /** A page of userSetups through MSW: sorted, and sorted + filtered, at `users` seeded users. */
  async queries(users: number, runs: number) {
    const dbName = `bench-${users}-${crypto.randomUUID()}`;
    const seedStart = performance.now();
    const host = await startMockHost({ seed: { users }, dbName, policy: { maxFailedAttempts: 100 } });
    const seedMs = performance.now() - seedStart;
    try {
      await host.signIn('ADMIN');
      const searches = ['an', 'sen', 'mi', 'U00', 'la'];
      const sortedMs = await timed(runs, 3, (i) =>
        host.client.listUserSetups({ top: 50, skip: (i * 1237) % Math.max(1, users - 50), orderBy: { field: 'displayName', direction: i % 2 ? 'desc' : 'asc' } }),
      );
      const filteredMs = await timed(runs, 3, (i) =>
        host.client.listUserSetups({ top: 50, orderBy: { field: 'pinCodeChangedAt', direction: 'desc' }, search: searches[i % searches.length], pinCodeStatus: 'set' }),
      );
      const { resourceId } = (await host.client.listUserSetups({ top: 1, skip: 1, pinCodeStatus: 'set' })).value[0];
      const wrongDeviceCheckMs = await timed(Math.min(runs, 20), 2, () => host.client.verifyPinCode(resourceId!, { pinCode: '000001' }));
      return { transport: host.transport, seedMs, sortedMs, filteredMs, wrongDeviceCheckMs };
    } finally {
      await host.stop({ deleteData: true });
    }
  },
};

declare global {
  interface Window {
    hostBench: typeof hostBench;
  }
}
window.hostBench = hostBench;
document.body.dataset.ready = 'true';
