import { expect, fixture, html } from '@open-wc/testing';
import { ContextConsumer, ContextProvider } from '@lit/context';
import { LitElement } from 'lit';
import { createMobileFlowClient, mobileFlowClientContext, type MobileFlowClient } from '../src/api/index.js';

class ClientHost extends LitElement {
  readonly provider = new ContextProvider(this, { context: mobileFlowClientContext });
  override render() {
    return html`<slot></slot>`;
  }
}
class ClientUser extends LitElement {
  readonly consumer = new ContextConsumer(this, { context: mobileFlowClientContext, subscribe: true });
}
customElements.define('test-client-host', ClientHost);
customElements.define('test-client-user', ClientUser);

describe('mobileFlowClientContext', () => {
  it('hands the host page its one client, down through the DOM, and follows a new one', async () => {
    const provider = await fixture<ClientHost>(
      html`<test-client-host
        ><div><test-client-user></test-client-user></div
      ></test-client-host>`,
    );
    const first: MobileFlowClient = createMobileFlowClient({ baseUrl: '/api/first' });
    provider.provider.setValue(first);
    const user = provider.querySelector<ClientUser>('test-client-user')!;
    expect(user.consumer.value).to.equal(first);
    const second = createMobileFlowClient({ baseUrl: '/api/second' });
    provider.provider.setValue(second);
    expect(user.consumer.value?.baseUrl).to.equal('/api/second');
  });

  it('gives nothing where no provider is above, so an element falls back to its base-url', async () => {
    const user = await fixture<ClientUser>(html`<test-client-user></test-client-user>`);
    expect(user.consumer.value).to.equal(undefined);
  });
});
