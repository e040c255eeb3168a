import { ContextProvider } from '@lit/context';
import { html, LitElement } from 'lit';
import { mobileFlowClientContext, type MobileFlowClient } from '../../src/api/index.js';

/** A host page's provider of the client, as an integrator would write it. */
export class TestClientProvider extends LitElement {
  private readonly provider = new ContextProvider(this, { context: mobileFlowClientContext });

  set client(client: MobileFlowClient) {
    this.provider.setValue(client);
  }

  override render() {
    return html`<slot></slot>`;
  }
}
if (!customElements.get('test-client-provider')) customElements.define('test-client-provider', TestClientProvider);
