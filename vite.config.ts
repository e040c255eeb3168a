import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

const mswWorkerScript = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');

/** Serves MSW's worker at /mockServiceWorker.js (its scope must be the whole origin) and ships it with the demo build. */
function mockServiceWorker(): Plugin {
  return {
    name: 'mobile-flow-pin:mock-service-worker',
    configureServer(server) {
      server.middlewares.use('/mockServiceWorker.js', (_request, response) => {
        response.setHeader('Content-Type', 'application/javascript');
        response.end(readFileSync(mswWorkerScript));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source: readFileSync(mswWorkerScript) });
    },
  };
}

export default defineConfig({
  root: 'demo',
  plugins: [mockServiceWorker()],
  server: { port: 5173, strictPort: false },
  build: { outDir: '../dist/demo', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
});
