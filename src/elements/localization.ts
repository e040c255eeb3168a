import { configureLocalization } from '@lit/localize';
import type { ReactiveControllerHost } from 'lit';

/** The languages the elements speak: English (the source) and Danish. */
export const LANGUAGES = ['en', 'da'] as const;
export type Language = (typeof LANGUAGES)[number];

// @lit/localize can be configured once per page: a host that configures it itself gets English elements.
const { setLocale: loadLanguage } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['da'],
  // Danish is its own chunk: an English page never downloads it.
  loadLocale: () => import('./locales/da.js'),
});

/** The locale of dates and numbers (a BCP 47 tag); undefined is the browser's. */
let locale: string | undefined;
/** Set by setLocale; while it is undefined the elements follow the page's `lang`. */
let chosen: string | undefined;
const hosts = new Set<ReactiveControllerHost>();

/** The language for a BCP 47 tag: its primary subtag when the elements speak it, else English. */
export const languageOf = (tag: string | undefined): Language =>
  LANGUAGES.find((language) => language === tag?.split('-')[0].toLowerCase()) ?? 'en';

/** The canonical form of a BCP 47 tag, or undefined when it is none (a typo in `lang`). */
function canonical(tag: string | undefined): string | undefined {
  try {
    return tag ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    return undefined;
  }
}

async function apply(tag: string | undefined, formatRegion?: string): Promise<void> {
  // Not a language tag: the browser's locale and English words.
  const valid = canonical(tag);
  locale = canonical(formatRegion) ?? valid;
  await loadLanguage(languageOf(valid));
  for (const host of hosts) host.requestUpdate();
}

/**
 * Sets the language of both elements and the locale of their dates and numbers, e.g. `'da-DK'` (Danish words, Danish
 * dates) or `'en-GB'`; `null` goes back to following the page's `<html lang>`, which is the default. A language the
 * elements do not speak gives English words with that locale's dates. `formatRegion`, where it differs from the
 * language (Business Central's format region: English words, Danish dates), gives the dates and numbers their locale.
 * Resolves when the words are loaded.
 */
export function setLocale(tag: string | null, formatRegion?: string): Promise<void> {
  chosen = tag ?? undefined;
  return apply(chosen ?? document.documentElement.lang, formatRegion);
}

/** The locale the elements format dates and numbers in, or undefined for the browser's. */
export const getLocale = (): string | undefined => locale;

/** Renders `host` again whenever the language or the locale changes. */
export function localized(host: ReactiveControllerHost): void {
  host.addController({ hostConnected: () => hosts.add(host), hostDisconnected: () => hosts.delete(host) });
}

new MutationObserver(() => {
  if (chosen === undefined) apply(document.documentElement.lang).catch(() => undefined);
}).observe(document.documentElement, { attributeFilter: ['lang'] });
apply(document.documentElement.lang).catch(() => undefined);
