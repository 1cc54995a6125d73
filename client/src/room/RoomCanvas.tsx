/**
 * The tldraw canvas of one room: our shapes, bundled assets (no CDN), the licence key from the
 * server, Dutch UI, presence, and undo/redo through the binding (so undo only ever reverts my
 * own edits, never a partner's).
 */

import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite';
import { useEffect, useMemo, useState } from 'react';
import 'tldraw/tldraw.css';
import {
  atom,
  createPresenceStateDerivation,
  defaultBindingUtils,
  defaultShapeUtils,
  type Editor,
  react,
  type TLComponents,
  type TLUiOverrides,
  type TLUser,
  Tldraw,
} from 'tldraw';
import { hasPendingImport } from '../export/pendingImport.ts';
import { useLocale, useT } from '../i18n/i18n.ts';
import { bindingUtils, shapeUtils } from '../shapes/index.ts';
import { useMe } from '../state/meStore.ts';
import { useCanEditMap } from '../state/useCanEditMap.ts';
import { useRoomContext } from '../sync/roomContext.ts';
import { fitMapIntoView, fitMapWhenPanelsSettle } from './fitMapIntoView.ts';
import { keepEditingInView } from './keepEditingInView.ts';
import { loadRoomTools, MapOverlayWhenLoaded } from './lazyTools.tsx';
import { useListView } from './listViewStore.ts';
import { MenuPanelUnlessPhone } from './MenuPanelUnlessPhone.tsx';
import { RoomTopPanel } from './RoomTopPanel.tsx';
import { StylePanelWhenUseful } from './StylePanelWhenUseful.tsx';
import { useRoomUiOverrides } from './uiOverrides.ts';

/**
 * The server's Content-Security-Policy forbids frames (`frame-src 'none'`), so tldraw's embeds
 * (YouTube, Figma and the like) could never show in a room: the room offers none (no definitions,
 * no "insert embed" action, uiOverrides.ts), and tldraw need not preload their sixteen icons on a
 * partner's first load. An empty URL is one tldraw skips.
 */
const assetUrls = ((urls) => ({
  ...urls,
  embedIcons: Object.fromEntries(Object.keys(urls.embedIcons).map((type) => [type, ''])),
}))(getAssetUrlsByImport());
const NO_EMBEDS: [] = [];
const allShapeUtils = [...defaultShapeUtils, ...shapeUtils];
const allBindingUtils = [...defaultBindingUtils, ...bindingUtils];

interface RoomCanvasProps {
  licenseKey: string | undefined;
  onEditor?(editor: Editor): void;
  /** Only when the server runs with TEST_HOOKS=1: end-to-end tests drive the editor through it. */
  exposeTestHandle?: boolean;
}

export function RoomCanvas({ licenseKey, onEditor, exposeTestHandle }: RoomCanvasProps) {
  const { connection } = useRoomContext();
  const locale = useLocale((s) => s.locale);
  const t = useT();
  // A viewer, an outdated schema, or a partner after "Gesprek afronden" with the map closed.
  const readOnly = !useCanEditMap();

  useEffect(() => connection.setReadOnly(readOnly), [connection, readOnly]);

  // tldraw's own menus follow the app's language switch.
  const [editor, setEditor] = useState<Editor | null>(null);
  useEffect(() => {
    editor?.user.updateUserPreferences({ locale });
  }, [editor, locale]);

  // One atom for the page's life: tldraw's presence derivation reads it, so a new name must be
  // set into it, not put into a new atom the derivation never sees.
  const [$user] = useState(() => atom<TLUser | null>('presence user', presenceUser()));
  const me = useMe((s) => s.user);
  const colour = useMe((s) => s.colour);
  useEffect(() => {
    $user.set(presenceUser());
    editor?.user.updateUserPreferences({ name: me.name, color: colour });
  }, [$user, editor, me, colour]);

  const overrides: TLUiOverrides = useRoomUiOverrides();
  const components: TLComponents = useMemo(
    () => ({
      TopPanel: RoomTopPanel,
      InFrontOfTheCanvas: MapOverlayWhenLoaded,
      StylePanel: StylePanelWhenUseful,
      MenuPanel: MenuPanelUnlessPhone,
      // One map per room: summaries, exports and the list view read one page, so there is no page menu.
      PageMenu: null,
    }),
    [],
  );

  return (
    <>
      {/* First in the tab order: the whole map as lists, for the keyboard and screen readers. */}
      <button
        type="button"
        className="pk-skip"
        data-focus-home
        onClick={() => useListView.getState().setOpen(true)}
      >
        {t('list.skip')}
      </button>
      <Tldraw
        store={connection.store}
        shapeUtils={allShapeUtils}
        bindingUtils={allBindingUtils}
        assetUrls={assetUrls}
        embeds={NO_EMBEDS}
        licenseKey={licenseKey}
        overrides={overrides}
        components={components}
        onMount={(editor) => {
          setEditor(editor);
          editor.user.updateUserPreferences({ locale, name: me.name, color: colour });
          const presence = createPresenceStateDerivation($user, {
            instanceId: `instance_presence:${connection.doc.clientID}` as never,
          })(connection.store);
          const stop = react('publish presence', () => {
            const value = presence.get();
            connection.presence?.setLocalPresence(value as unknown as Record<string, unknown> | null);
          });
          // Only a room just made from a map file needs the importer (and its validation) at once.
          if (hasPendingImport(connection.roomId))
            import('../export/mapFile.ts').then(
              (m) => m.importPendingMap(editor, connection.roomId),
              // The file stays where the landing page left it: a reload imports it.
              (error: unknown) => console.error('Patroonkaart: the map importer could not be fetched', error),
            );
          // Start with the whole map in view, however large the template, clear of every panel.
          const stopFitting =
            editor.getCurrentPageShapeIds().size > 0
              ? fitMapWhenPanelsSettle(editor, loadRoomTools())
              : () => {};
          // One undo step per gesture, as in tldraw's own history.
          const onEvent = (info: { name: string }) => {
            if (info.name === 'pointer_up') connection.binding?.markUndoStep();
          };
          editor.on('event', onEvent);
          onEditor?.(editor);
          if (exposeTestHandle)
            (window as unknown as { __patroonkaart?: unknown }).__patroonkaart = {
              editor,
              connection,
              fitMap: () => fitMapIntoView(editor),
            };
          const stopKeepingInView = keepEditingInView(editor);
          return () => {
            stop();
            stopFitting();
            stopKeepingInView();
            editor.off('event', onEvent);
          };
        }}
      />
    </>
  );
}

function presenceUser(): TLUser {
  const { user, colour } = useMe.getState();
  return {
    id: `user:${user.id}` as TLUser['id'],
    typeName: 'user',
    name: user.name,
    color: colour,
    imageUrl: '',
    meta: {},
  };
}
