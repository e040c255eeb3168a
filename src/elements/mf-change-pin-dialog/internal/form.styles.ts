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
`;
