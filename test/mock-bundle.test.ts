// The mock host as the package ships it (dist/mock, built by `npm test` before the browser tests) beside the shipped
// elements: nothing here imports the source, so the hashing worker and MSW's side load from the built files.
import { expect } from '@open-wc/testing';

type Mock = typeof import('../src/mock/index.js');
type Bundle = typeof import('../src/index.js');
const MOCK = new URL('../dist/mock/index.js', import.meta.url).href;
const BUNDLE = new URL('../dist/lib/mobile-flow-pin.js', import.meta.url).href;

describe('the shipped mock host', () => {
  it('serves real fetch calls through MSW, hashes in its worker, and its client fails with the elements’ own errors', async () => {
    const { startMockHost }: Mock = await import(/* @vite-ignore */ MOCK);
    const { MobileFlowError }: Bundle = await import(/* @vite-ignore */ BUNDLE);
    const host = await startMockHost({ seed: 'empty', dbName: `shipped-${crypto.randomUUID()}` });
    try {
      expect(host.transport, host.fallbackReason).to.equal('msw');
      await host.addUser({ userId: 'ADMIN', displayName: 'Alex Administrator', administrator: true });
      const tester = await host.addUser({ userId: 'TESTER', displayName: 'Tess Tester', resourceNo: 'R9000' });
      await host.signIn('ADMIN');
      const { pinCode } = await host.client.issueTemporaryPinCode(tester.id);

      await host.signIn('TESTER');
      const wrong = await host.client
        .changePinCode({ currentPinCode: pinCode === '00000000' ? '11111111' : '00000000', newPinCode: '739204' })
        .catch((error: unknown) => error);
      // The elements tell a host's refusal by `instanceof`: a client of the mock must fail with their class.
      expect(wrong).to.be.instanceOf(MobileFlowError);
      expect((wrong as InstanceType<typeof MobileFlowError>).code).to.equal('PinCode_CurrentInvalid');
      await host.client.changePinCode({ currentPinCode: pinCode, newPinCode: '739204' });

      const session = await (await fetch(`${host.baseUrl}/session`)).json();
      expect([session.userId, session.pinCodeStatus]).to.deep.equal(['TESTER', 'set']);
    } finally {
      await host.stop({ deleteData: true });
    }
  });
});
