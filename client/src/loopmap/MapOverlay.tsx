/** Everything of the loop map that floats over the canvas, wired to live loop detection. */
import { useEffect } from 'react';
import { useEditor } from 'tldraw';
import { ConversationPanel } from '../conversation/ConversationPanel.tsx';
import { PeopleLegend } from '../conversation/PeopleLegend.tsx';
import { useRoomContext } from '../room/roomContext.ts';
import { LoopPanel } from './LoopPanel.tsx';
import { watchLoops } from './loopStore.ts';
import { Palette } from './Palette.tsx';

export function MapOverlay() {
  const editor = useEditor();
  const { connection } = useRoomContext();
  useEffect(() => watchLoops(editor), [editor]);
  return (
    <>
      <Palette />
      <ConversationPanel />
      <PeopleLegend connection={connection} />
      <LoopPanel />
    </>
  );
}
