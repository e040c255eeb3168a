import type { PinCodeEventList, UserSetupPage } from '../../domain/index.js';
import { HostError } from '../errors.js';
import { forbiddenCharacter } from '../request.js';
import { FilterError, parseUserSetupFilter, type FilterNode } from '../odata-filter.js';
import { deviceView, publicResource, publicUserSetup, sessionOf } from '../projections.js';
import { SORT_FIELDS, type SortField } from '../storage.js';
import { requireAdministrator, requireUser } from './administration.js';
import type { ReadUnit } from './unit.js';

const QUERY_OPTIONS = ['$top', '$skip', '$orderby', '$filter', '$count'];

/** `GET session`: who the caller is, their PIN code status and the policy. */
export const getSession: ReadUnit = async (request, { policy }) => ({
  status: 200,
  body: sessionOf(requireUser(request), policy, request.now),
});

/** `GET userSetups(...)`: one setup, for an administrator. */
export const getUserSetup: ReadUnit = async (request, { storage }) => {
  requireAdministrator(request);
  const setup = request.key ? await storage.userSetup(request.key) : undefined;
  if (!setup) throw new HostError('BadRequest_NotFound', `There is no user setup with id ${request.key}.`);
  return { status: 200, body: publicUserSetup(setup, request.now) };
};

/** `GET userSetups(...)/pinCodeEvents`: a user's history, newest first, for an administrator. */
export const listPinCodeEvents: ReadUnit = async (request, services) => {
  await getUserSetup(request, services);
  const events = await services.storage.pinCodeEvents(request.key);
  const list: PinCodeEventList = {
    value: events.map(({ id, type, at, actor, actorUserId }) => ({ id: String(id), type, at, actor, actorUserId })),
  };
  return { status: 200, body: list };
};

/**
 * `GET resources(...)`: the Resource card, for an administrator or the user whose card it is; a device reads any card,
 * but only what signing in needs.
 */
export const getResource: ReadUnit = async ({ caller, key }, { storage }) => {
  // A user who may not read the card learns nothing, not even whether it exists.
  if (caller && !caller.administrator && caller.resourceId !== key) {
    throw new HostError('Authorization_Denied', 'You may only read your own Resource card.');
  }
  const [resource, owner] = key ? await Promise.all([storage.resource(key), storage.userSetupByResourceId(key)]) : [];
  if (!resource || !owner) throw new HostError('BadRequest_NotFound', `There is no resource with id ${key}.`);
  const card = publicResource(resource, owner);
  return { status: 200, body: caller ? card : deviceView(card) };
};

/** `GET userSetups?$top&$skip&$orderby&$filter&$count`: a page of setups, for an administrator. */
export const listUserSetups: ReadUnit = async (request, { storage }) => {
  requireAdministrator(request);
  const params = request.query;
  for (const [name, value] of params) {
    const forbidden = forbiddenCharacter(name) ?? forbiddenCharacter(value);
    if (forbidden) {
      throw new HostError(
        'BadRequest_Malformed',
        `The query option ${JSON.stringify(name.slice(0, 40))} holds ${forbidden}: a control character, which no query takes.`,
      );
    }
  }
  for (const name of params.keys()) {
    if (!QUERY_OPTIONS.includes(name)) {
      throw new HostError('BadRequest_Malformed', `Unknown query option ${name}; use ${QUERY_OPTIONS.join(', ')}.`);
    }
  }
  const whole = (name: string, fallback: number, maximum: number) => {
    const text = params.get(name);
    if (text === null) return fallback;
    const value = Number(text);
    if (!/^\d{1,9}$/.test(text) || value > maximum) {
      throw new HostError('BadRequest_Malformed', `${name} must be a whole number from 0 to ${maximum}.`);
    }
    return value;
  };
  const top = whole('$top', 50, 1000);
  const skip = whole('$skip', 0, 999_999_999);
  const [field = 'userId', direction = 'asc', ...rest] = (params.get('$orderby') ?? 'userId').trim().split(/\s+/);
  if (!(SORT_FIELDS as readonly string[]).includes(field) || !['asc', 'desc'].includes(direction) || rest.length) {
    throw new HostError('BadRequest_Malformed', `$orderby must be one of ${SORT_FIELDS.join(', ')}, then asc or desc.`);
  }
  const countText = params.get('$count');
  if (countText !== null && countText !== 'true' && countText !== 'false') {
    throw new HostError('BadRequest_Malformed', '$count must be true or false.');
  }
  const filterText = params.get('$filter');
  if (filterText !== null && filterText.length > 1000) {
    throw new HostError('BadRequest_Malformed', '$filter is longer than 1000 characters.');
  }
  let filter: FilterNode | undefined;
  try {
    filter = filterText === null ? undefined : parseUserSetupFilter(filterText);
  } catch (error) {
    if (error instanceof FilterError) throw new HostError('BadRequest_Malformed', error.message);
    throw error;
  }
  const { records, count } = await storage.listUserSetups({
    orderBy: field as SortField,
    descending: direction === 'desc',
    filter,
    now: request.now,
    skip,
    top,
    count: countText === 'true',
  });
  const page: UserSetupPage = { value: records.map((record) => publicUserSetup(record, request.now)) };
  if (countText === 'true') {
    if (count === undefined) throw new Error('The storage did not count the setups it was asked to count.');
    page['@odata.count'] = count;
  }
  return { status: 200, body: page };
};
