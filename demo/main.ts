// The demo: the mock host in this tab (its data kept in IndexedDB across reloads), or the server host of
// `npm run demo:server`, then the host page.
import { startMockHost } from '../src/mock/index.js';
import './demo-shell.js';
import { serverDemoHost } from './server-host.js';
import { LANGUAGE_KEY, storedLanguageWords } from './words.js';

// The language chosen last time, before anything shows: the page and the elements follow <html lang>.
document.documentElement.lang = localStorage.getItem(LANGUAGE_KEY) ?? 'en';
const status = document.querySelector<HTMLElement>('#starting')!;
status.textContent = storedLanguageWords().starting;
try {
  // `npm run demo:server` serves the server host's development tokens beside the page; `npm start` does not.
  const tokens = import.meta.env.VITE_MF_SERVER_HOST
    ? ((await (await fetch('/demo-server-host-tokens.json')).json()) as Record<string, string>)
    : undefined;
  const host = tokens
    ? serverDemoHost('/api/mobileflow/v1.0', tokens)
    : await startMockHost({ dbName: 'mobile-flow-pin-demo' });
  const shell = document.createElement('demo-shell');
  shell.host = host;
  status.replaceWith(shell);
} catch (error) {
  status.textContent = storedLanguageWords().couldNotStart(error instanceof Error ? error.message : String(error));
}
