/**
 * The room's tools, one chunk that the canvas does not wait for (lazyTools.tsx loads it): everything
 * over the map (MapOverlay: palette, conversation, loops, voting, who is here), the export dialog
 * and the vote panel of the list view.
 */
export { VotePanel } from '../conversation/VotePanel.tsx';
export { ExportDialog } from '../export/ExportDialog.tsx';
export { MapOverlay } from './MapOverlay.tsx';
