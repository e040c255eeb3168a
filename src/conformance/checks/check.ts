import type { Kit } from '../kit.js';
import type { PromiseId } from '../promises.js';

/** How a check ended. */
export interface CheckResult {
  name: string;
  promise: PromiseId;
  status: 'passed' | 'failed' | 'notRun';
  /** Why it failed or did not run, or what a pass leaves out. */
  reason?: string;
  ms: number;
}

/**
 * One check of the kit: a stateful sequence of requests that proves one thing a promise says, on any host, through
 * any transport. It begins by putting the users it needs into the state it needs (it never assumes the host is fresh),
 * and throws CheckFailed or NotRun; `earlier` holds the results of the checks before it. A pass may say what it left
 * out.
 */
export interface ConformanceCheck {
  name: string;
  promise: PromiseId;
  run(kit: Kit, earlier: readonly CheckResult[]): Promise<void | string>;
}
