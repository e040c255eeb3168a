/**
 * Registers an element unless a copy of the plugin already did: two Business Central add-ins, or a host page that
 * loaded the package twice, must not make the second `customElements.define` throw.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/** Lit's `@customElement`, through `define`: the first copy of an element to load keeps its tag. */
export const customElement =
  (tag: string) =>
  (element: CustomElementConstructor): void =>
    define(tag, element);
