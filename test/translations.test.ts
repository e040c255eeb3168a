import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { getLocale, setLocale } from '../src/elements/localization.js';
import '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import type { MfChangePinDialog } from '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import type { MfUserSetupTable } from '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { MobileFlowError } from '../src/api/index.js';
import { ERROR_CODES, ERROR_HTTP_STATUS, type ErrorCode } from '../src/domain/index.js';
import { errorWords, formatDateTime } from '../src/elements/words.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import './support/client-provider.js';
import { text, waitFor } from './support/dom.js';
import { userSetupOf } from './support/user-setups.js';

let host: MockHost;
/** What the host's data puts on screen (ids, names, resource numbers): the same in every language. */
let data: Set<string>;

beforeEach(async () => {
  host = await startMockHost({
    argon2idCost: TEST_ARGON2ID,
    dbName: `translations-${crypto.randomUUID()}`,
    policy: { administratorMayChoosePinCode: true },
  });
  await host.signIn('ADMIN');
  const { value } = await host.client.listUserSetups({ top: 100 });
  data = new Set(value.flatMap((setup) => [setup.userId, setup.displayName, setup.resourceNo ?? '']));
});
afterEach(async () => {
  await setLocale(null);
  document.documentElement.removeAttribute('lang');
  await host.stop({ deleteData: true });
});

const shadow = (el: Element) => el.shadowRoot!;

/** Every piece of text a person can see or hear in the element, in document order: text nodes and text attributes. */
function textsOf(el: Element): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(shadow(el), NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Text) {
      if (node.parentElement?.localName !== 'style') texts.push(node.data.replace(/\s+/g, ' ').trim());
    } else {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = (node as Element).getAttribute(name);
        if (value !== null) texts.push(value.trim());
      }
    }
  }
  return texts.filter((piece) => /\p{L}/u.test(piece));
}

/** A text the translation left as it was: it has words, and it is not the host's data. */
const untranslated = (english: string, danish: string) => english === danish && !data.has(english);

/**
 * Reads what `el` shows in English, switches to Danish in place, and returns the pairs (by position) whose text did not
 * change; the element's structure is the same in both languages, so the n-th text is the same message.
 */
async function englishLeftInDanish(
  el: Element & { updateComplete: Promise<boolean> },
): Promise<Array<[string, string]>> {
  await setLocale('en');
  await el.updateComplete;
  const english = textsOf(el);
  await setLocale('da');
  await el.updateComplete;
  const danish = textsOf(el);
  expect(danish.length, `the same texts in both languages:\n${english.join('\n')}\n---\n${danish.join('\n')}`).to.equal(
    english.length,
  );
  expect(english.length, 'there is text to compare').to.be.greaterThan(0);
  return english
    .map((piece, index) => [piece, danish[index]] as [string, string])
    .filter(([a, b]) => untranslated(a, b));
}

const setupOf = (userId: string) => userSetupOf(host.client, userId);

