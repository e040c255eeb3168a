// The log of the add-in bridge on the demo's Business Central page: what crossed between the add-ins and AL, with every
// PIN code masked before it is kept, so the page never holds one it did not have to.
import type { BridgeCall } from '../test/support/simulated-al.js';

export type AddInName = 'ChangePinCode' | 'UserSetup';

/** One call across the bridge. */
export interface BridgeLogEntry {
  at: Date;
  addIn: AddInName;
  /** `event`: the add-in raised an AL event; `procedure`: AL called one of the add-in's procedures; `idle`: the web
   * client stopped being busy while the add-in waited for it (`OnBusyChanged(false)`); `refused`: the web client
   * refused the add-in's call (`errorCallback`). */
  kind: 'event' | 'procedure' | 'idle' | 'refused';
  name: string;
  /** The bridge's request id, on MobileFlowRequest and its MobileFlowResponse. */
  id?: string;
  method?: string;
  /** The contract path relative to its base, with the query decoded. */
  path?: string;
  /** The status AL answered with. */
  status?: number;
  /** How long AL took to answer. */
  ms?: number;
  /** JSON with PIN codes masked: a request's or an answer's body, an event's detail, a procedure's argument. */
  detail?: string;
  /** There was a detail, but it was not JSON, so it is not shown (it could hold anything). */
  detailHidden?: boolean;
  /** The add-in raised the event while the web client was busy, and it waited for it. */
  waited?: boolean;
}

/** What a masked PIN code shows as. */
export const MASK = '••••••';

/**
 * The contract's fields that carry a PIN code: ChangePinCodeRequest's `currentPinCode` and `newPinCode`, the `pinCode`
 * of IssueTemporaryPinCodeRequest and VerifyPinCodeRequest, and of the TemporaryPinCode answer.
 */
const PIN_CODE_FIELDS = new Set(['currentPinCode', 'newPinCode', 'pinCode']);

/** `json` again with the value of every PIN code field masked, at any depth; `undefined` when it is not JSON. */
export function maskPinCodes(json: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  // An empty current PIN code (a user who has none yet) hides nothing, and says so.
  return JSON.stringify(value, (key, field) =>
    PIN_CODE_FIELDS.has(key) && field !== '' && field !== null && typeof field !== 'object' ? MASK : field,
  );
}

/** `detail` and `detailHidden` for a log entry, from the text that crossed the bridge. */
export function maskedDetail(text: string | null | undefined): Pick<BridgeLogEntry, 'detail' | 'detailHidden'> {
  if (text === null || text === undefined || text === '') return {};
  const detail = maskPinCodes(text);
  return detail === undefined ? { detailHidden: true } : { detail };
}

/** The log's entry for `call`, which crossed just now, with its PIN codes masked. */
export function logEntry({ request, text, ...call }: BridgeCall<AddInName>): BridgeLogEntry {
  return {
    at: new Date(),
    ...call,
    ...(request && {
      id: request.id,
      method: request.method,
      path: decodeURIComponent(request.path),
    }),
    ...maskedDetail(text),
  };
}
