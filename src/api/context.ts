import { createContext } from '@lit/context';
import type { MobileFlowClient } from './client.js';

/**
 * The host page provides one MobileFlowClient through this context (`@lit/context`); an element without a provider
 * above it makes its own from its `base-url` attribute.
 */
export const mobileFlowClientContext = createContext<MobileFlowClient>(Symbol.for('mobile-flow-pin:client'));
