import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import minifyHTMLLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig, type Plugin } from 'vite';

const mswWorkerScript = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');

/**
 * Serves MSW's worker at /mockServiceWorker.js (its scope must be the whole origin) and ships it with the demo build
 * and the mock's: the copy of the MSW version the mock is built with, which is the one it must talk to.
 */
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

/** Serves the server host's development tokens to the demo page, on the dev server only (never built). */
function serverHostTokens(file: string): Plugin {
  return {
    name: 'mobile-flow-pin:server-host-tokens',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/demo-server-host-tokens.json', (_request, response) => {
        response.setHeader('Content-Type', 'application/json');
        response.setHeader('Cache-Control', 'no-store');
        response.end(readFileSync(file));
      });
    },
  };
}

/**
 * The built Business Central add-ins of `folder` (`npm run build` makes them in dist/bc), for the demo's Business
 * Central page: `bc/add-ins.json`, each add-in's script.js, startup.js and style sheet by its folder's name. The dev
 * server reads them at each request, so a build made while it runs shows on the page's next reload; the static build
 * writes the file as they are then.
 */
function builtAddIns(folder: string): Plugin {
  const addIns = () => {
    const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
    const built: Record<string, { script: string; startup: string; styleSheet: string }> = {};
    for (const name of existsSync(folder) ? readdirSync(folder) : []) {
      const [script, startup, styleSheet] = ['script.js', 'startup.js', 'MobileFlowPin.css'].map((fileName) =>
        read(`${folder}/${name}/${fileName}`),
      );
      if (script !== undefined && startup !== undefined)
        built[name] = { script, startup, styleSheet: styleSheet ?? '' };
    }
    return JSON.stringify(built);
  };
  return {
    name: 'mobile-flow-pin:built-add-ins',
    configureServer(server) {
      server.middlewares.use('/bc/add-ins.json', (_request, response) => {
        response.setHeader('Content-Type', 'application/json');
        response.setHeader('Cache-Control', 'no-store');
        response.end(addIns());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'bc/add-ins.json', source: addIns() });
    },
  };
}

/**
 * Shrinks the static text of the elements' `html` and `css` templates in the production bundle: white space and
 * comments in the markup, style sheets through Lightning CSS. A minifier cannot do this itself: to it the templates are
 * strings whose white space might matter. Lit's own plugin replaced a hand-written one that only collapsed white space;
 * measured on the lib build (gzip), the overview went from 16 247 to 16 237 B, the setup page from 21 176 to 21 064 B,
 * and all of dist/lib from 38 115 to 37 891 B.
 */
function minifyTemplates(): Plugin {
  // A Rollup plugin, which Vite runs as it is; its types are Rollup's.
  const plugin = minifyHTMLLiterals({ include: '**/src/elements/**/*.ts', failOnError: true });
  return { ...plugin, enforce: 'pre' } as unknown as Plugin;
}

/**
 * The mock host's clients (`host.client`, `host.clientFor`) come from the main entry instead of a copy bundled into the
 * mock: the elements tell a `MobileFlowError` by `instanceof`, so an element handed such a client must know its class.
 */
function clientFromMainEntry(): Plugin {
  const api = fileURLToPath(new URL('src/api/index.ts', import.meta.url));
  return {
    name: 'mobile-flow-pin:client-from-main-entry',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === api ? { id: '../lib/mobile-flow-pin.js', external: true } : null;
    },
  };
}

/**
 * One chunk for what both placements load at start. Rolldown makes a chunk for each set of entries that reach a
 * module, and the parts loaded on demand (the dialog's form, the table's bulk actions, the Danish words) each reach
 * another part of Lit and of the shared code: a placement would load that code in three or four files, each compressed
 * on its own. Whatever both placements' entries import statically goes into one `shared-*.js` instead.
 */
function sharedChunk(placements: string[]) {
  const shared = new Set<string>();
  const plugin: Plugin = {
    name: 'mobile-flow-pin:shared-chunk',
    buildEnd() {
      const [first, ...others] = placements.map((entry) => {
        const reached = new Set([fileURLToPath(new URL(entry, import.meta.url))]);
        for (const id of reached)
          for (const imported of this.getModuleInfo(id)?.importedIds ?? []) reached.add(imported);
        return reached;
      });
      for (const id of first) if (others.every((reached) => reached.has(id))) shared.add(id);
    },
  };
  return { plugin, group: { name: 'shared', test: (id: string) => shared.has(id) } };
}

