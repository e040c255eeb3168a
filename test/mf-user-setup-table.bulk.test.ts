import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { MobileFlowError, type MobileFlowClient } from '../src/api/index.js';
import type { UserSetup } from '../src/domain/index.js';
import type { RowChangedEvent, TemporaryPinCodeIssuedEvent } from '../src/elements/mf-user-setup-table/events.js';
import '../src/elements/mf-user-setup-table/internal/bulk-actions.js';
import { bulkActionsStyles } from '../src/elements/mf-user-setup-table/internal/bulk-actions.styles.js';
import { SelectionController } from '../src/elements/mf-user-setup-table/internal/selection-controller.js';
import { setLocale } from '../src/elements/localization.js';
import { sharedStyles } from '../src/elements/shared.styles.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import type { MfUserSetupTable } from '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import './support/client-provider.js';
import { text, waitFor } from './support/dom.js';
import { userSetupOf } from './support/user-setups.js';

/**
 * The bulk actions as the table hosts them: a shadow root with the table's shared styles and the bulk styles, a
 * checkbox per row and one for the page from the SelectionController, and the bulk part below.
 */
class TestBulkHost extends LitElement {
  static override styles = [sharedStyles, bulkActionsStyles];
  static override properties = { client: { attribute: false }, rows: { attribute: false } };
  declare client: MobileFlowClient;
  declare rows: UserSetup[];
  readonly selection = new SelectionController(this);

