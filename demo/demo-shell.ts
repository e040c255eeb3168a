// The demo: a host page as an ERP would have it, with the two elements on the embedded mock host. It provides the
// client through mobileFlowClientContext, as an integrator would.
import { ContextProvider } from '@lit/context';
import { css, html, LitElement, nothing, render } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import {
  MobileFlowError,
  mobileFlowClientContext,
  type MobileFlowClient,
  type Resource,
  type Session,
  type UserSetup,
} from '../src/index.js';
import { deviceSignIn, type DeviceSignIn } from '../src/domain/index.js';
import '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { localized } from '../src/elements/localization.js';
import { pinCodeStatusWords } from '../src/elements/mf-user-setup-table/words.js';
import { errorWords, formatDateTime } from '../src/elements/words.js';
import './business-central-page.js';
import { SCREEN_KEY, SCREENS, storedScreen, type Screen } from './screens.js';
import type { DemoHost } from './server-host.js';
import { LANGUAGE_KEY, words } from './words.js';

type Page = 'overview' | 'setup' | 'bc';
const pageOf = (hash: string): Page => (hash === '#setup' ? 'setup' : hash === '#bc' ? 'bc' : 'overview');
const USER_KEY = 'mobile-flow-pin-demo:user';

/** What the simulated device answered; its words are made at render, in the page's language. */
type DeviceAnswer =
  | { kind: 'noSuchResource'; resourceNo: string }
  | { kind: 'signedIn'; resourceNo: string; withoutPinCode: boolean }
  | { kind: 'mustChange' }
  | { kind: 'wrongPinCode'; remainingAttempts?: number }
  /** The card asks for a PIN code since the form was shown without a PIN field. */
  | { kind: 'typePinCode' }
  /** The card asks for a PIN code and the user holds none: what the host would answer with PinCode_NotSet. */
  | { kind: 'pinCodeNotSet'; resourceNo: string }
  | { kind: 'refused'; resourceNo: string; error: unknown };

/** A role switch that did not happen, and why. */
interface SwitchFailure {
  to: string;
  error: unknown;
}

/** The fault panel's styles, in the page and in the window of its own. */
const faultPanelStyles = css`
  .faults {
    display: grid;
    gap: 0.5rem;
  }
  .faults label {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .faults h2 {
    margin: 0 0 0.75rem;
    font-size: 1.125rem;
  }
  .faults p {
    margin: 0;
  }
  .faults button {
    font: inherit;
    min-height: 2.5rem;
  }
  [role='status'] {
    min-height: 1.5rem;
  }
`;
/** The name of the fault panel's window: opening it again finds the same window. */
const FAULT_WINDOW = 'mobile-flow-pin-demo-faults';

