import { createMobileFlowClient, type MobileFlowClient } from '../api/client.js';

/** One client per base URL for elements without a context provider: a client keeps no state between calls. */
const clientsByBaseUrl = new Map<string, MobileFlowClient>();

/** The client an element uses: the one provided through `mobileFlowClientContext`, else one for its `base-url`. */
export function elementClient(provided: MobileFlowClient | undefined, baseUrl: string): MobileFlowClient | undefined {
  if (provided || !baseUrl) return provided;
  if (!clientsByBaseUrl.has(baseUrl)) clientsByBaseUrl.set(baseUrl, createMobileFlowClient({ baseUrl }));
  return clientsByBaseUrl.get(baseUrl);
}
