/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set by `npm run demo:server`: the page talks to the server host instead of starting the mock host. */
  readonly VITE_MF_SERVER_HOST?: string;
}
