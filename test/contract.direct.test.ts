import { contractSuite } from './support/contract-suite.js';

describe('the host contract, through the direct transport (no service worker)', () => {
  contractSuite('direct');
});
