import { css } from 'lit';
import { sharedStyles } from '../shared.styles.js';

export const userSetupTableStyles = [
  sharedStyles,
  css`
    :host {
      display: block;
      min-width: 0;
    }
    mf-user-setup-pager {
      display: block;
    }
    [part~='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.75rem 1rem;
      margin-block-end: 0.75rem;
    }
    .inline-label {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font-weight: normal;
      min-height: 2.75rem;
      margin: 0;
    }
    input[type='search'],
    input[type='text'],
    select {
      font: inherit;
      padding: 0.5rem 0.75rem;
      min-height: 2.75rem;
      box-sizing: border-box;
      border: 1px solid var(--_muted);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: inherit;
    }
    input[type='search'] {
      width: min(20rem, 100%);
    }
    input[type='checkbox'] {
      width: 1.25rem;
      height: 1.25rem;
      accent-color: var(--_accent);
    }
    [part~='scroller'] {
      /* The containing block of the visually hidden labels in the rows, so they scroll with the table too. */
      position: relative;
      overflow-x: auto;
      max-width: 100%;
      border: 1px solid var(--mf-border-color, #d5d8dc);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    caption {
      text-align: start;
      padding: 0.5rem 0.75rem;
      color: var(--_muted);
    }
    /* Loading shows as a bar under the caption; the rows it will replace stay readable (and inert). */
    table[aria-busy='true'] caption {
      box-shadow: inset 0 -3px 0 var(--_accent);
    }
    table[aria-busy='true'] tbody {
      cursor: progress;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 0.5rem 0.625rem;
      border-top: 1px solid var(--mf-border-color, #d5d8dc);
      overflow-wrap: break-word;
    }
    th {
      font-weight: 600;
      vertical-align: bottom;
    }
    th button {
      border: none;
      padding: 0.25rem 0.25rem;
      margin-inline-start: -0.25rem;
      min-height: 2rem;
      font-weight: 600;
      color: inherit;
      background: none;
      text-align: start;
    }
    /* "Bruger-id" would break at its hyphen. */
    th[data-sort='userId'] button,
    td.user-id {
      white-space: nowrap;
    }
    /* The checkboxes' columns are as narrow as their headers' longest word. */
    th:nth-child(4),
    th:nth-child(5) {
      width: 1%;
    }
    td.setting {
      padding-block-start: 0.625rem;
    }
    /* Status, sign-in, the row's work and message: the column that takes the room left. */
    td.pin-code {
      min-width: 16rem;
    }
    td.pin-code .line {
      display: block;
    }
    .sign-in.needsPinCode,
    .sign-in.temporaryExpired,
    .sign-in.locked,
    [data-column='locked'] {
      color: var(--_error);
    }
    .sign-in,
    .row-work {
      color: var(--_muted);
      font-size: 0.9375rem;
    }
    td .actions {
      gap: 0.25rem;
      flex-wrap: nowrap;
      justify-content: flex-start;
    }
    td .actions button {
      white-space: nowrap;
      padding: 0.25rem 0.625rem;
      min-height: 2.25rem;
    }
    button[aria-disabled='true'] {
      cursor: progress;
    }
    .row-message {
      margin-top: 0.25rem;
      color: var(--_error);
    }
    .row-message.success {
      color: var(--_success);
    }
    [part~='pager'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      margin-block-start: 0.75rem;
    }
    [part~='state'] {
      margin: 0.75rem 0;
    }
    .code {
      display: block;
      font-size: 2rem;
      letter-spacing: 0.2em;
      font-variant-numeric: tabular-nums;
      margin: 0.5rem 0 1rem;
    }
    ol.history {
      list-style: none;
      margin: 0 0 1rem;
      padding: 0;
    }
    ol.history li {
      padding: 0.5rem 0;
      border-top: 1px solid var(--mf-border-color, #d5d8dc);
    }
  `,
];
