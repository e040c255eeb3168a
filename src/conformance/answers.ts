import { ERROR_HTTP_STATUS, type ErrorCode, type OperationId } from '../domain/index.js';
import { contractProblem } from '../host/contract-validation.js';
import { matchRoute } from '../host/routes.js';
import type { PromiseId } from './promises.js';

/** Something an answer showed that the contract forbids, seen while a check ran. */
export interface Finding {
  check: string;
  promise: PromiseId;
  message: string;
}

/** Field names no answer may carry: a PIN code's hash, salt or any other secret of it. */
const SECRET_FIELD = /hash|salt|secret/i;
/** A PIN code hash in an encoded form that names its scheme (argon2, hmac-sha256), wherever it hides in an answer. */
const ENCODED_HASH = /\$(?:argon2(?:id|i|d)|hmac-sha256)\$/;

/**
 * Every answer a conformance run gets goes through here. It checks the answer against the contract (the status and
 * body the operation documents, an error code the operation may give with its status) and looks for what no answer
 * may hold (promise 1): a PIN code the run has set, a hash, a field named like one. It also records which operations
 * answered with success and which error codes came, so a run can prove it reached all of them.
 */
export class AnswerLog {
  readonly succeeded = new Set<OperationId>();
  readonly errorCodes = new Set<ErrorCode>();
  /** Answers that were not as the contract documents them. */
  readonly problems: Finding[] = [];
  /** Answers that held a PIN code or a hash. */
  readonly leaks: Finding[] = [];
  answers = 0;
  /** The check now running, named in every finding. */
  check = 'preparing the run';
  /** PIN codes the run has set or been issued: none may appear in an answer (but a temporary code in its issue). */
  private readonly pinCodes = new Set<string>();

  constructor(private readonly basePath: string) {}

  /** `pinCode` must never be seen again in an answer. */
  keepSecret(pinCode: string): void {
    if (pinCode) this.pinCodes.add(pinCode);
  }

  inspect(method: string, url: URL, status: number, text: string): void {
    this.answers++;
    const path = url.pathname.startsWith(this.basePath) ? url.pathname.slice(this.basePath.length) : url.pathname;
    const operation = matchRoute(method, path.replace(/^\//, '')).route?.operation;
    const query = url.search.length > 120 ? `${url.search.slice(0, 120)}…` : url.search;
    const where = `${method} ${path}${query} → ${status}`;
    this.lookForSecrets(where, operation?.operationId, status, text);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return this.problem(`${where}: the body is not JSON`);
    }
    if (status >= 200 && status < 300) {
      if (!operation) return this.problem(`${where}: a success from no documented operation`);
      if (status !== 200) this.problem(`${where}: the contract documents 200 for a success`);
      const problem = contractProblem(operation.successSchema, body);
      if (problem) this.problem(`${where}: ${problem}`);
      this.succeeded.add(operation.operationId);
      return;
    }
    const problem = contractProblem('ErrorResponse', body);
    if (problem) return this.problem(`${where}: not an ErrorResponse: ${problem}`);
    const code = (body as { error: { code: ErrorCode } }).error.code;
    this.errorCodes.add(code);
    if (ERROR_HTTP_STATUS[code] !== status) this.problem(`${where}: ${code} goes with ${ERROR_HTTP_STATUS[code]}`);
    if (operation && !(operation.errorCodes as readonly string[]).includes(code))
      this.problem(`${where}: ${code} is not documented for ${operation.operationId}`);
  }

  private lookForSecrets(where: string, operationId: string | undefined, status: number, text: string) {
    if (ENCODED_HASH.test(text)) this.leak(`${where}: the answer holds an encoded PIN code hash`);
    const field = [...text.matchAll(/"([^"\\]*)"\s*:/g)].map((match) => match[1]).find((key) => SECRET_FIELD.test(key));
    if (field) this.leak(`${where}: the answer has a field "${field}"`);
    // The one answer that carries a code is the temporary code's issue, to the administrator who issued it.
    if (operationId === 'issueTemporaryPinCode' && status === 200) return;
    for (const pinCode of this.pinCodes) {
      if (new RegExp(`(?<![0-9A-Za-z])${pinCode}(?![0-9A-Za-z])`).test(text))
        this.leak(`${where}: the answer holds the PIN code ${pinCode[0]}${'•'.repeat(pinCode.length - 1)}`);
    }
  }

  private problem(message: string) {
    this.problems.push({ check: this.check, promise: 'contract', message });
  }

  private leak(message: string) {
    this.leaks.push({ check: this.check, promise: 1, message });
  }
}