/** An ES module for the package: `entry` to `outDir/fileName`, minified, white space too. */
function shippedModule(entry: string, outDir: string, fileName: string, emptyOutDir: boolean) {
  return {
    lib: { entry, formats: ['es' as const], fileName: (_format: string, _name: string) => fileName },
    outDir,
    emptyOutDir,
    target: 'es2022',
    minify: true,
    // Vite keeps the white space of an ES library (for its pure annotations); ours are the shipped files.
    rolldownOptions: { output: { minify: true } },
  };
}

/**
 * A Business Central control add-in, dist/bc/NAME/: `script.js`, one classic script (BC loads add-in scripts without a
 * module loader) with Lit, the element, the client and the bridge, Danish words inline; `startup.js` and the style
 * sheet from bc/. The AL `controladdin` objects in bc/ name these files.
 */
function controlAddIn(name: 'ChangePinCode' | 'UserSetup') {
  const source = name === 'ChangePinCode' ? 'src/bc/change-pin-code.ts' : 'src/bc/user-setup.ts';
  return {
    publicDir: false as const,
    plugins: [
      minifyTemplates(),
      {
        name: 'mobile-flow-pin:control-add-in-files',
        generateBundle() {
          for (const [fileName, path] of [
            ['startup.js', `bc/${name}/startup.js`],
            ['MobileFlowPin.css', 'bc/MobileFlowPin.css'],
          ]) {
            this.emitFile({ type: 'asset', fileName, source: readFileSync(path, 'utf8') });
          }
        },
      } satisfies Plugin,
    ],
    build: {
      lib: { entry: source, formats: ['iife' as const], name: 'MobileFlowPinAddIn', fileName: () => 'script.js' },
      outDir: `dist/bc/${name}`,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      rolldownOptions: { output: { minify: true } },
    },
  };
}

/** Lit and its packages: the elements' dependencies, which the lib build leaves to the app's bundler. */
const LIT_PACKAGES = [
  /^lit($|\/)/,
  /^@lit\/(context|localize|task|reactive-element)($|\/)/,
  /^lit-(html|element)($|\/)/,
];

/**
 * `vite` serves the demo (demo/), `vite build` builds it as a static site, and `npm run build` builds what the
 * package ships, one entry per mode:
 * - `--mode lib`: the production modules, dist/lib/mobile-flow-pin.js and an entry per placement: the elements, the
 *   client and its context, importing Lit by its bare names, and nothing of the mock host;
 * - `--mode cdn`: the same entries with Lit inside, dist/cdn/, for a page without a bundler;
 * - `--mode client`: dist/lib/client.js, the client, the contract and the PIN policy without a DOM;
 * - `--mode mock`: the mock host, dist/mock/index.js, with its hashing worker and MSW's service worker beside it.
 *
 * The mock bundles its own dependencies (MSW, idb, hash-wasm, @cfworker/json-schema), so they are devDependencies
 * only: an integrator's browser tests import `mobile-flow-pin/mock` with nothing more to install, the hashing worker
 * is one self-contained file that needs no bundler to resolve its imports, and the mockServiceWorker.js beside it is
 * always MSW's own for the version inside. Optional peer dependencies would cost an integrator four installs, an
 * `msw init` of a matching version and a bundler for the worker, to save them nothing: the mock is for tests.
 */
