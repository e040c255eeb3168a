import { css } from 'lit';

/** The form's fields, Show buttons, checklist and submit button: they come with the form, when the dialog first opens. */
export const formStyles = css`
  .intro {
    margin: 0 0 1rem;
    color: var(--_muted);
  }
  .input-row {
    display: flex;
    gap: 0.5rem;
  }
  input {
    flex: 1 1 auto;
    min-width: 0;
    font: inherit;
    font-size: 1.125rem;
    letter-spacing: 0.15em;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
  }
  input[aria-invalid='true'] {
    border-color: var(--_error);
  }
  .reveal {
    flex: none;
    padding-inline: 0.75rem;
  }
  /* Not ready, or a change is out: it looks inactive but keeps full-contrast text, focus and the Tab order. */
  [part~='submit'][aria-disabled='true'] {
    background: var(--_surface);
    color: var(--_muted);
    border-color: var(--_muted);
    cursor: not-allowed;
  }
  [part='checklist'] {
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
    font-size: 0.9375rem;
  }
  [part='checklist'] li {
    display: flex;
    gap: 0.5rem;
  }
  [part='checklist'] li[data-met='true'] {
    color: var(--_success);
  }
  [part='checklist'] li[data-met='false'] {
    color: var(--_muted);
  }
  /* In a modal taller than the screen (a phone with its keyboard up), Cancel and Change stay in view at its foot, side
     by side, and a field scrolled into view stops above them. */
  dialog:modal {
    --_pad: 1.25rem;
    scroll-padding-block-end: 5rem;
  }
  @media (max-width: 24rem) {
    dialog:modal {
      --_pad: 1rem;
      padding: var(--_pad);
    }
  }
  dialog:modal form > .actions {
    position: sticky;
    bottom: calc(-1 * var(--_pad));
    flex-wrap: nowrap;
    margin: 0 calc(-1 * var(--_pad)) calc(-1 * var(--_pad));
    padding: 0.75rem var(--_pad) var(--_pad);
    background: var(--_surface);
  }
  dialog:modal form > .actions button {
    padding-inline: 0.75rem;
  }
`;
