/**
 * The one i18n layer: `useT()` in components, `translate()` elsewhere. The locale lives in a
 * zustand store, persisted per device; tldraw's own UI follows it (see RoomCanvas).
 */
import { closeCodeByNumber } from '@patroonkaart/protocol';
import { create } from 'zustand';
import { en } from './en.ts';
import { type MessageKey, nl } from './nl.ts';

export type Locale = 'nl' | 'en';
const catalogs: Record<Locale, Record<MessageKey, string>> = { nl, en };
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
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    document.documentElement.lang = locale;
    set({ locale });
  },
}));

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  let text = catalogs[locale][key];
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const locale = useLocale((s) => s.locale);
  return (key, vars) => translate(locale, key, vars);
}

/** The plain-language message for a close code from the server (shared table in protocol). */
export function closeMessage(locale: Locale, code: number): string | null {
  const entry = closeCodeByNumber(code);
  return entry ? entry[locale] : null;
}

export type { MessageKey };
