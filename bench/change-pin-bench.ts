// Submit-to-success of <mf-change-pin-dialog> against the mock host (OWASP argon2id in workers, through MSW), with
// the longest main-thread task seen meanwhile. Driven by bench/run.mjs through window.changePinBench.
import '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import type { MfChangePinDialog } from '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import { generateTemporaryPinCode } from '../src/mock/host.js';
import { startMockHost } from '../src/mock/index.js';
import { median } from './stats.js';

/** Resolves when `test` holds for the element's shadow DOM, checked on every change of it. */
function whenRendered(el: MfChangePinDialog, test: () => boolean): Promise<void> {
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

const changePinBench = {
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
        await whenRendered(el, () => el.shadowRoot!.querySelector('label[for="current"]')?.textContent === 'Temporary PIN code');
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
          for (const task of longTasks) if (task.startTime < end && task.startTime + task.duration > start) longestTask = Math.max(longestTask, task.duration);
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
    changePinBench: typeof changePinBench;
  }
}
window.changePinBench = changePinBench;
document.body.dataset.ready = 'true';
