/** Everything of the loop map that floats over the canvas, wired to live loop detection. */
import { useEffect } from 'react';
import { useEditor } from 'tldraw';
import { LoopPanel } from './LoopPanel.tsx';
import { watchLoops } from './loopStore.ts';
import { Palette } from './Palette.tsx';

export function MapOverlay() {
  const editor = useEditor();
  useEffect(() => watchLoops(editor), [editor]);
  return (
    <>
      <Palette />
      <LoopPanel />
    </>
  );
}
