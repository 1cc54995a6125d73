/**
 * The room's tools (roomTools.ts) arrive just after the canvas: a partner on a slow link sees the
 * map first and the palette, the conversation and the rest a moment later, instead of waiting for
 * all of it. The fetch starts as the canvas shows, online or not, so a partner whose network drops
 * right after the room opened still has them (and can still export the map as an image). If it
 * fails, a notice says so in plain words and the fetch is tried again when the browser is online.
 */
import { type ComponentType, useEffect, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { lazyDialog, lazyPart } from './lazyParts.tsx';

type RoomTools = typeof import('./roomTools.ts');

let tools: Promise<RoomTools> | null = null;

/** The tools' chunk, fetched once; a failed fetch is forgotten, so the next call tries again. */
export function loadRoomTools(): Promise<RoomTools> {
  tools ??= import('./roomTools.ts').catch((error: unknown) => {
    tools = null;
    throw error;
  });
  return tools;
}

/** tldraw's InFrontOfTheCanvas: the room's MapOverlay, once its chunk is here. */
export function MapOverlayWhenLoaded() {
  const t = useT();
  const [overlay, setOverlay] = useState<{ Overlay: ComponentType } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let mounted = true;
    const load = () =>
      loadRoomTools().then(
        (m) => {
          if (!mounted) return;
          setOverlay({ Overlay: m.MapOverlay });
          window.removeEventListener('online', load);
        },
        () => mounted && setFailed(true),
      );
    window.addEventListener('online', load);
    void load();
    return () => {
      mounted = false;
      window.removeEventListener('online', load);
    };
  }, []);
  if (overlay) return <overlay.Overlay />;
  return failed ? (
    <div className="pk-banner pk-tools-failed" role="alert" data-testid="tools-failed">
      {t('room.toolsFailed')}
    </div>
  ) : null;
}

export const ExportDialog = lazyDialog(() => loadRoomTools().then((m) => m.ExportDialog));

/** Votes are cast on the map; the list view shows them too, so it gets nothing if they cannot load. */
export const VotePanel = lazyPart(
  () => loadRoomTools().then((m) => m.VotePanel),
  () => null,
);