export default defineConfig(({ mode }) => {
  if (mode.startsWith('bc-')) return controlAddIn(mode === 'bc-change-pin-code' ? 'ChangePinCode' : 'UserSetup');
  if (mode === 'lib' || mode === 'cdn') {
    // lib: ES modules that import Lit by its bare names, for an app's bundler, so an app that uses Lit ships it once.
    // cdn: the same entries with Lit inside, for a page without a bundler; the budgets are this build's sizes.
    const outDir = mode === 'lib' ? 'dist/lib' : 'dist/cdn';
    const build = shippedModule('src/index.ts', outDir, 'mobile-flow-pin.js', true);
    // One entry per placement beside the whole package's: a page loads only what its element needs.
    build.lib.entry = {
      'mobile-flow-pin': 'src/index.ts',
      'change-pin-dialog': 'src/change-pin-dialog.ts',
      'user-setup-table': 'src/user-setup-table.ts',
    } as never;
    build.lib.fileName = (_format: string, name: string) => `${name}.js`;
    const shared = sharedChunk(['src/change-pin-dialog.ts', 'src/user-setup-table.ts']);
    // The entry may export what the Danish chunk needs from it (@lit/localize's `str`), so the localize runtime goes
    // into the entry instead of a chunk of its own: one file less to load at start.
    return {
      publicDir: false,
      plugins: [minifyTemplates(), shared.plugin],
      build: {
        ...build,
        rolldownOptions: {
          preserveEntrySignatures: 'allow-extension',
          ...(mode === 'lib' && { external: LIT_PACKAGES }),
          output: { ...build.rolldownOptions.output, codeSplitting: { groups: [shared.group] } },
        },
      },
    };
  }
  if (mode === 'client') {
    // After `--mode lib`, into the same folder.
    return { publicDir: false, build: shippedModule('src/client.ts', 'dist/lib', 'client.js', false) };
  }
  if (mode === 'server') {
    // Node modules, not bundles: the server's own dependencies (PGlite, pg, argon2, @hono/node-server) stay imports,
    // loaded only by those who run the server host.
    // The contract's JSON Schema validator is bundled in, as the mock and the kit bundle it: nothing to install for it.
    return {
      publicDir: false,
      ssr: { noExternal: ['@cfworker/json-schema'] },
      build: {
        ssr: true,
        outDir: 'dist/server',
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        rolldownOptions: {
          input: { index: 'src/server/index.ts', cli: 'src/server/cli.ts' },
          output: { entryFileNames: '[name].js', chunkFileNames: '[name].js' },
        },
      },
    };
  }
  if (mode === 'conformance') {
    // The conformance kit for Node: the command and its module with their few dependencies bundled (the contract and
    // its JSON Schema validator), so `npx mobile-flow-pin-conformance` needs nothing more installed.
    return {
      publicDir: false,
      ssr: { noExternal: true },
      build: {
        ssr: true,
        outDir: 'dist/conformance',
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        rolldownOptions: {
          input: { index: 'src/conformance/index.ts', cli: 'src/conformance/cli.ts' },
          output: { entryFileNames: '[name].js', chunkFileNames: '[name].js' },
        },
      },
    };
  }
  if (mode === 'mock') {
    return {
      publicDir: false,
      plugins: [clientFromMainEntry(), mockServiceWorker()],
      // The hashing worker goes beside the mock's module, and `base` keeps the URL the module makes for it relative
      // to the module (`new URL('./hashing.worker.js', import.meta.url)`) wherever an integrator serves the package.
      base: './',
      // licenses.md: the licenses of the packages bundled into it, which their licenses ask to travel with them.
      build: {
        ...shippedModule('src/mock/index.ts', 'dist/mock', 'index.js', true),
        assetsDir: '',
        license: { fileName: 'licenses.md' },
      },
      worker: { format: 'es', rolldownOptions: { output: { entryFileNames: '[name].js', minify: true } } },
    };
  }
  // `npm run demo:server` (scripts/demo-server.mjs) runs the demo against a server host it started.
  const serverHost = process.env.VITE_MF_SERVER_HOST;
  return {
    root: 'demo',
    plugins: [
      mockServiceWorker(),
      // MF_DEMO_BC_DIR: another folder of built add-ins than dist/bc (the end-to-end test's, filled while it runs).
      builtAddIns(process.env.MF_DEMO_BC_DIR ?? fileURLToPath(new URL('dist/bc', import.meta.url))),
      ...(serverHost ? [serverHostTokens(process.env.MF_SERVER_HOST_TOKENS!)] : []),
    ],
    server: {
      port: 5173,
      strictPort: false,
      ...(serverHost && { proxy: { '/api/mobileflow/v1.0': new URL(serverHost).origin } }),
    },
    // The demo carries the whole mock host (MSW, IndexedDB, argon2id): it is big by design.
    build: { outDir: '../dist/demo', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
    worker: { format: 'es' },
  };
});
