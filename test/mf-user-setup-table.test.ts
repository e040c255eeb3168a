import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { createMobileFlowClient, type MobileFlowClient } from '../src/api/index.js';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import type {
  MfUserSetupTable,
  TemporaryPinCodeIssuedDetail,
  UserSetupChangedDetail,
} from '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import './support/client-provider.js';
import { focused, placesHolding, text, waitFor } from './support/dom.js';
import { tableLoaded, tablePageShown, userSetupOf } from './support/user-setups.js';

let host: MockHost;

beforeEach(async () => {
  host = await startMockHost({ argon2idCost: TEST_ARGON2ID, dbName: `table-${crypto.randomUUID()}` });
  await host.signIn('ADMIN');
});
afterEach(() => host.stop({ deleteData: true }));

const shadow = (el: MfUserSetupTable) => el.shadowRoot!;
const userIds = (el: MfUserSetupTable) =>
  [...shadow(el).querySelectorAll('tr[data-user-id]')].map((row) => row.getAttribute('data-user-id')!);
const row = (el: MfUserSetupTable, userId: string) =>
  shadow(el).querySelector<HTMLTableRowElement>(`tr[data-user-id="${userId}"]`)!;

async function mount(options: { pageSize?: number; client?: MobileFlowClient } = {}): Promise<MfUserSetupTable> {
  const pageSize = options.pageSize ?? 50;
  const el = options.client
    ? (
        await fixture<HTMLElement>(
          html`<test-client-provider .client=${options.client}
            ><mf-user-setup-table page-size=${pageSize}></mf-user-setup-table
          ></test-client-provider>`,
        )
      ).querySelector('mf-user-setup-table')!
    : await fixture<MfUserSetupTable>(
        html`<mf-user-setup-table base-url=${host.baseUrl} page-size=${pageSize}></mf-user-setup-table>`,
      );
  await waitFor(
    () => shadow(el).querySelector('tr[data-user-id]') || text(shadow(el).querySelector('[part~="state"]')),
    'the element loads',
  );
  return el;
}

const setupOf = (userId: string) => userSetupOf(host.client, userId);

async function press(button: HTMLElement, key = 'Enter') {
  button.focus();
  await sendKeys({ press: key });
}

