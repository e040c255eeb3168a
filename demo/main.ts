// The demo: the mock host in this tab (its data kept in IndexedDB across reloads), then the host page.
import { startMockHost } from '../src/mock/index.js';
import './demo-shell.js';

const status = document.querySelector<HTMLElement>('#starting')!;
try {
  const host = await startMockHost({ dbName: 'mobile-flow-pin-demo' });
  const shell = document.createElement('demo-shell');
  shell.host = host;
  status.replaceWith(shell);
} catch (error) {
  status.textContent = `The mock host could not start: ${error instanceof Error ? error.message : String(error)}`;
}
