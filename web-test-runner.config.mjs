// Every test runs in headless Chromium against real IndexedDB, Web Workers and MSW's service worker.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium } from './scripts/ensure-environment.mjs';
import { serverHostForTests } from './scripts/server-host-plugin.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';

const serverHost = serverHostForTests();
const mswWorkerScript = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  reporters: [defaultReporter(), summaryReporter()],
  // One page at a time: keyboard and focus tests (Escape on a modal dialog) are unreliable in a page without focus.
  concurrency: 1,
  testsFinishTimeout: 15 * 60_000,
  testFramework: { config: { timeout: 60_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, json: true, target: 'es2022', tsconfig: 'tsconfig.json' }), serverHost.plugin],
  middleware: [
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