describe('<mf-user-setup-table> for an administrator', () => {
  it('pages through every user with the keyboard, showing the count and the position', async () => {
    const el = await mount({ pageSize: 5 });
    await tableLoaded(el);
    await waitFor(() => text(shadow(el).querySelector('[data-position]')).includes(' of 21'), 'the count shows');
    const seen: string[] = [];
    for (let page = 1; ; page += 1) {
      seen.push(...userIds(el));
      expect(text(shadow(el).querySelector('[data-position]'))).to.equal(
        `Rows ${(page - 1) * 5 + 1}–${Math.min(page * 5, 21)} of 21, page ${page} of 5`,
      );
      const next = shadow(el).querySelector<HTMLButtonElement>('[data-page="next"]')!;
      if (next.disabled) break;
      await press(next);
      await waitFor(() => text(shadow(el).querySelector('[data-position]')).includes(`page ${page + 1} of`));
      await tableLoaded(el);
    }
    expect(seen).to.have.length(21);
    expect(seen).to.deep.equal([...seen].sort());
    expect(seen[0]).to.equal('ADMIN');

    await press(shadow(el).querySelector<HTMLButtonElement>('[data-page="previous"]')!);
    await waitFor(() => text(shadow(el).querySelector('[data-position]')).includes('page 4 of 5'));
    const pageSize = shadow(el).querySelector<HTMLSelectElement>('#page-size')!;
    pageSize.value = '25';
    pageSize.dispatchEvent(new Event('change'));
    await waitFor(() => text(shadow(el).querySelector('[data-position]')) === 'Rows 1–21 of 21, page 1 of 1');
    expect(userIds(el)).to.have.length(21);
  });

  it('shows a page before the host has counted the rows, and counts once per search, not per page or sort', async () => {
    const asked: string[] = [];
    let countNow = () => {};
    const client = createMobileFlowClient({
      baseUrl: host.baseUrl,
      fetch: async (input, init) => {
        const query = new URL(String(input), location.href).searchParams;
        if (query.get('$count') === 'true') {
          asked.push(`count ${query.get('$filter') ?? 'all'} (top ${query.get('$top')})`);
          await new Promise<void>((resolve) => (countNow = resolve));
        } else if (query.has('$top')) asked.push(`page at ${query.get('$skip')}`);
        return host.fetch(input, init);
      },
    });
    const el = await mount({ pageSize: 5, client });
    await tablePageShown(el);
    const position = () => text(shadow(el).querySelector('[data-position]'));
    const next = shadow(el).querySelector<HTMLButtonElement>('[data-page="next"]')!;
    expect(userIds(el)).to.have.length(5);
    expect(position()).to.equal('Rows 1–5, page 1. Counting…');
    expect(next.disabled, 'a full page may have a next one').to.equal(false);
    await press(next);
    await waitFor(() => position() === 'Rows 6–10, page 2. Counting…', 'the second page, still counting');
    countNow();
    await waitFor(() => position() === 'Rows 6–10 of 21, page 2 of 5', 'the count shows');
    await press(shadow(el).querySelector<HTMLButtonElement>('th[data-sort="displayName"] button')!);
    await waitFor(() => position() === 'Rows 1–5 of 21, page 1 of 5', 'sorted, from the first page');
    expect(asked).to.deep.equal(['page at 0', 'count all (top 0)', 'page at 5', 'page at 0']);

    asked.length = 0;
    // A search pasted in: one input event.
    const search = shadow(el).querySelector<HTMLInputElement>('#search')!;
    search.value = 'sen';
    search.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitFor(() => position().endsWith('Counting…'), 'the search is counted');
    countNow();
    await waitFor(() => /^Rows 1–5 of \d+, page 1 of \d+$/.test(position()), 'the search and its count show');
    expect(asked).to.deep.equal(['page at 0', "count (contains(userId,'sen') or contains(displayName,'sen')) (top 0)"]);

    // A first page that holds every match needs no count.
    asked.length = 0;
    search.value = 'anna';
    search.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitFor(() => userIds(el).join() === 'ANNA', 'the one match shows');
    await tablePageShown(el);
    expect(position()).to.equal('1 user');
    expect(asked).to.deep.equal(['page at 0']);
  });

  it('shows the page and the position without a count when counting fails', async () => {
    const client = createMobileFlowClient({
      baseUrl: host.baseUrl,
      fetch: async (input, init) =>
        new URL(String(input), location.href).searchParams.has('$count')
          ? Response.json({ error: { code: 'Internal_ServerError', message: 'Counting failed.' } }, { status: 500 })
          : host.fetch(input, init),
    });
    const el = await mount({ pageSize: 5, client });
    await tableLoaded(el);
    await waitFor(() => !text(shadow(el).querySelector('[data-position]')).endsWith('Counting…'));
    expect(text(shadow(el).querySelector('[data-position]'))).to.equal('Rows 1–5, page 1.');
    expect(userIds(el)).to.have.length(5);
    expect(text(shadow(el).querySelector('[part~="state"]'))).to.equal('');
    // Without a count, the last page is the first one that is not full.
    for (let page = 2; page <= 5; page += 1) {
      await press(shadow(el).querySelector<HTMLButtonElement>('[data-page="next"]')!);
      await waitFor(() => text(shadow(el).querySelector('[data-position]')).includes(`page ${page}`));
      await tableLoaded(el);
    }
    expect(text(shadow(el).querySelector('[data-position]'))).to.equal('Rows 21–21 of 21, page 5 of 5');
    expect(shadow(el).querySelector<HTMLButtonElement>('[data-page="next"]')!.disabled).to.equal(true);
  });

  it('sorts by each sortable column, both ways, as the host does', async () => {
    const el = await mount({ pageSize: 5 });
    await tableLoaded(el);
    for (const field of ['userId', 'displayName', 'resourceNo', 'pinCodeStatus'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const header = shadow(el).querySelector<HTMLElement>(`th[data-sort="${field}"]`)!;
        const wanted = direction === 'asc' ? 'ascending' : 'descending';
        // A header sorts ascending first, then descending; the userId column starts out sorted ascending.
        while (header.getAttribute('aria-sort') !== wanted) {
          await press(header.querySelector('button')!);
          await el.updateComplete;
        }
        await tableLoaded(el);
        const expected = (await host.client.listUserSetups({ top: 5, orderBy: { field, direction } })).value.map(
          (setup) => setup.userId,
        );
        expect(userIds(el), `${field} ${direction}`).to.deep.equal(expected);
        expect(shadow(el).querySelectorAll('th[aria-sort]')).to.have.length(1);
      }
    }
  });

  it('searches by user id or name as the administrator types, and filters by status and lock', async () => {
    const el = await mount();
    await tableLoaded(el);
    shadow(el).querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({ type: 'lars' });
    await waitFor(() => userIds(el).join() === 'IDA,LARS', 'search results');
    shadow(el).querySelector<HTMLInputElement>('#search')!.select();
    await sendKeys({ type: 'nobody here' });
    await waitFor(() =>
      text(shadow(el).querySelector('[part~="state"]')).startsWith('No user setups match “nobody here”'),
    );
    shadow(el).querySelector<HTMLInputElement>('#search')!.select();
    await sendKeys({ press: 'Backspace' });
    await waitFor(() => userIds(el).length === 21);
    const status = shadow(el).querySelector<HTMLSelectElement>('#status-filter')!;
    status.value = 'temporary';
    status.dispatchEvent(new Event('change'));
    await waitFor(() => userIds(el).join() === 'CAMILLA,JONAS,LAURA');
    expect(text(row(el, 'CAMILLA').querySelector('[data-column="status"]'))).to.match(/^Temporary, expired /);
    expect(text(row(el, 'JONAS').querySelector('[data-column="status"]'))).to.match(/^Temporary until /);
    status.value = '';
    status.dispatchEvent(new Event('change'));
    shadow(el).querySelector<HTMLInputElement>('#locked-filter')!.click();
    await waitFor(() => userIds(el).join() === 'MIKKEL');
    expect(text(row(el, 'MIKKEL').querySelector('[data-column="locked"]'))).to.not.equal('');
  });

  it('saves Password mandatory and Allow PIN code at once, as the host then says', async () => {
    const el = await mount();
    await tableLoaded(el);
    const lars = row(el, 'LARS');
    expect(text(lars.querySelector('[data-column="status"]'))).to.match(/^Set on .* by the user$/);
    const mandatory = lars.querySelector<HTMLInputElement>('input[data-setting="passwordMandatory"]')!;
    expect(mandatory.getAttribute('aria-label')).to.equal('Password mandatory for Lars Nielsen');
    let changed = oneEvent(el, 'mf-user-setup-changed');
    mandatory.focus();
    await sendKeys({ press: 'Space' });
    expect(((await changed) as CustomEvent<UserSetupChangedDetail>).detail).to.deep.equal({
      userId: 'LARS',
      passwordMandatory: true,
      allowPinCode: true,
    });
    expect(await setupOf('LARS')).to.include({ passwordMandatory: true, allowPinCode: true });

    // Allow PIN code stays on while Password mandatory is on, and the row says what to do instead.
    const allow = lars.querySelector<HTMLInputElement>('input[data-setting="allowPinCode"]')!;
    allow.focus();
    await sendKeys({ press: 'Space' });
    expect(allow.checked).to.equal(true);
    expect(text(lars.querySelector('.row-message'))).to.equal(
      'Turn off Password mandatory first: a user who must use a PIN code needs PIN codes allowed.',
    );
    await expect(el).to.be.accessible();

    changed = oneEvent(el, 'mf-user-setup-changed');
    mandatory.click();
    await changed;
    changed = oneEvent(el, 'mf-user-setup-changed');
    allow.click();
    await changed;
    expect(await setupOf('LARS')).to.include({ passwordMandatory: false, allowPinCode: false });
    await waitFor(
      () => !row(el, 'LARS').querySelector('[data-action="issue"]'),
      'no temporary code once PIN codes are off',
    );
  });

  it('puts a checkbox back and says why when the host fails to save it', async () => {
    const el = await mount();
    await tableLoaded(el);
    host.faults.failNextRequest = true;
    const mandatory = row(el, 'LARS').querySelector<HTMLInputElement>('input[data-setting="passwordMandatory"]')!;
    mandatory.click();
    await waitFor(() => text(row(el, 'LARS').querySelector('.row-message')));
    expect(text(row(el, 'LARS').querySelector('.row-message'))).to.equal(
      'Not saved. The server failed and nothing was changed. Try again.',
    );
    expect(
      row(el, 'LARS').querySelector<HTMLInputElement>('input[data-setting="passwordMandatory"]')!.checked,
    ).to.equal(false);
    expect((await setupOf('LARS')).passwordMandatory).to.equal(false);
  });

  it('reloads a row someone else changed meanwhile and says so, overwriting nothing', async () => {
    const el = await mount();
    await tableLoaded(el);
    await host.client.updateUserSetup(await setupOf('LARS'), { allowPinCode: false });
    row(el, 'LARS').querySelector<HTMLInputElement>('input[data-setting="passwordMandatory"]')!.click();
    await waitFor(() => text(row(el, 'LARS').querySelector('.row-message')));
    expect(text(row(el, 'LARS').querySelector('.row-message'))).to.equal(
      'Someone else changed this user setup meanwhile. It has been reloaded and nothing was saved: check it and try again.',
    );
    expect(row(el, 'LARS').querySelector<HTMLInputElement>('input[data-setting="allowPinCode"]')!.checked).to.equal(
      false,
    );
    expect(
      row(el, 'LARS').querySelector<HTMLInputElement>('input[data-setting="passwordMandatory"]')!.checked,
    ).to.equal(false);
    expect(await setupOf('LARS')).to.include({ passwordMandatory: false, allowPinCode: false });
  });

  it('issues a temporary code, shows it once, and forgets it when the modal closes', async () => {
    const el = await mount();
    await tableLoaded(el);
    await press(row(el, 'ANNA').querySelector<HTMLElement>('[data-action="issue"]')!);
    await waitFor(() => shadow(el).querySelector('#issue-dialog'), 'the modal, loaded on the first click');
    const dialog = shadow(el).querySelector<HTMLDialogElement>('#issue-dialog')!;
    await waitFor(() => dialog.open);
    expect(text(dialog)).to.include('Anna Jensen (ANNA) gets a temporary PIN code, valid for 72 hours.');
    await expect(el).to.be.accessible();
    const issued = oneEvent(el, 'mf-temporary-pin-code-issued');
    await press(dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!);
    const detail = ((await issued) as CustomEvent<TemporaryPinCodeIssuedDetail>).detail;
    expect(Object.keys(detail).sort()).to.deep.equal(['expiresAt', 'userId']);
    expect(detail.userId).to.equal('ANNA');
    await waitFor(() => dialog.querySelector('output'));
    const code = text(dialog.querySelector('output'));
    expect(code).to.match(/^[0-9]{8}$/);
    expect(text(dialog)).to.include('It is shown only now');
    await expect(el).to.be.accessible();
    expect(text(row(el, 'ANNA').querySelector('[data-column="status"]'))).to.match(/^Temporary until /);

    const anna = await setupOf('ANNA');
    expect(await host.deviceClient.verifyPinCode(anna.resourceId!, { pinCode: code })).to.deep.equal({
      valid: true,
      mustChange: true,
    });

    const clipboard: string[] = [];
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (copied: string) => void clipboard.push(copied) },
    });
    try {
      [...dialog.querySelectorAll('button')].find((button) => text(button) === 'Copy')!.click();
      await waitFor(() => text(dialog).includes('Copied.'));
      expect(clipboard).to.deep.equal([code]);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      expect(Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')).to.deep.equal(original);
    }
    await press(dialog.querySelector<HTMLElement>('[data-first-focus]')!);
    await waitFor(() => !dialog.open);
    expect(placesHolding(el, [code])).to.deep.equal([]);
    expect(focused()).to.equal('button');
  });

  it('lets the administrator choose the code, checked against the policy as they type', async () => {
    const el = await mount();
    await tableLoaded(el);
    row(el, 'ANNA').querySelector<HTMLElement>('[data-action="issue"]')!.click();
    await waitFor(() => shadow(el).querySelector('#issue-dialog'), 'the modal, loaded on the first click');
    const dialog = shadow(el).querySelector<HTMLDialogElement>('#issue-dialog')!;
    await waitFor(() => dialog.querySelector('#chosen'));
    dialog.querySelector<HTMLInputElement>('#chosen')!.focus();
    await sendKeys({ type: '123456' });
    expect(text(dialog.querySelector('#chosen-help'))).to.equal('It is a run of digits.');
    expect(dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).to.equal(true);
    dialog.querySelector<HTMLInputElement>('#chosen')!.select();
    await sendKeys({ type: '58203917' });
    await el.updateComplete;
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => text(dialog.querySelector('output')) === '58203917');
    dialog.querySelector<HTMLElement>('[data-first-focus]')!.click();
    await waitFor(() => !dialog.open);
    expect(placesHolding(el, ['58203917'])).to.deep.equal([]);
  });

  it('unlocks a user locked by wrong codes on a device', async () => {
    const anna = await setupOf('ANNA');
    await host.client.issueTemporaryPinCode(anna.id);
    for (let attempt = 0; attempt < 5; attempt += 1)
      await host.deviceClient.verifyPinCode(anna.resourceId!, { pinCode: '55555555' }).catch(() => undefined);
    const el = await mount();
    await tableLoaded(el);
    expect(text(row(el, 'ANNA').querySelector('[data-column="locked"]'))).to.not.equal('');
    await press(row(el, 'ANNA').querySelector<HTMLElement>('[data-action="unlock"]')!);
    await waitFor(() => text(row(el, 'ANNA').querySelector('.row-message')) === 'Unlocked.');
    expect(text(row(el, 'ANNA').querySelector('[data-column="locked"]'))).to.equal('');
    expect(focused()).to.equal('button');
    expect((await setupOf('ANNA')).lockedUntil).to.equal(null);
  });

  it("opens a user's history, newest first, saying what happened and who did it", async () => {
    const anna = await setupOf('ANNA');
    await host.client.issueTemporaryPinCode(anna.id);
    await host.deviceClient.verifyPinCode(anna.resourceId!, { pinCode: '55555555' });
    const el = await mount();
    await tableLoaded(el);
    await press(row(el, 'ANNA').querySelector<HTMLElement>('[data-action="history"]')!);
    await waitFor(() => shadow(el).querySelector('#history-dialog'), 'the modal, loaded on the first click');
    const dialog = shadow(el).querySelector<HTMLDialogElement>('#history-dialog')!;
    await waitFor(() => dialog.querySelectorAll('li[data-event]').length === 2);
    expect(
      [...dialog.querySelectorAll('li[data-event]')].map((item) => text(item.querySelector('strong'))),
    ).to.deep.equal(['Wrong PIN code on a mobile device', 'Temporary PIN code issued']);
    expect(text(dialog.querySelectorAll('li[data-event]')[1])).to.include('ADMIN');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog.open);
  });

  it('brings its bulk actions with the first selection, in its own styles', async () => {
    const el = await mount();
    await tableLoaded(el);
    await press(row(el, 'ANNA').querySelector<HTMLInputElement>('input[data-select]')!, 'Space');
    await waitFor(() => shadow(el).querySelector('[part~="bulk-actions"]'), 'the bulk actions arrive');
    expect(text(shadow(el).querySelector('#bulk-count'))).to.equal('1 user selected');
    expect(getComputedStyle(shadow(el).querySelector('[part~="bulk-actions"]')!).display).to.equal('flex');
    await expect(el).to.be.accessible();
  });

  it('never shows a code a user chose, nor its hash', async () => {
    const anna = await setupOf('ANNA');
    const { pinCode } = await host.client.issueTemporaryPinCode(anna.id);
    await host.signIn('ANNA');
    await host.client.changePinCode({ currentPinCode: pinCode, newPinCode: '739204' });
    await host.signIn('ADMIN');
    const el = await mount();
    await tableLoaded(el);
    expect(text(row(el, 'ANNA').querySelector('[data-column="status"]'))).to.match(/^Set on .* by the user$/);
    row(el, 'ANNA').querySelector<HTMLElement>('[data-action="history"]')!.click();
    await waitFor(() => shadow(el).querySelectorAll('#history-dialog li[data-event]').length === 2);
    expect(placesHolding(el, ['739204', '$argon2'])).to.deep.equal([]);
  });

  it('fits a 360 px wide screen: its rows become cards, and neither the page nor its box scrolls sideways', async () => {
    await setViewport({ width: 360, height: 640 });
    try {
      const el = await mount();
      await tableLoaded(el);
      const scroller = shadow(el).querySelector<HTMLElement>('[part~="scroller"]')!;
      expect(el.getBoundingClientRect().right <= 360, 'the element fits').to.equal(true);
      expect(getComputedStyle(row(el, 'ANNA')).display, 'a row is a card').to.equal('flex');
      expect(scroller.scrollWidth <= scroller.clientWidth, 'nothing scrolls in its box').to.equal(true);
      expect(document.documentElement.scrollWidth <= 360, 'the page does not scroll sideways').to.equal(true);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('is accessible with the table loaded, and says so in words while loading, when empty and on errors', async () => {
    host.faults.failNextRequest = true;
    const el = await mount();
    await waitFor(() =>
      text(shadow(el).querySelector('[part~="state"]')).startsWith('The user setups could not be loaded.'),
    );
    expect(text(shadow(el).querySelector('[part~="state"]'))).to.include('The server failed and nothing was changed.');
    shadow(el).querySelector<HTMLButtonElement>('[part~="state"] button')!.click();
    await waitFor(() => userIds(el).length === 21);
    await expect(el).to.be.accessible();
  });
});

describe('<mf-user-setup-table> for a user without access', () => {
  it('says in one plain sentence that they have no access, and shows no data', async () => {
    await host.signIn('ANNA');
    const el = await mount();
    await waitFor(() => text(shadow(el).querySelector('[part~="state"]')).startsWith('You do not have access'));
    expect(text(shadow(el).querySelector('[part~="state"]'))).to.equal(
      'You do not have access to the Mobile Flow user setup. You can still change your own PIN code from the overview.',
    );
    expect(shadow(el).querySelector('table')).to.equal(null);
    expect(shadow(el).innerHTML).to.not.include('LARS');
    await expect(el).to.be.accessible();
  });
});

describe('<mf-user-setup-table> search', () => {
  it('never shows a fast typist the results of an older query', async () => {
    const aborted: string[] = [];
    // The first search ('a') is held until the later one ('anna') has shown, or until the table gives it up; then it
    // goes on to the host, so a table that did not give it up would show its answer late.
    let searchForASent!: () => void;
    const searchForA = new Promise<void>((resolve) => (searchForASent = resolve));
    let releaseA!: () => void;
    const aReleased = new Promise<void>((resolve) => (releaseA = resolve));
    const requestsForA: Promise<unknown>[] = [];
    const client = createMobileFlowClient({
      baseUrl: host.baseUrl,
      fetch: (input, init) => {
        const url = decodeURIComponent(String(input));
        if (!url.includes("contains(userId,'a')")) return host.fetch(input, init);
        searchForASent();
        const request = (async () => {
          const givenUp = new Promise((resolve) => init?.signal?.addEventListener('abort', resolve));
          await Promise.race([aReleased, givenUp]);
          if (init?.signal?.aborted) aborted.push(url.includes('$top=0&') ? 'count of a' : 'page of a');
          return host.fetch(input, init);
        })();
        requestsForA.push(request.catch(() => undefined));
        return request;
      },
    });
    const el = await mount({ client });
    await tableLoaded(el);
    const shown: string[] = [];
    const observer = new MutationObserver(() => shown.push(userIds(el).join()));
    observer.observe(shadow(el), { subtree: true, childList: true });
    shadow(el).querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({ type: 'a' });
    await searchForA;
    await sendKeys({ type: 'nna' });
    await waitFor(() => userIds(el).join() === 'ANNA', 'the newer answer shows');
    releaseA();
    await Promise.all(requestsForA);
    await el.updateComplete;
    observer.disconnect();
    expect(userIds(el).join()).to.equal('ANNA');
    const answerForA = (await host.client.listUserSetups({ search: 'a' })).value.map((setup) => setup.userId).join();
    expect(shown).to.not.include(answerForA);
    // The count of a search is asked after its page: the page for 'a' never came, so neither did a count.
    expect(aborted).to.deep.equal(['page of a']);
  });
});