@customElement('demo-shell')
export class DemoShell extends LitElement {
  static override styles = css`
    ${faultPanelStyles}
    :host {
      display: block;
      min-height: 100vh;
      font:
        16px/1.5 system-ui,
        sans-serif;
      color: #1b1b1b;
      background: #f5f6f8;
      /* A long word (a reason the browser gave, a Danish compound) breaks rather than widen a phone's page. */
      overflow-wrap: break-word;
    }
    h1 {
      margin: 0;
      font-size: 1.25rem;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      background: #1f3a5f;
      color: #fff;
      padding: 0.5rem 1.5rem;
    }
    header label {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      max-width: 100%;
    }
    select,
    input,
    button {
      font: inherit;
      min-height: 2.5rem;
    }
    /* A select is as wide as its longest option ("Alex Administrator (ADMIN)"): on a phone it takes the line. */
    select,
    input {
      min-width: 0;
      max-width: 100%;
    }
    nav {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.25rem;
      padding: 0 1.5rem;
      background: #fff;
      border-bottom: 1px solid #d5d8dc;
    }
    nav a {
      padding: 0.75rem 1rem;
      color: #1f3a5f;
      text-decoration: none;
      border-bottom: 3px solid transparent;
    }
    nav a[aria-current='page'] {
      border-bottom-color: #1f5fa8;
      font-weight: 600;
    }
    /*
     * The screen the main content is shown on: the whole window, or a frame of a phone's or a tablet's width, centred,
     * its edges drawn outside it. A container, so that main's spacing follows the screen's width as the elements do.
     */
    .screen {
      container: screen / inline-size;
      margin-inline: auto;
    }
    .screen.framed {
      max-width: var(--screen-width);
      outline: 1px dashed #8a9099;
    }
    main {
      padding: 1.5rem;
      display: grid;
      gap: 1.5rem;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      align-items: start;
    }
    main.wide {
      display: block;
    }
    section {
      background: #fff;
      border: 1px solid #d5d8dc;
      border-radius: 0.375rem;
      padding: 1rem 1.25rem;
    }
    @container screen (max-width: 30rem) {
      main {
        padding: 0.75rem;
        gap: 0.75rem;
      }
      section {
        padding: 0.75rem;
      }
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.125rem;
    }
    dl {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 0.25rem 1rem;
      margin: 0;
    }
    dt {
      color: #5a5f66;
    }
    dd {
      margin: 0;
    }
    form {
      display: grid;
      gap: 0.5rem;
    }
    form label {
      display: grid;
      gap: 0.25rem;
      font-weight: 600;
    }
    .switch-message {
      flex-basis: 100%;
      margin: 0;
      padding: 0.5rem 0.75rem;
      border-radius: 0.25rem;
      background: #e8f0fb;
      color: #1b1b1b;
    }
    .switch-message.failure {
      background: #fde7e9;
    }
    .banner {
      margin: 0;
      padding: 0.5rem 1.5rem;
      background: #fff4ce;
      border-bottom: 1px solid #e0c46c;
    }
    /* A phone's window: the page's bars keep their width for what they say. */
    @media (max-width: 40rem) {
      header,
      nav,
      .banner {
        padding-inline: 0.75rem;
      }
      nav a {
        padding-inline: 0.5rem;
      }
    }
  `;

  /** The mock host; main.ts starts it before this element renders. */
  host!: DemoHost;
  /** Why the mock host's service worker could not be updated, when it could not (main.ts catches it). */
  @property({ attribute: false }) workerNotUpdated?: string;

  @state() private session?: Session;
  @state() private users: UserSetup[] = [];
  @state() private page: Page = pageOf(location.hash);
  /** The screen the main content is shown on, as chosen last time. */
  @state() private screen: Screen = storedScreen();
  /** The signed-in user's Resource card. */
  @state() private resource?: Resource;
  /** The Resource No. typed in the device panel. */
  @state() private deviceResourceNo = '';
  @state() private deviceAnswer?: DeviceAnswer;
  @state() private slowNetwork = false;
  @state() private offline = false;
  @state() private failNextChange = false;
  @state() private switchFailure?: SwitchFailure;
  /** The user a role switch is loading, while it does (a slow network takes seconds). */
  @state() private switchingTo?: string;
  @state() private startFailure?: unknown;
  /** The browser did not open the fault panel's window. */
  @state() private faultWindowBlocked = false;

  @query('select[data-user]') private userSwitcher?: HTMLSelectElement;

  private provider = new ContextProvider(this, { context: mobileFlowClientContext });
  /** Clients that act as one user each (bearer identities of the mock host), by user id. */
  readonly #clients = new Map<string, Promise<MobileFlowClient>>();
  /** Counts role switches, so that only the last one chosen takes the page. */
  #switches = 0;
  /** The fault panel's window of its own, once opened. */
  #faultWindow?: Window;

