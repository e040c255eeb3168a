// Benchmarks that run in headless Chromium, driven by bench/run.mjs through window.bench.
import '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import type { MfChangePinDialog } from '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import type { MfUserSetupTable } from '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { generateTemporaryPinCode } from '../src/domain/index.js';
import { createPinHasher } from '../src/mock/hashing.js';
import { matchesHash } from '../src/host/pin-hashes.js';
import { startMockHost } from '../src/mock/index.js';
import { median } from './stats.js';

async function timed(runs: number, warmups: number, run: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warmups; i += 1) await run(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Resolves when `test` holds for the element's shadow DOM, checked on every change of it. */
function whenRendered(el: HTMLElement, test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (test()) return resolve();
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

function type(el: MfChangePinDialog, field: string, value: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`input[data-field="${field}"]`)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** The rows' user ids and whether the table is loading, to tell when new rows are shown. */
const tableState = (table: MfUserSetupTable) => ({
  first: [...table.shadowRoot!.querySelectorAll('tr[data-user-id]')]
    .map((row) => row.getAttribute('data-user-id'))
    .join(),
  busy: table.shadowRoot!.querySelector('table')?.getAttribute('aria-busy') === 'true',
});

/** From an action (click, keystroke) to the rows it asks for on the screen, in <mf-user-setup-table>. */
async function tableTimings(baseUrl: string, runs: number) {
  const table = document.createElement('mf-user-setup-table');
  table.baseUrl = baseUrl;
  document.body.append(table);
  const root = () => table.shadowRoot!;
  await whenRendered(table, () => Boolean(tableState(table).first) && !tableState(table).busy);
  const untilNewRows = async (act: () => void) => {
    const before = tableState(table).first;
    const start = performance.now();
    act();
    await whenRendered(table, () => !tableState(table).busy && tableState(table).first !== before);
    return performance.now() - start;
  };
  const measure = async (act: (i: number) => void, settle = 0) => {
    const times: number[] = [];
    for (let i = 0; i < runs + 2; i += 1) {
      const time = await untilNewRows(() => act(i));
      if (i >= 2) times.push(time);
      if (settle) await new Promise((resolve) => setTimeout(resolve, settle));
    }
    return median(times);
  };
  try {
    // Next page, or previous once the last page is reached: each click shows other rows.
    const nextPageMs = await measure(() => {
      const next = root().querySelector<HTMLButtonElement>('[data-page="next"]')!;
      (next.disabled ? root().querySelector<HTMLButtonElement>('[data-page="previous"]')! : next).click();
    });
    const sortMs = await measure(() =>
      root().querySelector<HTMLButtonElement>('th[data-sort="displayName"] button')!.click(),
    );
    const search = root().querySelector<HTMLInputElement>('#search')!;
    const texts = ['an', 'sen', 'mi', 'la', 'ol'];
    // A keystroke after a pause: the element searches at once (it throttles only while typing goes on).
    const searchMs = await measure((i) => {
      search.value = texts[i % texts.length];
      search.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }, 300);
    return { nextPageMs, sortMs, searchMs };
  } finally {
    table.remove();
  }
}

const bench = {
  /** argon2id (m=19456 KiB, t=2, p=1) in the mock host's hashing worker, one call at a time, timed from the page. */
  async argon2(runs: number) {
    const hasher = createPinHasher(1);
    try {
      const hash = await hasher.hash('739204');
      return {
        hashMs: await timed(runs, 2, (i) => hasher.hash(String(500000 + i))),
        verifyMs: await timed(runs, 2, () => matchesHash(hasher, '739204', hash)),
      };
    } finally {
      hasher.terminate();
    }
  },

  /** A page of userSetups through MSW: sorted, and sorted + filtered, at `users` seeded users. */
  async queries(users: number, runs: number) {
    const dbName = `bench-${users}-${crypto.randomUUID()}`;
    const seedStart = performance.now();
    const host = await startMockHost({ seed: { users }, dbName, policy: { maxFailedAttempts: 100 } });
    const seedMs = performance.now() - seedStart;
    try {
      await host.signIn('ADMIN');
      const searches = ['an', 'sen', 'mi', 'U00', 'la'];
      const sortedMs = await timed(runs, 3, (i) =>
        host.client.listUserSetups({
          top: 50,
          skip: (i * 1237) % Math.max(1, users - 50),
          orderBy: { field: 'displayName', direction: i % 2 ? 'desc' : 'asc' },
        }),
      );
      const filteredMs = await timed(runs, 3, (i) =>
        host.client.listUserSetups({
          top: 50,
          orderBy: { field: 'pinCodeChangedAt', direction: 'desc' },
          search: searches[i % searches.length],
          pinCodeStatus: 'set',
        }),
      );
      const { resourceId } = (await host.client.listUserSetups({ top: 1, skip: 1, pinCodeStatus: 'set' })).value[0];
      const wrongDeviceCheckMs = await timed(Math.min(runs, 20), 2, () =>
        host.client.verifyPinCode(resourceId!, { pinCode: '000001' }),
      );
      return {
        transport: host.transport,
        seedMs,
        sortedMs,
        filteredMs,
        wrongDeviceCheckMs,
        table: await tableTimings(host.baseUrl, runs),
      };
    } finally {
      await host.stop({ deleteData: true });
    }
  },

  /**
   * Submit-to-success of <mf-change-pin-dialog> against the mock host (OWASP argon2id in workers, through MSW), with
   * the longest main-thread task seen meanwhile.
   */
  async changePin(runs: number) {
    const host = await startMockHost({ dbName: `bench-change-${crypto.randomUUID()}` });
    const el = document.createElement('mf-change-pin-dialog');
    el.baseUrl = host.baseUrl;
    el.noTrigger = true;
    document.body.append(el);
    const longTasks: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    const times: number[] = [];
    let longestTask = 0;
    try {
      await host.signIn('ADMIN');
      const anna = (await host.client.listUserSetups({ search: 'ANNA' })).value[0];
      for (let run = 0; run < runs + 2; run += 1) {
        await host.signIn('ADMIN');
        const { pinCode } = await host.client.issueTemporaryPinCode(anna.id);
        await host.signIn('ANNA');
        el.show();
        await whenRendered(
          el,
          () => el.shadowRoot!.querySelector('label[for="current"]')?.textContent === 'Temporary PIN code',
        );
        const newPinCode = generateTemporaryPinCode(6);
        type(el, 'current', pinCode);
        type(el, 'new', newPinCode);
        type(el, 'confirm', newPinCode);
        await el.updateComplete;
        const start = performance.now();
        el.shadowRoot!.querySelector('form')!.requestSubmit();
        await whenRendered(el, () => Boolean(el.shadowRoot!.querySelector('[part~="message"].success')));
        const end = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (run >= 2) {
          times.push(end - start);
          for (const task of longTasks)
            if (task.startTime < end && task.startTime + task.duration > start)
              longestTask = Math.max(longestTask, task.duration);
        }
        longTasks.length = 0;
        el.close();
        await el.updateComplete;
      }
      return { medianMs: median(times), longestTaskMs: longestTask, runs: times.length };
    } finally {
      observer.disconnect();
      el.remove();
      await host.stop({ deleteData: true });
    }
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.body.dataset.ready = 'true';
