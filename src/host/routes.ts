import { OPERATIONS } from '../domain/index.js';

export type Operation = (typeof OPERATIONS)[number];

/** An operation of the contract with the pattern of its path. */
export interface Route {
  operation: Operation;
  /** Matches a path relative to the base, e.g. `userSetups(…)/Microsoft.NAV.unlockPinCode`; group 1 is the key. */
  pattern: RegExp;
}

/** One route per operation of the generated `OPERATIONS`: the contract is the one list of paths and methods. */
export const ROUTES: readonly Route[] = OPERATIONS.map((operation) => ({
  operation,
  pattern: new RegExp(
    `^${operation.path.slice(1).replace(/[.()]/g, '\\$&').replace('\\({id}\\)', '\\(([^()/]*)\\)')}$`,
  ),
}));

/** The route for `method` on `path` and the key in the path, or the methods the path does take. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; key: string | undefined } | { route: undefined; allowed: string[] } {
  const candidates = ROUTES.filter((route) => route.pattern.test(path));
  const route = candidates.find((candidate) => candidate.operation.method === method);
  if (!route) return { route: undefined, allowed: candidates.map((candidate) => candidate.operation.method) };
  return { route, key: route.pattern.exec(path)?.[1] };
}
