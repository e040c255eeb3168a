import { createBusinessCentralFetch } from '../api/business-central-fetch.js';
import type { ConformanceTarget, TestHooks } from './kit.js';

/**
 * conformance.json: where the host is and one credential per role. `testHooks` names the host's test-mode endpoints,
 * where it has them: `POST {url}/clock` with `{"advanceMs": n}` moves its clock forward, and
 * `POST {url}/fail-next-request` makes it answer its next request 500 and change nothing (the server host serves them
 * with `--test-hooks`).
 */
export interface ConformanceConfig {
  baseUrl: string;
  identities: {
    administrator: { userId: string; headers: Record<string, string> };
    user: { userId: string; headers: Record<string, string> };
    otherUser: { userId: string; headers: Record<string, string> };
    device: { headers: Record<string, string> };
  };
  testHooks?: { url: string; headers?: Record<string, string> };
  /** false where requests do not reach the host as HTTP with their media type. */
  httpMediaTypes?: boolean;
  /**
   * How requests reach the host. Default plain REST at `baseUrl`. `business-central`: every request travels as the
   * contract's envelope through a codeunit web service's `Handle` action at `url` (`…/ODataV4/MobileFlowPin_Handle`),
   * with each identity's headers on the call; `baseUrl` then only names the host in the report.
   */
  transport?: { kind: 'business-central'; url: string };
}

/** A conformance.json that cannot be used: the message names the field and what it needs. */
export class ConfigProblem extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function headersAt(value: unknown, where: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value) || !Object.values(value).every((header) => typeof header === 'string'))
    throw new ConfigProblem(`${where} must be an object of header names and text values.`);
  return value as Record<string, string>;
}

function urlAt(value: unknown, where: string): string {
  if (typeof value !== 'string' || !/^https?:\/\//.test(value))
    throw new ConfigProblem(
      `${where} must be an http:// or https:// URL, e.g. "http://127.0.0.1:8787/api/mobileflow/v1.0".`,
    );
  try {
    return new URL(value).href.replace(/\/+$/, '');
  } catch {
    throw new ConfigProblem(`${where} is not a URL: ${value}`);
  }
}

/** Reads a parsed conformance.json, or throws a ConfigProblem that says what to fix. */
export function readConformanceConfig(value: unknown): ConformanceConfig {
  if (!isObject(value)) throw new ConfigProblem('The config must be a JSON object with baseUrl and identities.');
  const identities = value.identities;
  if (!isObject(identities))
    throw new ConfigProblem('identities must name administrator, user, otherUser and device, each with its headers.');
  const user = (role: 'administrator' | 'user' | 'otherUser') => {
    const identity = identities[role];
    if (!isObject(identity) || typeof identity.userId !== 'string' || !identity.userId)
      throw new ConfigProblem(`identities.${role} needs the userId the host knows it by, and its headers.`);
    return { userId: identity.userId, headers: headersAt(identity.headers, `identities.${role}.headers`) };
  };
  if (!isObject(identities.device)) throw new ConfigProblem('identities.device needs the headers a device sends.');
  const hooks = value.testHooks;
  if (hooks !== undefined && !isObject(hooks)) throw new ConfigProblem('testHooks must be an object with a url.');
  if (value.httpMediaTypes !== undefined && typeof value.httpMediaTypes !== 'boolean')
    throw new ConfigProblem('httpMediaTypes must be true or false.');
  const transport = value.transport;
  if (transport !== undefined && (!isObject(transport) || transport.kind !== 'business-central'))
    throw new ConfigProblem(
      'transport must be {"kind": "business-central", "url": "…/ODataV4/MobileFlowPin_Handle"}, or left out for REST.',
    );
  return {
    baseUrl: urlAt(value.baseUrl, 'baseUrl'),
    ...(transport && { transport: { kind: 'business-central' as const, url: urlAt(transport.url, 'transport.url') } }),
    identities: {
      administrator: user('administrator'),
      user: user('user'),
      otherUser: user('otherUser'),
      device: { headers: headersAt(identities.device.headers, 'identities.device.headers') },
    },
    ...(hooks && {
      testHooks: { url: urlAt(hooks.url, 'testHooks.url'), headers: headersAt(hooks.headers, 'testHooks.headers') },
    }),
    ...(value.httpMediaTypes !== undefined && { httpMediaTypes: value.httpMediaTypes as boolean }),
  };
}

/** The test hooks of a config, over HTTP. */
export function httpTestHooks(hooks: NonNullable<ConformanceConfig['testHooks']>, fetchImpl = fetch): TestHooks {
  const post = async (path: string, body: unknown) => {
    const response = await fetchImpl(`${hooks.url}/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...hooks.headers },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(
        `The host's test hook ${hooks.url}/${path} answered ${response.status}: ${await response.text()}`,
      );
  };
  return {
    advance: (ms) => post('clock', { advanceMs: ms }),
    failNextRequest: () => post('fail-next-request', {}),
  };
}

/** The headers a request's envelope carries itself; every other one (who the caller is) goes on the call. */
const ENVELOPE_HEADERS = new Set(['content-type', 'if-match', 'idempotency-key']);

/**
 * A fetch that carries each request as an envelope through a codeunit web service at `url`, the identity's headers
 * (those the kit set on the request) on the call itself.
 */
function envelopeTransport(url: string, baseUrl: string, fetchImpl?: typeof fetch): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (!ENVELOPE_HEADERS.has(name)) headers[name] = value;
    });
    return createBusinessCentralFetch({ url, baseUrl, headers, fetch: fetchImpl })(request);
  };
}

/** The target a config describes. */
export function targetOf(config: ConformanceConfig, fetchImpl?: typeof fetch): ConformanceTarget {
  const { transport } = config;
  return {
    baseUrl: config.baseUrl,
    identities: config.identities,
    fetch: transport ? envelopeTransport(transport.url, config.baseUrl, fetchImpl) : fetchImpl,
    testHooks: config.testHooks && httpTestHooks(config.testHooks, fetchImpl),
    // An envelope carries no media type of its own: the host sees JSON whatever the kit sends.
    httpMediaTypes: transport ? false : config.httpMediaTypes,
  };
}
