import type { ControlAddInNav, ControlAddInRequest } from '../../src/api/control-add-in-fetch.js';

export interface SimulatedAlOptions {
  /** Serves one request as AL would (through the codeunit behind the API pages): the contract's answer. */
  serve(request: Request): Promise<Response>;
  /** The contract's base URL AL serves. */
  baseUrl: string;
  /** How long AL takes to answer this request; random delays answer out of order. Default 0–15 ms. */
  delayMs?(request: ControlAddInRequest): number;
  /** Requests AL never answers. */
  drops?(request: ControlAddInRequest): boolean;
}

/**
 * A simulated `Microsoft.Dynamics.NAV` for one add-in: `InvokeExtensibilityMethod` is asynchronous and void, the
 * client can be busy, and AL answers later through the add-in procedure that `answerTo` names.
 */
export function simulatedAl(options: SimulatedAlOptions) {
  const environment: { Busy: boolean; OnBusyChanged: ((busy: boolean) => void) | null } = {
    Busy: false,
    OnBusyChanged: null,
  };
  const seen: ControlAddInRequest[] = [];
  let answer: (responseJson: string) => void = () => {
    throw new Error('No MobileFlowResponse procedure to answer to.');
  };
  const nav: ControlAddInNav = {
    InvokeExtensibilityMethod(name, args) {
      if (name !== 'MobileFlowRequest') throw new Error(`The add-in declares no event ${name}.`);
      if (environment.Busy) throw new Error('Busy control add-in detected: a call while the client is busy.');
      const request = JSON.parse(String(args[0])) as ControlAddInRequest;
      seen.push(request);
      if (options.drops?.(request)) return;
      const delay = options.delayMs?.(request) ?? Math.random() * 15;
      setTimeout(async () => {
        const url = `${options.baseUrl}/${request.path}${request.query ? `?${request.query}` : ''}`;
        const response = await options.serve(
          new Request(new URL(url, location.href), {
            method: request.method,
            headers: { ...request.headers, ...(request.body !== null && { 'Content-Type': 'application/json' }) },
            body: request.body,
          }),
        );
        answer(JSON.stringify({ id: request.id, status: response.status, body: await response.text() }));
      }, delay);
    },
    GetEnvironment: () => environment,
  };
  return {
    nav,
    /** Every request the add-in sent, in order. */
    seen,
    /** Where AL's answers go: the add-in's `MobileFlowResponse`. */
    answerTo(procedure: (responseJson: string) => void) {
      answer = procedure;
    },
    /** The web client turns busy or idle, and tells the add-in. */
    setBusy(busy: boolean) {
      environment.Busy = busy;
      environment.OnBusyChanged?.(busy);
    },
  };
}
