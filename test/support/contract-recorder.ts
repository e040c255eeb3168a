import { ERROR_HTTP_STATUS, type ErrorCode, type OperationId } from '../../src/domain/index.js';
import { contractProblem } from '../../src/host/contract-validation.js';
import { matchRoute } from '../../src/host/routes.js';

/**
 * Wraps a fetch so every answer from the host is checked against the contract: the body fits the documented schema,
 * an error's code is one the operation documents, with the documented status. It records what was seen, so a suite
 * can prove it exercised every operation and every error code.
 */
export class ContractRecorder {
  readonly problems: string[] = [];
  readonly succeeded = new Set<OperationId>();
  readonly errorCodes = new Set<ErrorCode>();

  constructor(private readonly basePath: string) {}

  wrap(fetchImpl: typeof fetch): typeof fetch {
    return async (input, init) => {
      const response = await fetchImpl(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      this.check(method, url.pathname.slice(this.basePath.length), response.status, await response.clone().text());
      return response;
    };
  }

  private check(method: string, path: string, status: number, text: string): void {
    const operation = matchRoute(method, path.replace(/^\//, '')).route?.operation;
    const where = `${method} ${path} → ${status}`;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      this.problems.push(`${where}: the body is not JSON`);
      return;
    }
    if (status === 200) {
      if (!operation) return void this.problems.push(`${where}: a success from no documented operation`);
      const problem = contractProblem(operation.successSchema, body);
      if (problem) this.problems.push(`${where}: ${problem}`);
      this.succeeded.add(operation.operationId);
      return;
    }
    const problem = contractProblem('ErrorResponse', body);
    if (problem) return void this.problems.push(`${where}: not an ErrorResponse: ${problem}`);
    const code = (body as { error: { code: ErrorCode } }).error.code;
    this.errorCodes.add(code);
    if (ERROR_HTTP_STATUS[code] !== status)
      this.problems.push(`${where}: ${code} goes with ${ERROR_HTTP_STATUS[code]}`);
    if (operation && !(operation.errorCodes as readonly string[]).includes(code))
      this.problems.push(`${where}: ${code} is not documented for ${operation.operationId}`);
  }
}
