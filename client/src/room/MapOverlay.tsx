/**
 * Everything that floats over the room's canvas: the palette and the loop panel (wired to live loop
 * detection), the conversation with its voting banner, vote buttons, results and outcome, and who is
 * here. The room composes them; the folders they come from know nothing of each other's UI. It is
 * part of the room's tools chunk (roomTools.ts), which the canvas does not wait for.
 */
import { useEffect } from 'react';
import { useEditor } from 'tldraw';
import { watchLoops } from '../canvas/watchLoops.ts';
import { ConversationPanel } from '../conversation/ConversationPanel.tsx';
import { PeopleLegend } from '../conversation/PeopleLegend.tsx';
import { StepVotingLayer } from '../conversation/StepVotingLayer.tsx';
import { VotingBanner } from '../conversation/VotingBanner.tsx';
import { useOutcomeOpen, useResultsOpen } from '../conversation/viewsOpen.ts';
import { LoopPanel } from '../loopmap/LoopPanel.tsx';
import { LoopRunLayer } from '../loopmap/LoopRunLayer.tsx';
import { Palette } from '../loopmap/Palette.tsx';
import { useLoopStore } from '../state/loopStore.ts';
import { useCanEditMap } from '../state/useCanEditMap.ts';
import { ChangeAnnouncer } from '../ui/ChangeAnnouncer.tsx';
import type { PanelKey } from '../ui/compactLayout.ts';
import { PanelRail } from '../ui/PanelRail.tsx';
import { fitMapIntoView } from './fitMapIntoView.ts';
import { OutcomeView, ResultsView } from './lazyParts.tsx';

export function MapOverlay() {
  const editor = useEditor();
  useEffect(() => watchLoops(editor), [editor]);
  const canEdit = useCanEditMap();
  const hasSteps = useLoopStore((s) => s.stepCount > 0);
  const [resultsOpen, setResultsOpen] = useResultsOpen();
  const [outcomeOpen, setOutcomeOpen] = useOutcomeOpen();
  const panels: PanelKey[] = [
    ...(canEdit ? (['palette'] as const) : []),
    'talk',
    ...(hasSteps ? (['loops'] as const) : []),
    'people',
  ];
  return (
    <>
      <ChangeAnnouncer />
      <StepVotingLayer />
      <LoopRunLayer />
      <VotingBanner onResults={() => setResultsOpen(true)} />
      <PanelRail panels={panels} />
      {/* One left column, so a palette that grows (an arrow's sign) pushes the conversation down. */}
      <div className="pk-left">
        {canEdit ? <Palette /> : null}
        <ConversationPanel onResults={() => setResultsOpen(true)} onOutcome={() => setOutcomeOpen(true)} />
      </div>
      <PeopleLegend />
      <LoopPanel canEdit={canEdit} onArranged={() => fitMapIntoView(editor)} />
      {resultsOpen ? <ResultsView onClose={() => setResultsOpen(false)} /> : null}
      {outcomeOpen ? <OutcomeView onClose={() => setOutcomeOpen(false)} /> : null}
    </>
  );
}
