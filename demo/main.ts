// The demo: the mock host in this tab (its data kept in IndexedDB across reloads), then the host page.
import { startMockHost } from '../src/mock/index.js';
import './demo-shell.js';
import { LANGUAGE_KEY, storedLanguageWords } from './words.js';

// The language chosen last time, before anything shows: the page and the elements follow <html lang>.
document.documentElement.lang = localStorage.getItem(LANGUAGE_KEY) ?? 'en';
const status = document.querySelector<HTMLElement>('#starting')!;
status.textContent = storedLanguageWords().starting;
try {
  const host = await startMockHost({ dbName: 'mobile-flow-pin-demo' });
  const shell = document.createElement('demo-shell');
  shell.host = host;
  status.replaceWith(shell);
} catch (error) {
  status.textContent = storedLanguageWords().couldNotStart(error instanceof Error ? error.message : String(error));
}
