import { css } from 'lit';
import { sharedStyles } from '../shared.styles.js';

/** The status line, the trigger and the dialog; the form's styles come with the form (internal/form.styles.ts). */
export const changePinDialogStyles = [
  sharedStyles,
  css`
    :host {
      display: inline-block;
    }
    [part='base'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    [part='status'] {
      margin: 0;
    }
    :host([inline]) {
      display: block;
    }
    :host([inline]) dialog {
      position: static;
      width: auto;
      max-height: none;
      margin: 1rem 0 0;
      box-shadow: none;
    }
    [part='trigger'] {
      background: var(--_accent);
      color: #fff;
    }
  `,
];
