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

const shell = document.createElement('demo-shell');
// MSW updates the service worker it finds installed (by another tab of the demo) without waiting for the answer
// (`registration.update()` as it starts), so a worker script it cannot fetch, as while the dev server restarts, is a
// rejection nobody handles, though the installed worker goes on serving. MSW's is the page's only service worker: the
// page says so in words instead.
addEventListener('unhandledrejection', (event) => {
  const message = event.reason instanceof Error ? event.reason.message : '';
  if (!message.startsWith('Failed to update a ServiceWorker')) return;
  event.preventDefault();
  // The browser's reason comes after the scope and the script: "…): An unknown error occurred when fetching the script."
  shell.workerNotUpdated = /\):\s*(.+?)\.?$/s.exec(message)?.[1] ?? message;
});

const serverHost = import.meta.env.VITE_MF_SERVER_HOST;
try {
  // `npm run demo:server` serves the server host's development tokens beside the page; `npm start` does not.
  const tokens = serverHost
    ? ((await (await fetch('/demo-server-host-tokens.json')).json()) as Record<string, string>)
    : undefined;
  shell.host = tokens
    ? serverDemoHost('/api/mobileflow/v1.0', tokens, serverHost!)
    : await startMockHost({ dbName: 'mobile-flow-pin-demo' });
  status.replaceWith(shell);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  const words = storedLanguageWords();
  status.textContent = serverHost ? words.couldNotReachServerHost(reason) : words.couldNotStart(reason);
}
