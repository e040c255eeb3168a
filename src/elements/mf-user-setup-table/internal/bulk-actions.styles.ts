import { css } from 'lit';

/**
 * The bulk actions' styles, for the shadow root they render into (the table's): the toolbar, the per-user report,
 * the slips, and the print style sheet that prints only the slips, as cut-out blocks that never break across pages.
 */
export const bulkActionsStyles = css`
  [part~='bulk-actions'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-block: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_accent) 6%, var(--_surface));
  }
  .bulk-count {
    font-weight: 600;
    margin-inline-end: auto;
  }
  .bulk-setting {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    margin-inline-start: 0.5rem;
  }
  .bulk-setting button {
    padding-inline: 0.75rem;
  }
  [part~='bulk-actions'] button[aria-disabled='true'] {
    cursor: progress;
  }
  .bulk-results {
    margin-block: 0.5rem;
  }
  .bulk-results h2,
  .bulk-failed h3 {
    font-size: 1rem;
    margin: 0 0 0.25rem;
  }
  .bulk-results ul,
  .bulk-failed ul {
    margin: 0 0 0.5rem;
    padding-inline-start: 1.25rem;
  }
  .bulk-results li.error,
  .bulk-failed li {
    color: var(--_error);
  }
  dialog.bulk-codes {
    width: min(40rem, calc(100vw - 2rem));
  }
  .slips {
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  .slip {
    border: 1px dashed var(--mf-border-color, #8a8f96);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
  }
  .slip-name {
    font-weight: 600;
    margin: 0 0 0.25rem;
  }
  .slip dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.125rem 1rem;
    margin: 0 0 0.5rem;
  }
  .slip dd {
    margin: 0;
  }
  .slip .code {
    font-family: ui-monospace, monospace;
    font-size: 1.25rem;
    letter-spacing: 0.15em;
    font-weight: 700;
  }
  .slip-instructions {
    margin: 0;
  }
  /* On a phone each name stands above its value. */
  @container (width < 30rem) {
    .slip dl {
      grid-template-columns: minmax(0, 1fr);
    }
    .slip dd {
      margin-block-end: 0.25rem;
    }
  }

  /* The page's own print sheet (printOnlyTheSlips) hides everything else; here only the slips show. */
  @media print {
    dialog.bulk-codes {
      visibility: visible;
      position: absolute;
      inset: 0 auto auto 0;
      margin: 0;
      width: 100%;
      max-width: none;
      max-height: none;
      overflow: visible;
      padding: 0;
      border: none;
      box-shadow: none;
      color: #000;
      background: #fff;
    }
    dialog.bulk-codes::backdrop {
      background: none;
    }
    dialog.bulk-codes > :not(.slips) {
      display: none;
    }
    .slips {
      display: block;
    }
    .slip {
      break-inside: avoid;
      margin-block-end: 1cm;
      padding: 0.75cm 1cm;
      border: 1px dashed #000;
      border-radius: 0;
    }
  }
`;

/** The page's sheet while slips may be printed: the page prints nothing but the modal that holds the slips. */
let pagePrintSheet: CSSStyleSheet | undefined;
/** The elements whose slips are open: the page's sheet stays while any of them is. */
const printing = new Set<object>();

/**
 * Adds (or removes) a style sheet to the page that hides the whole page in print, so that only the slips print. From
 * inside a shadow root nothing else can hide the host page. The modal `<dialog>` sits in the top layer, so neither the
 * hidden visibility it turns visible again nor the body's paint containment (which keeps the hidden page from adding
 * blank pages) reaches it.
 */
export function printOnlyTheSlips(owner: object, on: boolean): void {
  if (on) printing.add(owner);
  else printing.delete(owner);
  if (!pagePrintSheet) {
    pagePrintSheet = new CSSStyleSheet();
    pagePrintSheet.replaceSync('@media print { body { visibility: hidden; contain: paint; height: 0; margin: 0; } }');
  }
  const adopted = document.adoptedStyleSheets.includes(pagePrintSheet);
  if (printing.size > 0 && !adopted) document.adoptedStyleSheets = [...document.adoptedStyleSheets, pagePrintSheet];
  if (printing.size === 0 && adopted)
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== pagePrintSheet);
}
