/**
 * The conformance kit: checks, as plain code over `fetch`, that a host keeps every promise of the contract. The same
 * checks run from the command (`mobile-flow-pin-conformance`, Node over HTTP), in a browser against the mock host, and
 * through the Business Central add-in bridge.
 */
export type { CheckResult, ConformanceCheck } from './checks/check.js';
export { ConfigProblem, httpTestHooks, readConformanceConfig, targetOf, type ConformanceConfig } from './config.js';
export {
  CheckFailed,
  Kit,
  NotRun,
  type ConformanceTarget,
  type IdentityAccess,
  type Role,
  type TestHooks,
} from './kit.js';
export { PROMISES, promiseName, type PromiseId } from './promises.js';
export { junitXml, progressLine, reportText } from './report.js';
export {
  CONFORMANCE_CHECKS,
  ConformanceRun,
  runConformance,
  selectChecks,
  type ConformanceReport,
  type RunOptions,
} from './run.js';
