import { MobileFlowError } from '../api/index.js';
import type { CheckResult, ConformanceCheck } from './checks/check.js';
import { CONCURRENT_EDIT_CHECKS } from './checks/concurrent-edits.js';
import { CONTRACT_CHECKS, WHOLE_RUN_CHECKS } from './checks/contract.js';
import { DEVICE_CHECKS } from './checks/devices.js';
import { GUESSING_CHECKS } from './checks/guessing.js';
import { PIN_LIFE_CHECKS } from './checks/pin-life.js';
import { PIN_POLICY_CHECKS } from './checks/pin-policy.js';
import { RETRY_CHECKS } from './checks/retries.js';
import { SETTINGS_CHECKS } from './checks/settings.js';
import { CheckFailed, Kit, NotRun, type ConformanceTarget } from './kit.js';

const [firstPinCode, ...otherSettings] = SETTINGS_CHECKS;

/**
 * Every check of the kit, in the order a run takes them: first the one that needs a user who never held a PIN code,
 * last the ones that judge the whole run's answers.
 */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  firstPinCode,
  ...PIN_LIFE_CHECKS,
  ...PIN_POLICY_CHECKS,
  ...GUESSING_CHECKS,
  ...CONCURRENT_EDIT_CHECKS,
  ...RETRY_CHECKS,
  ...otherSettings,
  ...DEVICE_CHECKS,
  ...CONTRACT_CHECKS,
  ...WHOLE_RUN_CHECKS,
];

/** The checks `only` names: a promise (`5`, `contract`) or words of a check's name. All without it. */
export function selectChecks(only?: string): readonly ConformanceCheck[] {
  if (!only) return CONFORMANCE_CHECKS;
  const wanted = only
    .trim()
    .toLowerCase()
    .replace(/^promise\s*/, '');
  return CONFORMANCE_CHECKS.filter((check) =>
    /^(\d+|contract)$/.test(wanted) ? String(check.promise) === wanted : check.name.toLowerCase().includes(wanted),
  );
}

/** One run against one host: the kit prepared, then checks run one after the other. */
export class ConformanceRun {
  readonly results: CheckResult[] = [];

  private constructor(readonly kit: Kit) {}

  /** Reads who is who on the host; a config that does not fit the host fails here, in words. */
  static async start(target: ConformanceTarget): Promise<ConformanceRun> {
    const kit = new Kit(target);
    await kit.prepare();
    return new ConformanceRun(kit);
  }

  async run(check: ConformanceCheck): Promise<CheckResult> {
    const started = performance.now();
    this.kit.log.check = check.name;
    let status: CheckResult['status'] = 'passed';
    let reason: string | undefined;
    try {
      await this.kit.freshDeviceWindow();
      reason = (await check.run(this.kit, [...this.results])) ?? undefined;
    } catch (error) {
      status = error instanceof NotRun ? 'notRun' : 'failed';
      reason =
        error instanceof NotRun || error instanceof CheckFailed
          ? error.message
          : error instanceof MobileFlowError
            ? `unexpected ${error.code} (${error.status}): ${error.message}`
            : `unexpected: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    }
    const result: CheckResult = {
      name: check.name,
      promise: check.promise,
      status,
      reason,
      ms: performance.now() - started,
    };
    this.results.push(result);
    return result;
  }
}

export interface ConformanceReport {
  results: CheckResult[];
  /** True when no check failed (checks not run are not failures, and not passes). */
  passed: boolean;
  /** How many answers the run inspected. */
  answers: number;
  ms: number;
}

export interface RunOptions {
  /** Only the checks of one promise (`5`, `contract`) or whose name holds these words. */
  only?: string;
  /** Told as each check ends, with its place in the run. */
  onResult?(result: CheckResult, index: number, total: number): void;
}

/** Runs the kit (or part of it) against a host and gives the report. */
export async function runConformance(target: ConformanceTarget, options: RunOptions = {}): Promise<ConformanceReport> {
  const started = performance.now();
  const checks = selectChecks(options.only);
  if (!checks.length) throw new Error(`No check matches "${options.only}".`);
  const run = await ConformanceRun.start(target);
  run.kit.partial = checks.length < CONFORMANCE_CHECKS.length;
  for (const [index, check] of checks.entries()) {
    const result = await run.run(check);
    options.onResult?.(result, index + 1, checks.length);
  }
  return {
    results: run.results,
    passed: run.results.every((result) => result.status !== 'failed'),
    answers: run.kit.log.answers,
    ms: performance.now() - started,
  };
}