describe('translations', () => {
  it('leaves no English in the user setup table, its messages and its modals when switched to Danish', async () => {
    const anna = await setupOf('ANNA');
    await host.client.issueTemporaryPinCode(anna.id);
    for (let attempt = 0; attempt < 5; attempt += 1)
      await host.deviceClient.verifyPinCode(anna.resourceId!, { pinCode: '55555555' }).catch(() => undefined);
    const lars = await setupOf('LARS');
    const { pinCode } = await host.client.issueTemporaryPinCode(lars.id);
    await host.signIn('LARS');
    await host.client.changePinCode({ currentPinCode: pinCode, newPinCode: '739204' });
    await host.signIn('ADMIN');

    await setLocale('en');
    const el = await fixture<MfUserSetupTable>(
      html`<mf-user-setup-table base-url=${host.baseUrl} page-size="10"></mf-user-setup-table>`,
    );
    await waitFor(
      () =>
        shadow(el).querySelector('tr[data-user-id="ANNA"]') &&
        shadow(el).querySelector('table')!.getAttribute('aria-busy') === 'false',
    );
    const row = (userId: string) => shadow(el).querySelector<HTMLTableRowElement>(`tr[data-user-id="${userId}"]`)!;

    // The page: headers, filters, pager, every status, a lock, and a row message.
    row('ANNA').querySelector<HTMLButtonElement>('[data-action="unlock"]')!.click();
    await waitFor(() => text(row('ANNA').querySelector('.row-message')) === 'Unlocked.');
    expect(await englishLeftInDanish(el)).to.deep.equal([]);
    expect(text(row('ANNA').querySelector('.row-message'))).to.equal('Låst op.');
    expect(text(shadow(el).querySelector('[data-position]'))).to.match(/^Række 1–10 af 21, side 1 af 3$/);

    // The issue modal, with a chosen code that breaks a rule.
    await setLocale('en');
    row('ANNA').querySelector<HTMLButtonElement>('[data-action="issue"]')!.click();
    await waitFor(() => shadow(el).querySelector('#issue-dialog'), 'the modal, loaded on the first click');
    const issue = shadow(el).querySelector<HTMLDialogElement>('#issue-dialog')!;
    await waitFor(() => issue.querySelector('#chosen'));
    issue.querySelector<HTMLInputElement>('#chosen')!.focus();
    await sendKeys({ type: '123456' });
    await el.updateComplete;
    expect(await englishLeftInDanish(el)).to.deep.equal([]);
    expect(text(issue.querySelector('#chosen-help'))).to.equal('Den er en række af cifre.');

    // The code shown once.
    issue.querySelector<HTMLInputElement>('#chosen')!.value = '';
    issue.querySelector<HTMLInputElement>('#chosen')!.dispatchEvent(new Event('input'));
    await el.updateComplete;
    issue.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => issue.querySelector('output'));
    expect(await englishLeftInDanish(el)).to.deep.equal([]);
    issue.querySelector<HTMLButtonElement>('[data-first-focus]')!.click();
    await waitFor(() => !issue.open);

    // The history modal: issued, wrong codes on a device, locked, unlocked.
    row('ANNA').querySelector<HTMLButtonElement>('[data-action="history"]')!.click();
    await waitFor(() => shadow(el).querySelector('#history-dialog'), 'the modal, loaded on the first click');
    const history = shadow(el).querySelector<HTMLDialogElement>('#history-dialog')!;
    await waitFor(() => history.querySelectorAll('li[data-event]').length > 3);
    expect(await englishLeftInDanish(el)).to.deep.equal([]);
    history.querySelector<HTMLButtonElement>('[data-first-focus]')!.click();
    await waitFor(() => !history.open);

    // No match, and an error.
    const search = shadow(el).querySelector<HTMLInputElement>('#search')!;
    search.value = 'nobody';
    search.dispatchEvent(new Event('input'));
    await waitFor(() => text(shadow(el).querySelector('[part~="state"]')).includes('nobody'));
    expect(await englishLeftInDanish(el)).to.deep.equal([]);
    host.faults.failNextRequest = true;
    el.reload();
    await waitFor(() => shadow(el).querySelector('[part~="state"][role="alert"]'));
    expect(await englishLeftInDanish(el)).to.deep.equal([]);
  });

  it('leaves no English in the user setup table for a user without access', async () => {
    await host.signIn('ANNA');
    const el = await fixture<MfUserSetupTable>(
      html`<mf-user-setup-table base-url=${host.baseUrl}></mf-user-setup-table>`,
    );
    await waitFor(
      () => text(shadow(el).querySelector('[part~="state"]')).length > 0 && !shadow(el).querySelector('table'),
    );
    expect(await englishLeftInDanish(el)).to.deep.equal([]);
  });

  it('leaves no English in Change PIN Code: status, form, checklist, errors and success', async () => {
    const anna = await setupOf('ANNA');
    const { pinCode } = await host.client.issueTemporaryPinCode(anna.id);
    await host.signIn('ANNA');
    await setLocale('en');
    const el = await fixture<MfChangePinDialog>(
      html`<mf-change-pin-dialog base-url=${host.baseUrl}></mf-change-pin-dialog>`,
    );
    const part = (name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
    const dialog = part('dialog') as HTMLDialogElement;
    await waitFor(() => text(part('status')).startsWith('You have a temporary PIN code'));
    expect(await englishLeftInDanish(el)).to.deep.equal([]);

    await setLocale('en');
    el.show();
    await waitFor(
      () => dialog.getAttribute('aria-busy') === 'false' && shadow(el).querySelector('input[data-field="new"]'),
    );
    const type = async (field: string, value: string) => {
      shadow(el).querySelector<HTMLInputElement>(`input[data-field="${field}"]`)!.focus();
      await sendKeys({ type: value });
      await el.updateComplete;
    };
    await type('new', '1234');
    await type('confirm', '12');
    expect(await englishLeftInDanish(el)).to.deep.equal([]);

    // A wrong temporary code: the error at its field, with the attempts left.
    await setLocale('en');
    await type('current', '00000000');
    const newField = shadow(el).querySelector<HTMLInputElement>('input[data-field="new"]')!;
    newField.select();
    await type('new', '739204');
    shadow(el).querySelector<HTMLInputElement>('input[data-field="confirm"]')!.select();
    await type('confirm', '739204');
    part('submit')!.click();
    await waitFor(() => text(shadow(el).querySelector('#current-error')).includes('attempts left'));
    expect(await englishLeftInDanish(el)).to.deep.equal([]);
    expect(text(shadow(el).querySelector('#current-error'))).to.match(
      /^Den midlertidige pinkode er forkert\. \d forsøg tilbage, før din pinkode spærres\.$/,
    );

    // The server failing: a form-level message.
    await setLocale('en');
    await type('current', pinCode);
    host.faults.failNextAction = true;
    part('submit')!.click();
    await waitFor(() => text(part('message')).includes('server'));
    expect(await englishLeftInDanish(el)).to.deep.equal([]);

    // Success.
    await setLocale('en');
    part('submit')!.click();
    await waitFor(() => part('message')?.classList.contains('success'));
    expect(await englishLeftInDanish(el)).to.deep.equal([]);
  });

  it("follows the page's lang until the host sets a locale, with dates in that locale", async () => {
    const anna = await setupOf('ANNA');
    const { expiresAt } = await host.client.issueTemporaryPinCode(anna.id);
    await host.signIn('ANNA');
    const el = await fixture<MfChangePinDialog>(
      html`<mf-change-pin-dialog base-url=${host.baseUrl}></mf-change-pin-dialog>`,
    );
    const status = () => text(shadow(el).querySelector('[part~="status"]'));
    await waitFor(() => status().length > 0 && !status().includes('…'));

    document.documentElement.lang = 'da-DK';
    await waitFor(() => status().startsWith('Du har en midlertidig pinkode'), 'lang="da-DK" gives Danish');
    expect(getLocale()).to.equal('da-DK');
    const danishDate = new Intl.DateTimeFormat('da-DK', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(expiresAt),
    );
    expect(status()).to.equal(`Du har en midlertidig pinkode, der gælder til ${danishDate}. Skift den nu.`);
    expect(formatDateTime(expiresAt)).to.equal(danishDate);

    document.documentElement.lang = 'en-GB';
    await waitFor(() => status().startsWith('You have a temporary PIN code'), 'lang="en-GB" gives English');
    const britishDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(expiresAt),
    );
    expect(status()).to.include(britishDate);

    // An explicit choice wins over the page's lang, until it is taken back.
    await setLocale('da');
    await el.updateComplete;
    expect(status()).to.match(/^Du har/);
    document.documentElement.lang = 'en';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(status()).to.match(/^Du har/);
    await setLocale(null);
    await el.updateComplete;
    expect(status()).to.match(/^You have/);

    // A language the elements do not speak: English words, that locale's dates. A broken tag: English, browser dates.
    document.documentElement.lang = 'de-DE';
    await waitFor(() => getLocale() === 'de-DE');
    await el.updateComplete;
    expect(status()).to.include(
      new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(expiresAt)),
    );
    document.documentElement.lang = 'not a tag!';
    await waitFor(() => getLocale() === undefined);
    await el.updateComplete;
    expect(status()).to.match(/^You have/);
  });
});

describe('the words for errors', () => {
  it('say every error code of the contract in words of their own, in English and in Danish', async () => {
    const say = (code: ErrorCode) =>
      errorWords(new MobileFlowError({ code, status: ERROR_HTTP_STATUS[code], message: '' }));
    const english = ERROR_CODES.map(say);
    for (const [i, words] of english.entries()) expect(words, ERROR_CODES[i]).to.not.include(ERROR_CODES[i]);
    await setLocale('da');
    const danish = ERROR_CODES.map(say);
    for (const [i, words] of danish.entries()) expect(words, ERROR_CODES[i]).to.not.equal(english[i]);
  });
});
