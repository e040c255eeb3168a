import { css, type CSSResult } from 'lit';

/** What both elements share: the documented custom properties, buttons, focus, native dialogs and messages. */
export const sharedStyles = css`
  :host {
    font: inherit;
    color: var(--mf-text-color, #1b1b1b);
    --_accent: var(--mf-accent-color, #1f5fa8);
    --_error: var(--mf-error-color, #b3261e);
    --_success: var(--mf-success-color, #1e6b34);
    --_radius: var(--mf-radius, 0.375rem);
    --_surface: var(--mf-surface-color, #fff);
    --_muted: var(--mf-muted-color, #5a5f66);
  }
  :host([hidden]) {
    display: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button {
    font: inherit;
    border-radius: var(--_radius);
    padding: 0.5rem 1rem;
    min-height: 2.75rem;
    cursor: pointer;
    border: 1px solid var(--_accent);
    background: var(--_surface);
    color: var(--_accent);
  }
  button.primary {
    background: var(--_accent);
    color: #fff;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--mf-focus-color, #a36a00);
    outline-offset: 2px;
  }
  dialog {
    width: min(32rem, calc(100vw - 2rem));
    max-height: calc(100dvh - 2rem);
    box-sizing: border-box;
    overflow: auto;
    padding: 1.25rem;
    border: none;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.25rem;
  }
  [part~='message'] {
    margin: 0 0 1rem;
    padding: 0.75rem;
    border-radius: var(--_radius);
    border-left: 4px solid var(--_error);
    background: color-mix(in srgb, var(--_error) 8%, var(--_surface));
  }
  [part~='message'].success {
    border-left-color: var(--_success);
    background: color-mix(in srgb, var(--_success) 8%, var(--_surface));
  }
  .field {
    margin-block-end: 1rem;
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.25rem;
  }
  .error {
    margin: 0.25rem 0 0;
    color: var(--_error);
  }
  .note {
    margin: 0.25rem 0 0;
    font-size: 0.9375rem;
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
  }
`;

/**
 * Adds `styles` to the shadow root `node` is in, after the styles it was made with: for a part whose code, and so whose
 * styles, arrive after the element's first render (the dialog's form, the table's bulk actions).
 */
export function joinStyles(node: Node, styles: CSSResult): void {
  const root = node.getRootNode();
  const sheet = styles.styleSheet;
  if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
