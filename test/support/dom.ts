import { waitUntil } from '@open-wc/testing';

/** Where focus is, named by id or part: comparing elements directly would make a failure print the whole DOM. */
export function focused(): string {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active ? active.id || active.getAttribute('part') || active.tagName.toLowerCase() : 'nothing';
}

/** Every place in the element where any of `codes` still stands: DOM, field values, own properties. */
export function placesHolding(el: Element, codes: string[]): string[] {
  const seen = new WeakSet<object>();
  const text = (value: unknown) =>
    JSON.stringify(value, (_key, inner) => {
      if (inner instanceof Node || typeof inner === 'function') return undefined;
      if (inner && typeof inner === 'object') {
        if (seen.has(inner)) return undefined;
        seen.add(inner);
      }
      return inner;
    }) ?? '';
  const places: Array<[string, string]> = [
    ['DOM', el.outerHTML + (el.shadowRoot?.innerHTML ?? '')],
    ['field values', [...(el.shadowRoot?.querySelectorAll('input') ?? [])].map((input) => input.value).join(' ')],
    ...Object.getOwnPropertyNames(el).map((name): [string, string] => [
      `property ${name}`,
      text((el as unknown as Record<string, unknown>)[name]),
    ]),
  ];
  return places.filter(([, content]) => codes.some((code) => content.includes(code))).map(([where]) => where);
}

/** An element's text as a person reads it: white space runs as one space, trimmed; '' for no element. */
export const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * Waits until `predicate` holds: for what the test means, never for a time. The limit is only a safety net that names
 * what never came when something is really broken; a busy machine is slow, not wrong, and never reaches it.
 */
export const waitFor = <T>(predicate: () => T | Promise<T>, message?: string) =>
  waitUntil(predicate, message, { timeout: 30_000 });
