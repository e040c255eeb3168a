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

/**
 * `vite` serves the demo (demo/), `vite build` builds it as a static site, and `vite build --mode lib` builds the
 * production bundle: the elements, the client and its context with Lit, and nothing of the mock host.
 */
export default defineConfig(({ mode }) =>
  mode === 'lib'
    ? {
        publicDir: false,
        build: {
          lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'mobile-flow-pin.js' },
          outDir: 'dist/lib',
          emptyOutDir: true,
          target: 'es2022',
          minify: true,
          // Vite keeps the white space of an ES library (for its pure annotations); ours is the shipped file.
          rolldownOptions: { output: { minify: true } },
        },
      }
    : {
        root: 'demo',
        plugins: [mockServiceWorker()],
        server: { port: 5173, strictPort: false },
        // The demo carries the whole mock host (MSW, IndexedDB, argon2id): it is big by design.
        build: { outDir: '../dist/demo', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
        worker: { format: 'es' },
      },
);
