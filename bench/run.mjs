// `npm run bench`: the host side's figures from one run, in headless Chromium and in Node on the same machine.
import { hash as nativeHash, verify as nativeVerify, argon2id } from 'argon2';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../scripts/ensure-environment.mjs';
import { medianTime } from './timing.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const fixed = (ms) => `${ms.toFixed(1)} ms`;

async function nativeArgon2(runs) {
  const options = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1, hashLength: 32 };
  const hash = await nativeHash('739204', options);
  const time = (run) => medianTime(run, runs);
  return {
    hashMs: await time((i) => nativeHash(String(500000 + i), options)),
    verifyMs: await time(() => nativeVerify(hash, '739204')),
  };
}

const server = await createServer({
  configFile: new URL('../vite.config.ts', import.meta.url).pathname,
  root: new URL('..', import.meta.url).pathname,
  logLevel: 'error',
  server: { port: 0 },
});
await server.listen();
const browser = await puppeteer.launch({
  executablePath: findChromium(),
  headless: true,
  args: CHROMIUM_ARGS,
  protocolTimeout: 15 * 60_000,
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(new URL('/bench/bench.html', server.resolvedUrls.local[0]).href);
  await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
  page.setDefaultTimeout(10 * 60_000);

  const browserArgon2 = await page.evaluate((runs) => window.bench.argon2(runs), RUNS);
  const native = await nativeArgon2(RUNS);
  const small = await page.evaluate((runs) => window.bench.queries(1_000, runs), RUNS * 2);
  const large = await page.evaluate((runs) => window.bench.queries(100_000, runs), RUNS * 2);
  const changePin = await page.evaluate((runs) => window.bench.changePin(runs), RUNS);

  console.log(`\nMobile Flow PIN codes: host benchmarks (medians of ${RUNS} runs; queries ${RUNS * 2} runs)\n`);
  console.table({
    'argon2id hash (m=19456, t=2, p=1)': {
      chromiumWorker: fixed(browserArgon2.hashMs),
      nodeNative: fixed(native.hashMs),
      ratio: (browserArgon2.hashMs / native.hashMs).toFixed(2),
    },
    'argon2id verify': {
      chromiumWorker: fixed(browserArgon2.verifyMs),
      nodeNative: fixed(native.verifyMs),
      ratio: (browserArgon2.verifyMs / native.verifyMs).toFixed(2),
    },
  });
  console.table({
    'seed (IndexedDB)': {
      '1 000 users': fixed(small.seedMs),
      '100 000 users': fixed(large.seedMs),
      ratio: (large.seedMs / small.seedMs).toFixed(1),
    },
    'userSetups page, sorted': {
      '1 000 users': fixed(small.sortedMs),
      '100 000 users': fixed(large.sortedMs),
      ratio: (large.sortedMs / small.sortedMs).toFixed(2),
    },
    'userSetups page, sorted + filtered': {
      '1 000 users': fixed(small.filteredMs),
      '100 000 users': fixed(large.filteredMs),
      ratio: (large.filteredMs / small.filteredMs).toFixed(2),
    },
    'device check, wrong PIN code': {
      '1 000 users': fixed(small.wrongDeviceCheckMs),
      '100 000 users': fixed(large.wrongDeviceCheckMs),
      ratio: (large.wrongDeviceCheckMs / small.wrongDeviceCheckMs).toFixed(2),
    },
  });
  const ratio = (key) => (large.table[key] / small.table[key]).toFixed(2);
  console.table({
    '<mf-user-setup-table>: next page → rows shown': {
      '1 000 users': fixed(small.table.nextPageMs),
      '100 000 users': fixed(large.table.nextPageMs),
      ratio: ratio('nextPageMs'),
    },
    '<mf-user-setup-table>: header sort → rows shown': {
      '1 000 users': fixed(small.table.sortMs),
      '100 000 users': fixed(large.table.sortMs),
      ratio: ratio('sortMs'),
    },
    '<mf-user-setup-table>: search keystroke → rows shown': {
      '1 000 users': fixed(small.table.searchMs),
      '100 000 users': fixed(large.table.searchMs),
      ratio: ratio('searchMs'),
    },
  });
  console.table({
    '<mf-change-pin-dialog>: submit to success shown': {
      median: fixed(changePin.medianMs),
      'longest main-thread task': changePin.longestTaskMs ? fixed(changePin.longestTaskMs) : 'none over 50 ms',
      runs: changePin.runs,
    },
  });
  console.log(`Transport: ${large.transport} (requests go through MSW's service worker).`);
  console.log(
    'Budgets (docs/promises.md, the budgets): table next page / sort / search ≤ 50 ms median at 100 000 users and ≤ 2× the time at 1 000; device check ≤ 200 ms median; PIN change ≤ 300 ms median with no main-thread task over 50 ms.',
  );
} finally {
  await browser.close();
  await server.close();
}
