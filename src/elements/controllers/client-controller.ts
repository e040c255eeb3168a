import { ContextConsumer } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { MobileFlowClient } from '../../api/client.js';
import { mobileFlowClientContext } from '../../api/context.js';
import { elementClient } from '../element-client.js';

/** An element that takes its client from `mobileFlowClientContext`, or else from its `base-url`. */
export type ClientHost = ReactiveControllerHost & HTMLElement & { baseUrl: string };

/**
 * @internal The client an element talks to the host with: the one a `mobileFlowClientContext` provider above it hands down
 * (followed when the provider changes it), else one for the element's `base-url`, else none.
 */
export class ClientController {
  readonly #provided: ContextConsumer<typeof mobileFlowClientContext, ClientHost>;

  constructor(private readonly host: ClientHost) {
    // The consumer is a controller of the host itself: it asks again on every connect and renders the host on a change.
    this.#provided = new ContextConsumer(host, { context: mobileFlowClientContext, subscribe: true });
  }

  /** The client now; undefined while the element has neither a provider nor a `base-url`. */
  get value(): MobileFlowClient | undefined {
    return elementClient(this.#provided.value, this.host.baseUrl);
  }
}
