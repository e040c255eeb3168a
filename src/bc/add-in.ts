import { ContextProvider } from '@lit/context';
import { createMobileFlowClient } from '../api/client.js';
import { createControlAddInFetch, type ControlAddInNav } from '../api/control-add-in-fetch.js';
import { mobileFlowClientContext } from '../api/context.js';
import { ENVELOPE_BASE_URL } from '../api/envelope.js';
import { setLocale } from '../elements/localization.js';

declare global {
  interface Window {
    Microsoft?: { Dynamics?: { NAV?: ControlAddInNav } };
    /** The add-in procedure AL answers a request with: `procedure MobileFlowResponse(ResponseJson: Text)`. */
    MobileFlowResponse?(responseJson: string): void;
    /**
     * The add-in procedure AL sets the page's language with: `procedure SetLanguage(LanguageTag: Text; FormatRegion:
     * Text)`, the region (e.g. `da-DK`) giving dates and numbers their format where it differs from the language.
     */
    SetLanguage?(languageTag: string, formatRegion?: string): void;
  }
}

export interface AddInPlacement {
  /** The element this add-in shows. */
  tagName: string;
  /** The element's events, each raised in AL as an add-in event with the detail as JSON. */
  events: Record<string, string>;
}

/** What a started add-in left behind, so that starting again (a recreated add-in) replaces it rather than adds to it. */
let started: { frame: HTMLElement; close(reason: string): void } | undefined;

/**
 * Starts an add-in as Business Central hosts it: the element drawn into `#controlAddIn`, its client given through
 * `mobileFlowClientContext` and talking to AL through the add-in bridge, AL's procedures defined, the element's events
 * raised in AL, and AL told it is ready with the event `Ready()`. Safe to run again (Business Central runs the startup
 * script again when it recreates the add-in): what the last start drew is removed, its requests fail as closed, and
 * the add-in has one element and one set of listeners.
 */
export function startAddIn({ tagName, events }: AddInPlacement): HTMLElement {
  const nav = window.Microsoft?.Dynamics?.NAV;
  if (!nav)
    throw new Error('Microsoft.Dynamics.NAV is missing: this script runs inside a Business Central control add-in.');
  const root = document.getElementById('controlAddIn');
  if (!root) throw new Error('#controlAddIn is missing: Business Central draws add-ins into it.');
  if (started) {
    started.close('The add-in was started again before Business Central answered.');
    started.frame.remove();
  }
  const addInFetch = createControlAddInFetch({ baseUrl: ENVELOPE_BASE_URL, nav });
  window.MobileFlowResponse = addInFetch.receive;
  // BC gives a language tag such as da-DK for the words, and its format region for dates; the elements speak en and da.
  window.SetLanguage = (languageTag, formatRegion) => void setLocale(languageTag, formatRegion || undefined);
  // The provider and the element live in a frame of their own, which the next start removes with its listeners.
  const frame = document.createElement('div');
  frame.className = 'mf-add-in';
  new ContextProvider(frame, {
    context: mobileFlowClientContext,
    initialValue: createMobileFlowClient({ baseUrl: ENVELOPE_BASE_URL, fetch: addInFetch }),
  });
  const element = document.createElement(tagName);
  for (const [domEvent, alEvent] of Object.entries(events)) {
    element.addEventListener(domEvent, (event) =>
      nav.InvokeExtensibilityMethod(alEvent, [JSON.stringify((event as CustomEvent).detail ?? null)], false),
    );
  }
  frame.append(element);
  root.append(frame);
  started = { frame, close: (reason) => addInFetch.close(reason) };
  nav.InvokeExtensibilityMethod('Ready', [], false);
  return element;
}
