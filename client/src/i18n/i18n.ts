/**
 * The one i18n layer: `useT()` in components, `translate()` elsewhere. The locale lives in a
 * zustand store, persisted per device; tldraw's own UI follows it (see RoomCanvas).
 * Dutch is in the app's first chunk; English is a chunk of its own, fetched before the first render
 * when it is the device's language (`loadLocale`), else soon after the page is up (`prefetchLocales`)
 * so the switch works at once, also offline later.
 */
import { closeCodeByNumber } from '@patroonkaart/protocol';
import { useCallback } from 'react';
import { create } from 'zustand';
import { type MessageKey, nl } from './nl.ts';

export type Locale = 'nl' | 'en';
type Catalog = Record<MessageKey, string>;
const catalogs: Partial<Record<Locale, Catalog>> = { nl };
const loaders: Record<Locale, () => Promise<Catalog>> = {
  nl: () => Promise.resolve(nl),
  en: () => import('./en.ts').then((m) => m.en),
};

/** The locale's words, fetched once; a failed fetch (offline) is tried again on the next call. */
export function loadLocale(locale: Locale): Promise<void> {
  if (catalogs[locale]) return Promise.resolve();
  return loaders[locale]().then((catalog) => {
    catalogs[locale] = catalog;
  });
}

/** Fetches every language in the background, once the page is up. */
export function prefetchLocales(): void {
  const idle = (globalThis as { requestIdleCallback?: (f: () => void) => void }).requestIdleCallback;
  const run = () => {
    for (const locale of Object.keys(loaders) as Locale[]) loadLocale(locale).catch(() => {});
  };
  if (idle) idle(run);
  else setTimeout(run, 1000);
}
const STORAGE_KEY = 'patroonkaart.locale';

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const useLocale = create<LocaleState>((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    const apply = () => {
      try {
        localStorage.setItem(STORAGE_KEY, locale);
      } catch {
        // Private mode: the choice lasts for this page only.
      }
      document.documentElement.lang = locale;
      set({ locale });
    };
    // The words first (at once when fetched before), then the switch: never a half-translated
    // screen. Offline before they ever arrived, the switch waits for the next press.
    if (catalogs[locale]) apply();
    else loadLocale(locale).then(apply, () => {});
  },
}));

/**
 * `{name}` is replaced by a value; `{count, plural, one {# stap} other {# stappen}}` picks the form
 * the language's plural rules ask for (Intl.PluralRules), with `#` the number.
 */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  // Only before a locale's chunk has arrived (it failed to, offline): Dutch rather than nothing.
  let text = (catalogs[locale] ?? nl)[key];
  if (!vars) return text;
  text = text.replace(PLURAL, (_all, name: string, forms: string) => {
    const n = Number(vars[name]);
    const chosen = pluralRules(locale).select(n);
    const options = new Map<string, string>();
    for (const [, form, words] of forms.matchAll(/(\w+) \{([^}]*)\}/g))
      if (form !== undefined && words !== undefined) options.set(form, words);
    return (options.get(chosen) ?? options.get('other') ?? '').replaceAll('#', String(n));
  });
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

const PLURAL = /\{(\w+), plural, ((?:\w+ \{[^}]*\} ?)+)\}/g;
const rules = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
  let r = rules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale);
    rules.set(locale, r);
  }
  return r;
}

/** The same function for as long as the locale stays, so an effect that uses it runs once. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const locale = useLocale((s) => s.locale);
  return useCallback((key, vars) => translate(locale, key, vars), [locale]);
}

/** The plain-language message for a close code from the server (shared table in protocol). */
export function closeMessage(locale: Locale, code: number): string | null {
  const entry = closeCodeByNumber(code);
  return entry ? entry[locale] : null;
}

export type { MessageKey };
