/**
 * @internal Registers an internal element unless a copy of the plugin already did: two host add-ins that each bundle the
 * elements must not throw on the second `define`.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