  constructor() {
    super();
    // The page's words and the Resource card panel's dates follow the elements' language.
    localized(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.provider.setValue(this.host.client);
    addEventListener('hashchange', () => (this.page = pageOf(location.hash)));
    // The window's controls act on this page's host: they go with it.
    addEventListener('pagehide', () => this.#faultWindow?.close());
    void this.start(localStorage.getItem(USER_KEY) ?? 'ADMIN');
  }

  protected override updated(): void {
    document.title = words().title;
    this.renderFaultWindow();
  }

  /** A client that acts as `userId`, whoever the page's session belongs to. */
  private clientOf(userId: string): Promise<MobileFlowClient> {
    let client = this.#clients.get(userId);
    if (!client) {
      client = this.host.clientFor(userId);
      client.catch(() => this.#clients.delete(userId));
      this.#clients.set(userId, client);
    }
    return client;
  }

  /**
   * Reads the users for the role switcher as the administrator, through a client of their own: the page's session
   * never belongs to anyone but the user it shows, so no element can load someone else's data.
   */
  private async start(userId: string): Promise<void> {
    try {
      this.users = (await (await this.clientOf('ADMIN')).listUserSetups({ top: 1000 })).value;
    } catch (error) {
      this.startFailure = error;
      return;
    }
    await this.switchTo(this.users.some((user) => user.userId === userId) ? userId : 'ADMIN');
  }

  /**
   * Switches the page to `userId`, all or nothing: their session and Resource card are loaded first, as them, and only
   * then does the host's session become theirs. A switch that fails (offline) leaves everything with the current user
   * and says so.
   */
  private async switchTo(userId: string): Promise<void> {
    const attempt = ++this.#switches;
    if (userId === this.session?.userId) {
      this.switchFailure = undefined;
      return;
    }
    this.switchingTo = userId;
    try {
      const client = await this.clientOf(userId);
      const session = await client.getSession();
      const resource = session.resourceId ? await client.getResource(session.resourceId) : undefined;
      if (attempt !== this.#switches) return;
      await this.host.signIn(userId);
      localStorage.setItem(USER_KEY, userId);
      this.session = session;
      this.resource = resource;
      this.deviceResourceNo = session.resourceNo ?? '';
      this.deviceAnswer = undefined;
      this.switchFailure = undefined;
    } catch (error) {
      if (attempt !== this.#switches) return;
      this.switchFailure = { to: userId, error };
      // The options' `selected` did not change, so Lit leaves the switcher on the user that was chosen: set it back.
      if (this.userSwitcher) this.userSwitcher.value = this.session?.userId ?? '';
    } finally {
      if (attempt === this.#switches) this.switchingTo = undefined;
    }
  }

  /** Reads the session and the Resource card again, so that a lock or a change shows at once. */
  private async reloadSessionAndCard(): Promise<void> {
    const userId = this.session?.userId;
    try {
      const session = await this.host.client.getSession();
      const resource = session.resourceId ? await this.host.client.getResource(session.resourceId) : undefined;
      // A role switch that ended meanwhile owns the page.
      if (session.userId !== userId || this.session?.userId !== userId) return;
      this.session = session;
      this.resource = resource;
    } catch {
      // Offline or failing: the page keeps what it showed, and the device panel said why.
    }
  }

  private async checkOnDevice(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const resourceNo = this.deviceResourceNo.trim().toUpperCase();
    const pinCodeInput = form.elements.namedItem('pinCode') as HTMLInputElement | null;
    const pinCode = pinCodeInput?.value ?? '';
    if (pinCodeInput) pinCodeInput.value = '';
    const resourceId = this.users.find((user) => user.resourceNo === resourceNo)?.resourceId;
    if (!resourceId) {
      this.deviceAnswer = { kind: 'noSuchResource', resourceNo };
      return;
    }
    try {
      this.deviceAnswer = await this.deviceCheck(resourceId, resourceNo, pinCodeInput ? pinCode : undefined);
    } catch (error) {
      this.deviceAnswer = { kind: 'refused', resourceNo, error };
    }
    // A check may have locked the user or counted a wrong code: the status line and the Resource card show it now.
    await this.reloadSessionAndCard();
  }

  /**
   * What a device does, as the demo's device (an identity of its own, as a real handheld is): reads the Resource card,
   * signs in without a PIN code when the card asks for none, and otherwise checks the PIN code typed. A device sees
   * only what signing in needs of the card, so a user without a usable code is found by the check itself.
   */
  private async deviceCheck(resourceId: string, resourceNo: string, pinCode?: string): Promise<DeviceAnswer> {
    const device = this.host.deviceClient;
    const card = await device.getResource(resourceId);
    if (!card.pinCodeRequired) return { kind: 'signedIn', resourceNo, withoutPinCode: true };
    if (pinCode === undefined) {
      // The panel shows no PIN field for the signed-in user's own card when it holds no code (the page read that card
      // as the user); the device itself would learn it from the check.
      const own = this.resource?.id === resourceId ? this.resource : undefined;
      return own?.pinCodeStatus === 'notSet' ? { kind: 'pinCodeNotSet', resourceNo } : { kind: 'typePinCode' };
    }
    const answer = await device.verifyPinCode(resourceId, { pinCode });
    if (!answer.valid) return { kind: 'wrongPinCode', remainingAttempts: answer.remainingAttempts };
    return answer.mustChange ? { kind: 'mustChange' } : { kind: 'signedIn', resourceNo, withoutPinCode: false };
  }

  /** As a host would: the page's `lang` says the user's language, and the elements and this page follow it. */
  private setLanguage(tag: string): void {
    document.documentElement.lang = tag;
    localStorage.setItem(LANGUAGE_KEY, tag);
  }

  /** Shows the main content on `screen`, and keeps the choice for the next visit, as the language is kept. */
  private setScreen(screen: Screen): void {
    this.screen = screen;
    localStorage.setItem(SCREEN_KEY, screen);
  }

  private setSlow(on: boolean): void {
    this.slowNetwork = on;
    this.host.network.latencyMs = on ? 1500 : 0;
  }

  private setOffline(on: boolean): void {
    this.offline = on;
    this.host.network.offline = on;
  }

  /**
   * Opens the fault panel in a window of its own. A modal dialog (`showModal()`) makes everything else in its document
   * inert, the top layer included, so no control in this page can be reached while one is open; another window's can.
   */
  private openFaultWindow(): void {
    const opened = open('', FAULT_WINDOW, 'popup,width=420,height=480');
    this.faultWindowBlocked = !opened;
    if (!opened) return;
    this.#faultWindow = opened;
    const style = opened.document.createElement('style');
    style.textContent = `body { margin: 1rem; font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; } ${faultPanelStyles.cssText}`;
    opened.document.head.replaceChildren(style);
    this.renderFaultWindow();
    opened.focus();
  }

  /** The fault panel's window, drawn again with the page: both show the same switches. */
  private renderFaultWindow(): void {
    const faultWindow = this.#faultWindow;
    if (faultWindow?.closed) this.#faultWindow = undefined;
    if (!faultWindow || faultWindow.closed) return;
    const w = words();
    faultWindow.document.documentElement.lang = document.documentElement.lang;
    faultWindow.document.title = `${w.faults} — ${w.title}`;
    render(html`<main class="faults">${this.renderFaults()}</main>`, faultWindow.document.body, {
      host: this,
      creationScope: faultWindow.document,
    });
  }

  private async resetData(): Promise<void> {
    localStorage.removeItem(USER_KEY);
    await this.host.stop({ deleteData: true });
    location.reload();
  }

  private userName(userId: string): string {
    const user = this.users.find((candidate) => candidate.userId === userId);
    return user ? `${user.displayName} (${user.userId})` : userId;
  }

  private reasonWords(error: unknown): string {
    const w = words();
    if (!(error instanceof MobileFlowError)) return w.somethingFailed;
    if (error.code === 'Client_NetworkFailure') return w.networkOffline;
    if (error.code === 'Client_Timeout') return w.timedOut;
    return w.hostAnswered(error.code);
  }

  private deviceAnswerWords(answer: DeviceAnswer): string {
    const w = words();
    switch (answer.kind) {
      case 'noSuchResource':
        return w.noSuchResource(answer.resourceNo);
      case 'signedIn':
        return answer.withoutPinCode ? w.signedInWithoutPinCode(answer.resourceNo) : w.signedIn(answer.resourceNo);
      case 'mustChange':
        return w.mustChange;
      case 'wrongPinCode':
        return w.wrongPinCode(answer.remainingAttempts);
      case 'typePinCode':
        return w.typePinCode;
      case 'pinCodeNotSet':
        return w.pinCodeNotSet(answer.resourceNo);
      case 'refused': {
        const { error, resourceNo } = answer;
        if (!(error instanceof MobileFlowError)) return errorWords(error);
        switch (error.code) {
          case 'PinCode_NotSet':
            return w.pinCodeNotSet(resourceNo);
          case 'PinCode_Locked':
            return error.lockedUntil ? w.deviceLocked(formatDateTime(error.lockedUntil)) : errorWords(error);
          case 'PinCode_TemporaryExpired':
            return w.pinCodeTemporaryExpired;
          case 'PinCode_NotAllowed':
            return w.pinCodesNotAllowed(resourceNo);
          case 'Request_TooManyRequests':
            return w.deviceHeldBack(Math.ceil((error.retryAfter ?? 60) / 60));
          default:
            return errorWords(error);
        }
      }
    }
  }

  /** How the signed-in user signs in on a device now, in the user's own terms. */
  private deviceSignInWords(signIn: DeviceSignIn): string {
    const w = words();
    switch (signIn.kind) {
      case 'noResource':
        return w.noResourceCard;
      case 'withoutPinCode':
        return w.signsInWithoutPinCode;
      case 'withPinCode':
        return w.signsInWithPinCode;
      case 'temporary':
        return w.signsInWithTemporary(signIn.until && formatDateTime(signIn.until));
      case 'needsPinCode':
        return w.needsPinCode;
      case 'temporaryExpired':
        return w.temporaryExpired;
      case 'locked':
        return w.lockedUntil(formatDateTime(signIn.until));
    }
  }

  /** The mock host words its fallback as one sentence; the browser's reason inside it is data and stays as it is. */
  private fallbackWords(): string {
    const sentence = this.host.fallbackReason ?? '';
    const reason = /\((.*)\)/s.exec(sentence)?.[1];
    return reason === undefined ? sentence : words().fallback(reason);
  }

  protected override render() {
    const w = words();
    const session = this.session;
    // The Business Central page shows its add-ins on the screen chosen, and its bridge log beside them.
    const screenWidth = this.page === 'bc' ? undefined : SCREENS[this.screen].width;
    return html`
      <header>
        <h1>Mobile Flow</h1>
        <label>
          ${w.signedInAs}
          <select
            data-user
            aria-label=${w.signInAs}
            @change=${(event: Event) => this.switchTo((event.target as HTMLSelectElement).value)}
          >
            ${this.users.map((user) => html`<option value=${user.userId} ?selected=${user.userId === session?.userId}>${user.displayName} (${user.userId})</option>`)}
          </select>
        </label>
        <label>
          ${w.language}
          <select
            data-language
            @change=${(event: Event) => this.setLanguage((event.target as HTMLSelectElement).value)}
          >
            ${[
              ['en', 'en', 'English'],
              ['da-DK', 'da', 'Dansk'],
            ].map(
              ([tag, language, name]) =>
                html`<option value=${tag} lang=${language} ?selected=${document.documentElement.lang === tag}>
                  ${name}
                </option>`,
            )}
          </select>
        </label>
        <label>
          ${w.screen}
          <select
            data-screen
            @change=${(event: Event) => this.setScreen((event.target as HTMLSelectElement).value as Screen)}
          >
            ${(
              [
                ['phone', w.phoneScreen(SCREENS.phone.width)],
                ['tablet', w.tabletScreen(SCREENS.tablet.width)],
                ['desktop', w.desktopScreen],
              ] as const
            ).map(
              ([screen, name]) => html`<option value=${screen} ?selected=${this.screen === screen}>${name}</option>`,
            )}
          </select>
        </label>
        <span data-signed-in=${session?.userId ?? ''}
          >${session ? `${session.displayName}${session.canManageUserSetup ? ` · ${w.administrator}` : ''}` : ''}</span
        >
        ${
          this.switchingTo
            ? html`<p class="switch-message" role="status">${w.switchingTo(this.userName(this.switchingTo))}</p>`
            : this.switchFailure
              ? html`<p class="switch-message failure" role="alert" data-switch-failure>
                  ${w.switchFailed(
                    this.userName(this.switchFailure.to),
                    this.reasonWords(this.switchFailure.error),
                    session ? this.userName(session.userId) : '',
                  )}
                </p>`
              : this.startFailure
                ? html`<p class="switch-message failure" role="alert">
                    ${w.couldNotStart(this.reasonWords(this.startFailure))}
                  </p>`
                : nothing
        }
      </header>
      ${this.host.serverHost ? html`<p class="banner" data-server-host>${w.onServerHost(this.host.serverHost)}</p>` : nothing}
      ${this.host.transport === 'direct' ? html`<p class="banner" role="status">${this.fallbackWords()}</p>` : nothing}
      ${this.workerNotUpdated ? html`<p class="banner" role="status" data-worker-not-updated>${w.workerNotUpdated(this.workerNotUpdated)}</p>` : nothing}
      <nav aria-label=${w.pages}>
        <a href="#overview" aria-current=${this.page === 'overview' ? 'page' : 'false'}>${w.overview}</a>
        <a href="#setup" aria-current=${this.page === 'setup' ? 'page' : 'false'}>${w.userSetup}</a>
        <a href="#bc" aria-current=${this.page === 'bc' ? 'page' : 'false'}>${w.businessCentral}</a>
      </nav>
      <div
        class=${screenWidth ? 'screen framed' : 'screen'}
        style=${screenWidth ? `--screen-width: ${screenWidth}px` : nothing}
      >
        ${
          this.page === 'bc'
            ? // The add-ins act as the session's user, as AL does for the web client's; another user gets new add-ins.
              // The screen chosen is that of the Business Central client they are shown in, beside the bridge log.
              html`<main class="wide">
                ${session ? html`<demo-business-central .host=${this.host} .userId=${session.userId} .screen=${this.screen}></demo-business-central>` : nothing}
              </main>`
            : this.page === 'setup'
              ? html`<main class="wide">${this.renderSetup()}</main>`
              : this.renderOverview()
        }
      </div>
    `;
  }

  /**
   * The Mobile Flow User Setup, for an administrator. As a host's page would, it is not shown to anyone else: the table
   * would only be refused by the host (a 403 the browser reports as an error).
   */
  private renderSetup() {
    const session = this.session;
    if (!session) return nothing;
    if (!session.canManageUserSetup)
      return html`<p data-setup-refused>${words().setupForAdministrators(this.userName(session.userId))}</p>`;
    // keyed: the elements load the session user once, so a new user gets new elements.
    return keyed(session.userId, html`<mf-user-setup-table></mf-user-setup-table>`);
  }

  private renderOverview() {
    const w = words();
    const session = this.session;
    const resource = this.resource;
    return html`<main>
      <section aria-labelledby="pin-heading">
        <h2 id="pin-heading">${w.changePinCode}</h2>
        ${
          session
            ? // keyed: the dialog loads the session when it connects and when it opens, so a new user, or a lock
              // that a device check caused, gets a new element that shows it.
              keyed(
                `${session.userId} ${session.lockedUntil ?? ''}`,
                html`<mf-change-pin-dialog
                  @mf-pin-code-changed=${() => this.reloadSessionAndCard()}
                ></mf-change-pin-dialog>`,
              )
            : nothing
        }
        ${
          // The element says that PIN codes are not used for this account; the page knows why.
          session && !session.resourceNo
            ? html`<p data-no-resource-note>${w.noPinCodesWithoutResource(session.canManageUserSetup)}</p>`
            : nothing
        }
      </section>
      <section aria-labelledby="resource-heading" data-panel="resource">
        <h2 id="resource-heading">${w.resourceCard}</h2>
        ${
          resource && session
            ? html`<dl>
                <dt>${w.number}</dt>
                <dd>${resource.number}</dd>
                <dt>${w.name}</dt>
                <dd>${resource.name}</dd>
                <dt>${w.pinCode}</dt>
                <dd data-field="pinCodeStatus">
                  ${
                    // The user's own card shows its PIN code fields (only a device's view leaves them out).
                    resource.pinCodeStatus
                      ? pinCodeStatusWords({
                          pinCodeStatus: resource.pinCodeStatus,
                          pinCodeChangedAt: resource.pinCodeChangedAt ?? null,
                          pinCodeChangedBy: resource.pinCodeChangedBy ?? null,
                          temporaryPinCodeExpiresAt: session.temporaryPinCodeExpiresAt,
                        })
                      : ''
                  }
                </dd>
                <dt>${w.lastChange}</dt>
                <dd>${resource.pinCodeChangedAt ? formatDateTime(resource.pinCodeChangedAt) : w.never}</dd>
                <dt>${w.deviceSignIn}</dt>
                <dd data-field="deviceSignIn">${this.deviceSignInWords(deviceSignIn(session, new Date()))}</dd>
              </dl>`
            : html`<p>${w.noResourceCard}</p>`
        }
      </section>
      ${this.renderDevice()}
      <section aria-labelledby="faults-heading" class="faults">
        ${this.renderFaults()}
        <p>${w.faultsWindowNote}</p>
        <button type="button" data-fault-window @click=${this.openFaultWindow}>${w.faultsInAWindow}</button>
        ${this.faultWindowBlocked ? html`<p role="alert">${w.faultsWindowBlocked}</p>` : nothing}
      </section>
    </main>`;
  }

  /**
   * The fault panel's heading and switches, in the page and in its window of its own. On the server host there is no
   * reset: its data is the server's.
   */
  private renderFaults() {
    const w = words();
    return html`<h2 id="faults-heading">${w.faults}</h2>
      <label
        ><input
          type="checkbox"
          .checked=${this.slowNetwork}
          @change=${(event: Event) => this.setSlow((event.target as HTMLInputElement).checked)}
        />
        ${w.slowNetwork}</label
      >
      <label
        ><input
          type="checkbox"
          data-fault="offline"
          .checked=${this.offline}
          @change=${(event: Event) => this.setOffline((event.target as HTMLInputElement).checked)}
        />
        ${w.offline}</label
      >
      <button
        type="button"
        @click=${() => {
          this.host.faults.failNextAction = true;
          this.failNextChange = true;
        }}
      >
        ${w.failNextChange}
      </button>
      ${this.host.serverHost ? nothing : html`<button type="button" data-reset @click=${this.resetData}>${w.resetData}</button>`}
      <p role="status">${this.failNextChange ? w.nextChangeFails : ''}</p>`;
  }

  /**
   * The simulated handheld. For the signed-in user's own resource it follows their Resource card: no PIN field when
   * the card asks for none, and the reason when it asks for one the user does not hold. For any other resource it asks
   * for the PIN code (see deviceCheck).
   */
  private renderDevice() {
    const w = words();
    const own =
      this.session?.resourceNo && this.deviceResourceNo.trim().toUpperCase() === this.session.resourceNo
        ? this.resource
        : undefined;
    const withoutPinCode = own !== undefined && !own.pinCodeRequired;
    const pinCodeNotSet = own?.pinCodeRequired && own.pinCodeStatus === 'notSet' ? own.number : undefined;
    return html`<section aria-labelledby="device-heading" data-panel="device">
      <h2 id="device-heading">${w.mobileDevice}</h2>
      <form @submit=${this.checkOnDevice}>
        <label
          >${w.resourceNo}
          <input
            name="resourceNo"
            autocomplete="off"
            .value=${live(this.deviceResourceNo)}
            @input=${(event: Event) => (this.deviceResourceNo = (event.target as HTMLInputElement).value)}
        /></label>
        ${
          withoutPinCode
            ? html`<p data-device-note>${w.withoutPinCodeNote}</p>`
            : pinCodeNotSet
              ? html`<p data-device-note>${w.pinCodeNotSet(pinCodeNotSet)}</p>`
              : html`<label
                  >${w.pinCode} <input name="pinCode" type="password" inputmode="numeric" autocomplete="off"
                /></label>`
        }
        <button type="submit">${withoutPinCode ? w.signInWithoutPinCode : w.signInOnDevice}</button>
      </form>
      <p role="status" data-device-answer>${this.deviceAnswer ? this.deviceAnswerWords(this.deviceAnswer) : ''}</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'demo-shell': DemoShell;
  }
}
