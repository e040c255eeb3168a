import { contractSuite } from './support/contract-suite.js';

describe('the host contract, through the Business Central add-in bridge (AL answers late and out of order)', () => {
  contractSuite('bridge');
});
