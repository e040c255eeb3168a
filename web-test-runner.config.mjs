// Every test runs in headless Chromium against real IndexedDB, Web Workers and MSW's service worker.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { buildOnRequest, buildStaleOutputs } from './scripts/built-output.mjs';
import { CHROMIUM_ARGS, findChromium } from './scripts/ensure-environment.mjs';
import { serverHostForTests } from './scripts/server-host-plugin.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { timingReporter } from './scripts/timing-reporter.mjs';
import { touchPlugin } from './scripts/touch-plugin.mjs';

const mswWorkerScript = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');

/**
 * The files that press keys and follow focus (Escape on a modal dialog, focus moving between fields): they run one at
 * a time in a browser of their own, whose one page has the focus. Every other file runs beside others.
 */
const FOCUS_FILES = [
  'test/mf-change-pin-dialog.test.ts',
  'test/mf-user-setup-table.test.ts',
  'test/mf-user-setup-table.bulk.test.ts',
  'test/mf-user-setup-table.focus.test.ts',
  'test/translations.test.ts',
];

/** A Chromium running `concurrency` test pages at once, each of which believes it has the focus. */
const chromium = (concurrency) =>
  chromeLauncher({
    concurrency,
    launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS },
    async createPage({ context }) {
      const page = await context.newPage();
      await page.emulateFocusedPage(true);
      // A test page loads every module of its file: on a busy machine that can take longer than puppeteer's 30 s.
      page.setDefaultNavigationTimeout(180_000);
      return page;
    },
  });

const GROUPS = [
  { name: 'focus', files: FOCUS_FILES, browsers: [chromium(1)] },
  {
    name: 'side-by-side',
    files: ['test/**/*.test.ts', ...FOCUS_FILES.map((file) => `!${file}`)],
    browsers: [chromium(3)],
  },
];

/** Files named on the command line (`npx web-test-runner test/one.test.ts`) run as they are, one page at a time. */
const namedFiles = process.argv.slice(2).filter((arg) => !arg.startsWith('-') && /\.ts$|\*/.test(arg));

const serverHost = serverHostForTests({ prewarm: namedFiles.length === 0 });

export default {
  // Lit's production build, as a host page gets it: its development build checks and warns on every update, which
  // costs CPU the run has too little of.
  nodeResolve: { exportConditions: ['production'] },
  reporters: [defaultReporter(), summaryReporter(), timingReporter()],
  ...(namedFiles.length ? { browsers: [chromium(1)] } : { groups: GROUPS }),
  concurrentBrowsers: 2,
  // Two browsers, the Node tests and the build's leftovers share two cores as a run starts: a page may take a while.
  browserStartTimeout: 120_000,
  testsFinishTimeout: 15 * 60_000,
  testFramework: { config: { timeout: 60_000 } },
  plugins: [
    esbuildPlugin({ ts: true, json: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    // On a fresh clone (or after a change under src/), the built outputs the tests load, before the first test.
    { name: 'mobile-flow-pin:built-outputs', serverStart: buildStaleOutputs },
    serverHost.plugin,
    touchPlugin(),
  ],
  middleware: [
    buildOnRequest,
    serverHost.middleware,
    // MSW's worker must be served from the root so that its scope covers the whole origin.
    function mockServiceWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      context.type = 'application/javascript';
      context.body = createReadStream(mswWorkerScript);
      return undefined;
    },
  ],
};
