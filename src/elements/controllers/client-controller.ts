import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MobileFlowClient } from '../../api/client.js';
import { mobileFlowClientContext } from '../../api/context.js';
import { elementClient } from '../element-client.js';

/** An element that takes its client from `mobileFlowClientContext`, or else from its `base-url`. */
export type ClientHost = ReactiveControllerHost & HTMLElement & { baseUrl: string };

/**
 * @internal The client an element talks to the host with: the one a `mobileFlowClientContext` provider above it hands down
 * (followed when the provider changes it), else one for the element's `base-url`, else none.
 *
 * A provider made after the element (a page's module script runs after its HTML was parsed) is still found: until one
 * answers, the element asks again before each update (its first comes after the script that made the provider) and
 * whenever a provider announces itself (`context-provider`: a Lit element that provides, or `provider.hostConnected()`).
 */
export class ClientController implements ReactiveController {
  readonly #provided: ContextConsumer<typeof mobileFlowClientContext, ClientHost>;

  constructor(private readonly host: ClientHost) {
    // The consumer is a controller of the host itself: it asks again on every connect and renders the host on a change.
    this.#provided = new ContextConsumer(host, { context: mobileFlowClientContext, subscribe: true });
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('context-provider', this);
  }

  hostDisconnected(): void {
    document.removeEventListener('context-provider', this);
  }

  /** Asks again, while no provider has answered: before each update, and when a provider announces itself. */
  hostUpdate(): void {
    if (!this.#provided.value) this.#provided.hostConnected();
  }

  handleEvent(): void {
    this.hostUpdate();
  }

  /** The client now; undefined while the element has neither a provider nor a `base-url`. */
  get value(): MobileFlowClient | undefined {
    return elementClient(this.#provided.value, this.host.baseUrl);
  }
}
