import { contractSuite } from './support/contract-suite.js';

describe('the host contract, through MSW (a service worker serves real fetch calls)', () => {
  contractSuite('msw');
});
