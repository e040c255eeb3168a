import { css } from 'lit';
import { sharedStyles } from '../shared.styles.js';

export const userSetupTableStyles = [
  sharedStyles,
  css`
    /* The rows become cards when the element is narrow (not the screen: an add-in may be narrow on a wide one). */
    :host {
      display: block;
      min-width: 0;
      container-type: inline-size;
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
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
      accent-color: var(--_accent);
    }
    /* A checkbox's label is its target: 24 px at least, 44 px by touch. */
    .hit {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-width: 1.5rem;
      min-height: 1.5rem;
      margin: 0;
      font-weight: normal;
      vertical-align: middle;
      cursor: pointer;
    }
    .card-only {
      display: none;
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
    /* By touch, every target is 44 px high (buttons and fields are already, in the shared styles). */
    @media (pointer: coarse) {
      .hit {
        min-width: 2.75rem;
        min-height: 2.75rem;
        justify-content: center;
      }
      th button,
      td .actions button {
        min-height: 2.75rem;
      }
    }
    @container (width < 64rem) {
      [part~='scroller'] {
        overflow: visible;
        border: none;
        background: none;
      }
      table,
      caption,
      thead,
      tbody,
      td {
        display: block;
      }
      /* The header row is the sort bar, with Select all. */
      thead tr {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.75rem;
      }
      th:not([data-sort]) {
        display: none;
      }
      th,
      td {
        padding: 0.25rem 0;
        border: none;
      }
      tbody {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
        align-items: start;
        gap: 0.75rem;
      }
      tbody tr {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0 0.75rem;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--mf-border-color, #d5d8dc);
        border-radius: var(--_radius);
        background: var(--_surface);
      }
      td {
        flex: 1 1 100%;
      }
      td.setting {
        flex: none;
        padding: 0;
      }
      td.user-id,
      td:nth-child(2) {
        flex: 0 1 auto;
        font-weight: 600;
      }
      td[data-label]::before {
        content: attr(data-label) ': ';
        color: var(--_muted);
      }
      td:empty {
        display: none;
      }
      td.pin-code {
        min-width: 0;
      }
      td .actions {
        flex-wrap: wrap;
      }
      .card-only {
        display: inline;
      }
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
