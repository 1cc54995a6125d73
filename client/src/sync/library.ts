/**
 * The installation's template library as this page knows it: the list of GET /api/library, loaded
 * once per page and kept up to date with what this page changes (a template saved, imported or
 * removed); each saved template's map, fetched once, for its picture; and a template id said in
 * words (a seed loop's title, a saved template's name, a plain phrase for one since removed).
 */
import { BLANK_TEMPLATE_ID, EMPTY_TEMPLATE_ID, getTemplate } from '@patroonkaart/model';
import { isLibraryTemplateId, type LibraryTemplate } from '@patroonkaart/protocol';
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { type Locale, translate, useLocale } from '../i18n/i18n.ts';
import { getLibraryFile, listLibrary } from './api.ts';

interface LibraryState {
  /** Newest first; null while it was never read (or could not be). */
  templates: readonly LibraryTemplate[] | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
}

export const useLibraryStore = create<LibraryState>(() => ({ templates: null, status: 'idle' }));

let loading: Promise<void> | null = null;

/** Reads the list from the server (again); one request at a time. */
export function loadLibrary(): Promise<void> {
  if (loading) return loading;
  useLibraryStore.setState((s) => ({ status: s.templates ? s.status : 'loading' }));
  loading = listLibrary()
    .then(
      ({ templates }) => useLibraryStore.setState({ templates, status: 'ready' }),
      () => useLibraryStore.setState((s) => ({ status: s.templates ? s.status : 'failed' })),
    )
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** A template this page saved or imported: first in the list, as the server lists it. */
export function addedToLibrary(template: LibraryTemplate): void {
  useLibraryStore.setState((s) => ({
    templates: [template, ...(s.templates ?? []).filter((t) => t.id !== template.id)],
  }));
}

export function removedFromLibrary(templateId: string): void {
  useLibraryStore.setState((s) => ({ templates: s.templates?.filter((t) => t.id !== templateId) ?? null }));
  pictures.delete(templateId);
}

/** The library, read from the server when this page has not yet. */
export function useLibrary(): LibraryState {
  const state = useLibraryStore();
  useEffect(() => {
    if (useLibraryStore.getState().status === 'idle') void loadLibrary();
  }, []);
  return state;
}

/** A template id in words: a seed loop's title, a saved template's name, or what is known of it. */
export function templateName(
  locale: Locale,
  id: string,
  library: readonly LibraryTemplate[] | null = useLibraryStore.getState().templates,
): string {
  if (isLibraryTemplateId(id)) {
    const saved = library?.find((t) => t.id === id);
    if (saved) return saved.name;
    return translate(locale, library ? 'library.name.removed' : 'library.name.saved');
  }
  if (id === EMPTY_TEMPLATE_ID) return translate(locale, 'library.name.empty');
  if (id === BLANK_TEMPLATE_ID || id.startsWith(`${BLANK_TEMPLATE_ID}-`))
    return translate(locale, 'landing.blank');
  return getTemplate(id)?.title ?? id;
}

/** `templateName`, following the locale and the library (read when a saved template is named). */
export function useTemplateName(id: string): string {
  const locale = useLocale((s) => s.locale);
  const templates = useLibraryStore((s) => s.templates);
  useEffect(() => {
    if (isLibraryTemplateId(id) && useLibraryStore.getState().status === 'idle') void loadLibrary();
  }, [id]);
  return templateName(locale, id, templates);
}

type Records = readonly Record<string, unknown>[];
const pictures = new Map<string, Promise<Records | null>>();

/** A saved template's map records, for its picture (null until read, and when it cannot be). */
export function useLibraryRecords(templateId: string): Records | null {
  const [records, setRecords] = useState<Records | null>(null);
  useEffect(() => {
    let current = true;
    let picture = pictures.get(templateId);
    if (!picture) {
      picture = getLibraryFile(templateId).then(
        (file) => file.records,
        () => {
          pictures.delete(templateId);
          return null;
        },
      );
      pictures.set(templateId, picture);
    }
    void picture.then((r) => {
      if (current) setRecords(r);
    });
    return () => {
      current = false;
    };
  }, [templateId]);
  return records;
}
