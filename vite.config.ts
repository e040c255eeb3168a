import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { transform as transformCss } from 'lightningcss';
import { defineConfig, parseAst, type Plugin } from 'vite';

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
 * Shrinks the static text of the elements' `html` and `css` templates in the production bundle: white space runs become
 * one space (the browser renders them so anyway), and a style sheet is minified by Lightning CSS. A minifier cannot do
 * this itself: to it the templates are strings whose white space might matter.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'mobile-flow-pin:minify-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/elements\/.*\.ts$/.test(id)) return null;
      const edits: Array<{ start: number; end: number; text: string }> = [];
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const candidate = node as { type?: string; tag?: { type: string; name: string }; quasi?: TemplateLiteral };
        if (
          candidate.type === 'TaggedTemplateExpression' &&
          candidate.tag?.type === 'Identifier' &&
          ['html', 'css'].includes(candidate.tag.name)
        ) {
          const quasis = candidate.quasi!.quasis;
          for (const quasi of quasis) {
            // A template element's span holds its delimiters: the backtick or `}` before, the backtick or `${` after.
            const start = quasi.start + 1;
            const end = quasi.end - (quasi.tail ? 1 : 2);
            let text = quasi.value.raw.replace(/\s+/g, ' ');
            if (candidate.tag.name === 'css' && quasis.length === 1) {
              text = transformCss({
                filename: id,
                code: new TextEncoder().encode(quasi.value.raw),
                minify: true,
              }).code.toString();
            }
            edits.push({ start, end, text });
          }
        }
        for (const value of Object.values(node)) visit(value);
      };
      visit(parseAst(code, { lang: 'ts' }));
      if (edits.length === 0) return null;
      let result = code;
      for (const edit of edits.sort((a, b) => b.start - a.start))
        result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
      return { code: result, map: null };
    },
  };
}

interface TemplateLiteral {
  quasis: Array<{ start: number; end: number; tail: boolean; value: { raw: string } }>;
}

/**
 * `vite` serves the demo (demo/), `vite build` builds it as a static site, and `vite build --mode lib` builds the
 * production bundle: the elements, the client and its context with Lit, and nothing of the mock host.
 */
export default defineConfig(({ mode }) =>
  mode === 'lib'
    ? {
        publicDir: false,
        plugins: [minifyTemplates()],
        build: {
          lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'mobile-flow-pin.js' },
          outDir: 'dist/lib',
          emptyOutDir: true,
          target: 'es2022',
          minify: true,
          // Vite keeps the white space of an ES library (for its pure annotations); ours is the shipped file.
          // The entry may export what the Danish chunk needs from it (@lit/localize's `str`), so the localize runtime
          // goes into the entry instead of a chunk of its own: one file less to load at start.
          rolldownOptions: { preserveEntrySignatures: 'allow-extension', output: { minify: true } },
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
