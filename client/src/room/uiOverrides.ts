/**
 * tldraw UI overrides: undo/redo go through the binding's per-user undo manager, no "insert embed",
 * and tldraw's own
 * words for our shapes (read out when one is selected: a raw "tool.first-step" before) and a few of
 * its Dutch strings come from our i18n layer.
 */
import { useMemo } from 'react';
import type { TLUiOverrides } from 'tldraw';
import { type Locale, type MessageKey, translate, useLocale } from '../i18n/i18n.ts';
import { useRoomContext } from '../sync/roomContext.ts';

const TLDRAW_KEYS = [
  'tool.loop-step',
  'tool.behaviour',
  'tool.first-step',
  'tool.pattern-title',
  // Left in English by tldraw's Dutch, or a word a Dutch reader stumbles on.
  'size-style.m',
  'geo-style.cloud',
  'tool.cloud',
  'geo-style.pentagon',
  'tool.pentagon',
  'geo-style.x-box',
  'tool.x-box',
  'style-panel.spline',
  'style-panel.dash',
  'action.open-cursor-chat',
] as const;

function tldrawStrings(locale: Locale): Record<string, string> {
  return Object.fromEntries(
    TLDRAW_KEYS.map((key) => [key, translate(locale, `tldraw.${key}` as MessageKey)]),
  );
}

export function useRoomUiOverrides(): TLUiOverrides {
  const { connection } = useRoomContext();
  // The words of the locale on screen (a language's words are here once it is chosen), and Dutch.
  const locale = useLocale((s) => s.locale);
  return useMemo<TLUiOverrides>(
    () => ({
      actions(_editor, actions) {
        const undo = actions.undo;
        const redo = actions.redo;
        if (undo) undo.onSelect = () => connection.binding?.undo();
        if (redo) redo.onSelect = () => connection.binding?.redo();
        // No frames may show here (RoomCanvas.tsx): an embed would be an empty box.
        delete actions['insert-embed'];
        return actions;
      },
      translations: { nl: tldrawStrings('nl'), [locale]: tldrawStrings(locale) },
    }),
    [connection, locale],
  );
}