  #replaceRow(setup: UserSetup): void {
    this.rows = this.rows.map((row) => (row.id === setup.id ? setup : row));
    this.selection.keepFresh([setup]);
  }

  override render() {
    return html`<table>
        <thead>
          <tr>
            <th>${this.selection.renderPageCheckbox(this.rows)}</th>
            <th>Name</th>
          </tr>
        </thead>
        <tbody>
          ${this.rows.map(
            (setup) =>
              html`<tr data-user-id=${setup.userId}>
                <td>${this.selection.renderRowCheckbox(setup)}</td>
                <td>${setup.displayName}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <mf-user-setup-bulk-actions
        .client=${this.client}
        .selected=${this.selection.setups}
        @mf-row-changed=${(event: RowChangedEvent) => this.#replaceRow(event.setup)}
        @mf-selection-clear=${() => this.selection.clear()}
      ></mf-user-setup-bulk-actions>`;
  }
}
customElements.define('test-bulk-host', TestBulkHost);

let host: MockHost;

beforeEach(async () => {
  host = await startMockHost({
    argon2idCost: TEST_ARGON2ID,
    transport: 'direct',
    dbName: `bulk-${crypto.randomUUID()}`,
  });
  await host.signIn('ADMIN');
});
afterEach(async () => {
  await emulateMedia({ media: 'screen' });
  await host.stop({ deleteData: true });
});

const setupOf = (userId: string) => userSetupOf(host.client, userId);

async function mount(userIds: string[], client: MobileFlowClient = host.client): Promise<TestBulkHost> {
  const rows = await Promise.all(userIds.map(setupOf));
  return fixture<TestBulkHost>(html`<test-bulk-host .client=${client} .rows=${rows}></test-bulk-host>`);
}

const root = (el: TestBulkHost) => el.shadowRoot!;
const bulk = (el: TestBulkHost) => root(el).querySelector('mf-user-setup-bulk-actions')!;
const checkbox = (el: TestBulkHost, label: string) =>
  root(el).querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;
const button = (el: TestBulkHost, name: string) =>
  root(el).querySelector<HTMLButtonElement>(`button[data-bulk="${name}"]`)!;
const dialog = (el: TestBulkHost) => root(el).querySelector<HTMLDialogElement>('dialog.bulk-codes')!;
const resultOf = (el: TestBulkHost, userId: string) =>
  text(root(el).querySelector(`.bulk-results [data-result-for="${userId}"]`));
const summary = (el: TestBulkHost) => text(root(el).querySelector('[data-bulk-summary]'));

async function select(el: TestBulkHost, ...names: string[]) {
  await selectByLabel(el, ...names.map((name) => `Select ${name}`));
}

async function selectByLabel(el: TestBulkHost, ...labels: string[]) {
  for (const label of labels) checkbox(el, label).click();
  await el.updateComplete;
  await bulk(el).updateComplete;
}

/** The element's whole tree as HTML, every shadow root included, with every field's value. */
function serializedTree(node: Element): string {
  let out = node.outerHTML;
  for (const inner of [node, ...node.querySelectorAll('*')]) {
    if (inner.shadowRoot) out += [...inner.shadowRoot.children].map(serializedTree).join('');
    if (inner instanceof HTMLInputElement) out += inner.value;
  }
  return out;
}

/** Confirms a bulk issue and waits for the view of the codes. */
async function issueCodes(el: TestBulkHost): Promise<Map<string, string>> {
  button(el, 'issue').click();
  await waitFor(() => dialog(el).open, 'the confirmation opens');
  root(el).querySelector<HTMLButtonElement>('dialog.bulk-codes button[type="submit"]')!.click();
  await waitFor(() => button(el, 'done'), 'the codes are shown');
  return new Map(
    [...root(el).querySelectorAll('.slip')].map((slip) => [
      slip.getAttribute('data-slip-for')!,
      text(slip.querySelector('[data-code]')),
    ]),
  );
}

describe('<mf-user-setup-table> bulk actions', () => {
  it('selects users with labelled checkboxes; the page checkbox shows some as indeterminate; the bar counts them', async () => {
    const el = await mount(['ANNA', 'LARS', 'PETER']);
    await expect(el).to.be.accessible();
    expect(button(el, 'issue')).to.equal(null);
    await select(el, 'Anna Jensen');
    const page = checkbox(el, 'Select all on this page');
    expect(page.indeterminate).to.equal(true);
    expect(text(root(el).querySelector('[part~="bulk-actions"]'))).to.include('1 user selected');
    page.click();
    await el.updateComplete;
    await bulk(el).updateComplete;
    expect([page.checked, page.indeterminate]).to.deep.equal([true, false]);
    expect(text(root(el).querySelector('.bulk-count'))).to.equal('3 users selected');
    await expect(el).to.be.accessible();
    button(el, 'clear').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await bulk(el).updateComplete;
    expect([page.checked, page.indeterminate]).to.deep.equal([false, false]);
    expect(button(el, 'issue')).to.equal(null);
    // The toolbar went away with the button pressed: focus goes to the page's checkbox, not to the page's body.
    await waitFor(() => root(el).activeElement === page, 'focus stays in the table');
  });

  it("issues each user a code of their own; PETER's refusal (PIN codes off) is reported on its own and the others' codes work on a device", async () => {
    const keys: Array<[string, string]> = [];
    const client: MobileFlowClient = {
      ...host.client,
      issueTemporaryPinCode: (id, request, options) => {
        keys.push([id, options!.idempotencyKey!]);
        return host.client.issueTemporaryPinCode(id, request, options);
      },
    };
    const el = await mount(['ANNA', 'PETER', 'EMMA'], client);
    const issued: TemporaryPinCodeIssuedEvent['detail'][] = [];
    el.addEventListener('mf-temporary-pin-code-issued', (event) => issued.push(event.detail));
    await select(el, 'Anna Jensen', 'Peter Christensen', 'Emma Kristensen');

    button(el, 'issue').click();
    await waitFor(() => dialog(el).open, 'the confirmation opens');
    expect(text(dialog(el).querySelector('h2'))).to.equal('Issue temporary PIN codes for 3 users');
    expect(text(dialog(el).querySelector('.bulk-names'))).to.include('Peter Christensen (PETER)');
    await expect(el).to.be.accessible();
    const codes = await issueCodes(el);

    expect([...codes.keys()].sort()).to.deep.equal(['ANNA', 'EMMA']);
    expect(new Set(codes.values()).size).to.equal(2);
    expect(text(dialog(el).querySelector('.bulk-failed'))).to.include(
      'Peter Christensen (PETER): PIN codes are not allowed for your account.',
    );
    expect(new Set(keys.map(([, key]) => key)).size).to.equal(3);
    await expect(el).to.be.accessible();

    for (const [userId, pinCode] of codes) {
      const setup = await setupOf(userId);
      expect(setup.pinCodeStatus).to.equal('temporary');
      expect(await host.deviceClient.verifyPinCode(setup.resourceId!, { pinCode })).to.deep.include({
        valid: true,
        mustChange: true,
      });
    }
    expect(issued.map((detail) => detail.userId).sort()).to.deep.equal(['ANNA', 'EMMA']);
    for (const detail of issued) expect(Object.keys(detail).sort()).to.deep.equal(['expiresAt', 'userId']);
    expect(JSON.stringify(issued)).not.to.match(new RegExp([...codes.values()].join('|')));
    expect(summary(el)).to.equal(
      'Issue temporary PIN codes: done for 2 users, not done for 1 user. See why for each below.',
    );
  });

  it("retries a user whose issue failed on the network with that user's own key, and only that user", async () => {
    const calls: Array<[string, string]> = [];
    const lars = await setupOf('LARS');
    let failLars = true;
    const client: MobileFlowClient = {
      ...host.client,
      issueTemporaryPinCode: async (id, request, options) => {
        calls.push([id, options!.idempotencyKey!]);
        const answer = await host.client.issueTemporaryPinCode(id, request, options);
        if (id === lars.id && failLars) {
          failLars = false;
          // The host issued a code, but its answer never arrived.
          throw new MobileFlowError({ code: 'Client_NetworkFailure', status: 0, message: 'offline' });
        }
        return answer;
      },
    };
    const el = await mount(['ANNA', 'LARS'], client);
    await select(el, 'Anna Jensen', 'Lars Nielsen');
    const first = await issueCodes(el);
    expect([...first.keys()]).to.deep.equal(['ANNA']);
    expect(text(dialog(el).querySelector('.bulk-failed'))).to.include('The server could not be reached.');

    button(el, 'retry-issue').click();
    await waitFor(() => root(el).querySelectorAll('.slip').length === 2, 'the retry is shown');
    expect(calls).to.have.length(3);
    const larsKeys = calls.filter(([id]) => id === lars.id).map(([, key]) => key);
    expect(larsKeys[0]).to.equal(larsKeys[1]);
    expect(calls.filter(([id]) => id !== lars.id)).to.have.length(1);
    const larsCode = text(root(el).querySelector('[data-slip-for="LARS"] [data-code]'));
    expect(await host.deviceClient.verifyPinCode(lars.resourceId!, { pinCode: larsCode })).to.deep.include({
      valid: true,
    });
  });

  it('unlocks the selected users, each reported on its own', async () => {
    const el = await mount(['ANNA', 'MIKKEL']);
    expect((await setupOf('MIKKEL')).lockedUntil).not.to.equal(null);
    await select(el, 'Anna Jensen', 'Mikkel Sørensen');
    button(el, 'unlock').click();
    await waitFor(() => summary(el), 'the unlock is done');
    expect(resultOf(el, 'MIKKEL')).to.equal('Mikkel Sørensen (MIKKEL): Unlocked.');
    expect(resultOf(el, 'ANNA')).to.equal('Anna Jensen (ANNA): Unlocked.');
    expect((await setupOf('MIKKEL')).lockedUntil).to.equal(null);
    expect(summary(el)).to.equal('Unlock: done for 2 users.');
  });

  it('turns Password mandatory on for many: a stale etag reloads that user and says so, the refused one says what to do, the others are saved', async () => {
    const el = await mount(['ANNA', 'LARS', 'PETER', 'SOFIE']);
    const changed: string[] = [];
    el.addEventListener('mf-user-setup-changed', (event) => changed.push(event.detail.userId));
    await select(el, 'Anna Jensen', 'Lars Nielsen', 'Peter Christensen', 'Sofie Andersen');
    // Someone else changes Lars meanwhile: the table's copy of him is stale.
    await host.client.updateUserSetup(await setupOf('LARS'), { allowPinCode: true, passwordMandatory: false });
    const rowsChanged: UserSetup[] = [];
    bulk(el).addEventListener('mf-row-changed', (event) => rowsChanged.push((event as RowChangedEvent).setup));

    button(el, 'password-mandatory-on').click();
    await waitFor(() => summary(el), 'the bulk save is done');

    expect(resultOf(el, 'ANNA')).to.equal('Anna Jensen (ANNA): Saved.');
    expect(resultOf(el, 'SOFIE')).to.equal('Sofie Andersen (SOFIE): Saved.');
    expect(resultOf(el, 'LARS')).to.include('Someone else changed this user setup meanwhile. It has been reloaded');
    expect(resultOf(el, 'PETER')).to.include('Turn on Allow PIN code first');
    expect(changed.sort()).to.deep.equal(['ANNA', 'SOFIE']);
    // The table shows Lars as the host has him now.
    expect(rowsChanged.find((setup) => setup.userId === 'LARS')?.['@odata.etag']).to.equal(
      (await setupOf('LARS'))['@odata.etag'],
    );
    expect((await setupOf('ANNA')).passwordMandatory).to.equal(true);
    expect((await setupOf('LARS')).passwordMandatory).to.equal(false);
    expect((await setupOf('PETER')).passwordMandatory).to.equal(false);
    expect(summary(el)).to.equal(
      'Turn on Password mandatory: done for 2 users, not done for 2 users. See why for each below.',
    );

    // Lars's row now holds the host's copy: the same action again saves him.
    button(el, 'password-mandatory-on').click();
    await waitFor(() => resultOf(el, 'LARS').endsWith('Saved.'), 'Lars is saved');
    expect(resultOf(el, 'ANNA')).to.equal('Anna Jensen (ANNA): Already so: nothing to save.');
    expect((await setupOf('LARS')).passwordMandatory).to.equal(true);
  });

  it('turning Allow PIN code off for a Password mandatory user says what to do instead, and saves the others', async () => {
    const el = await mount(['METTE', 'ANNA']);
    await select(el, 'Mette Hansen', 'Anna Jensen');
    button(el, 'allow-pin-code-off').click();
    await waitFor(() => summary(el), 'the bulk save is done');
    expect(resultOf(el, 'METTE')).to.include('Turn off Password mandatory first');
    expect(resultOf(el, 'ANNA')).to.equal('Anna Jensen (ANNA): Saved.');
    expect((await setupOf('ANNA')).allowPinCode).to.equal(false);
  });

  it('prints one slip per user through the browser, only the slips, and forgets every code when the view closes', async () => {
    const el = await mount(['ANNA', 'LARS', 'EMMA']);
    await select(el, 'Anna Jensen', 'Lars Nielsen', 'Emma Kristensen');
    const codes = await issueCodes(el);
    expect(codes.size).to.equal(3);

    const slip = root(el).querySelector('[data-slip-for="ANNA"]')!;
    expect(text(slip)).to.include('Anna Jensen');
    expect(text(slip)).to.include('R0010');
    expect(text(slip)).to.include(codes.get('ANNA')!);
    expect(text(slip)).to.include('Valid until');
    expect(text(slip)).to.include(
      'Sign in on a device or open Change PIN Code with this temporary code, and choose your own PIN code before it expires.',
    );

    let printed = 0;
    const print = window.print;
    window.print = () => {
      printed += 1;
    };
    try {
      button(el, 'print').click();
    } finally {
      window.print = print;
    }
    expect(printed).to.equal(1);

    // In print, the page is hidden and only the slips show, each kept whole on its page.
    await emulateMedia({ media: 'print' });
    expect(getComputedStyle(document.body).visibility).to.equal('hidden');
    expect(getComputedStyle(slip).visibility).to.equal('visible');
    expect(getComputedStyle(slip).breakInside).to.equal('avoid');
    expect(getComputedStyle(dialog(el).querySelector('h2')!).display).to.equal('none');
    expect(getComputedStyle(dialog(el).querySelector('.actions')!).display).to.equal('none');
    await emulateMedia({ media: 'screen' });

    button(el, 'done').click();
    await waitFor(() => !dialog(el).open, 'the view closes');
    await el.updateComplete;
    await bulk(el).updateComplete;
    const tree = serializedTree(el) + serializedTree(document.body);
    for (const code of codes.values()) expect(tree).not.to.include(code);
    await emulateMedia({ media: 'print' });
    expect(getComputedStyle(document.body).visibility).to.equal('visible');
    // What is left says who got a code until when, never the code.
    expect(resultOf(el, 'ANNA')).to.include('Temporary PIN code issued, valid until');
    await expect(el).to.be.accessible();
  });

  it('forgets every code when the view is closed with Escape', async () => {
    const el = await mount(['ANNA', 'LARS']);
    await select(el, 'Anna Jensen', 'Lars Nielsen');
    const codes = await issueCodes(el);
    button(el, 'print').focus();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog(el).open, 'the view closes');
    await bulk(el).updateComplete;
    const tree = serializedTree(el);
    for (const code of codes.values()) expect(tree).not.to.include(code);
  });

  it('speaks Danish: the count with its plural, the setting buttons, and the slips', async () => {
    await setLocale('da-DK');
    try {
      const el = await mount(['ANNA', 'LARS']);
      await selectByLabel(el, 'Vælg Anna Jensen');
      expect(text(root(el).querySelector('.bulk-count'))).to.equal('1 bruger valgt');
      await selectByLabel(el, 'Vælg Lars Nielsen');
      expect(text(root(el).querySelector('.bulk-count'))).to.equal('2 brugere valgt');
      expect(button(el, 'allow-pin-code-on').getAttribute('aria-label')).to.equal('Slå Tillad pinkode til');
      await issueCodes(el);
      const slip = text(root(el).querySelector('[data-slip-for="LARS"]'));
      expect(slip).to.include('Gælder til');
      expect(slip).to.include('vælg din egen pinkode, før den udløber.');
      await expect(el).to.be.accessible();
    } finally {
      await setLocale(null);
    }
  });

  it('in the table: a checkbox per row selects users across pages, and a bulk issue updates their rows and leaves no code behind', async () => {
    const provider = await fixture<HTMLElement>(
      html`<test-client-provider .client=${host.client}
        ><mf-user-setup-table page-size="10"></mf-user-setup-table
      ></test-client-provider>`,
    );
    const table = provider.querySelector<MfUserSetupTable>('mf-user-setup-table')!;
    const shadow = table.shadowRoot!;
    const loaded = () =>
      waitFor(() => shadow.querySelector('table')?.getAttribute('aria-busy') === 'false', 'the page loads');
    const tick = async (label: string) => {
      shadow.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!.click();
      await table.updateComplete;
    };
    await waitFor(() => shadow.querySelector('tr[data-user-id="ANNA"]'), 'the table loads');
    await loaded();
    await tick('Select Anna Jensen');
    const page = shadow.querySelector<HTMLInputElement>('input[data-select="page"]')!;
    expect(page.indeterminate).to.equal(true);
    shadow.querySelector<HTMLButtonElement>('[data-page="next"]')!.click();
    await waitFor(() => shadow.querySelector('tr[data-user-id="PETER"]'), 'the next page');
    await loaded();
    expect(page.indeterminate).to.equal(false);
    await tick('Select Peter Christensen');
    await tick('Select Mette Hansen');
    expect(text(shadow.querySelector('.bulk-count'))).to.equal('3 users selected');
    const issued: string[] = [];
    table.addEventListener('mf-temporary-pin-code-issued', (event) => issued.push(event.detail.userId));

    shadow.querySelector<HTMLButtonElement>('button[data-bulk="issue"]')!.click();
    const view = shadow.querySelector<HTMLDialogElement>('dialog.bulk-codes')!;
    await waitFor(() => view.open, 'the confirmation opens');
    expect(text(view.querySelector('.bulk-names'))).to.include('Anna Jensen (ANNA)');
    view.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => view.querySelector('button[data-bulk="done"]'), 'the codes are shown');
    const codes = [...view.querySelectorAll('[data-code]')].map((code) => text(code));
    expect(codes).to.have.length(2);
    expect(text(view.querySelector('.bulk-failed'))).to.include('Peter Christensen (PETER)');
    await expect(table).to.be.accessible();
    expect(issued.sort()).to.deep.equal(['ANNA', 'METTE']);
    // Mette's row, on this page, shows her temporary code's expiry without a reload.
    expect(text(shadow.querySelector('tr[data-user-id="METTE"] [data-column="status"]'))).to.match(/^Temporary until/);

    view.querySelector<HTMLButtonElement>('button[data-bulk="done"]')!.click();
    await waitFor(() => !view.open, 'the view closes');
    await table.updateComplete;
    const tree = serializedTree(provider);
    for (const code of codes) expect(tree).not.to.include(code);
  });
});
