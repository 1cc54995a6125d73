/**
 * tldraw's style panel (colours, sizes) only when it has something to style: a selection, or a
 * drawing tool in hand. Always open, it covered the organisations legend and, on a tablet, the
 * conversation panel's fold button, and it styles nothing of an empty selection.
 */
import { DefaultStylePanel, type TLUiStylePanelProps, useEditor, useValue } from 'tldraw';

const TOOLS_WITHOUT_STYLE = new Set(['select', 'hand', 'eraser', 'laser', 'zoom']);

export function StylePanelWhenUseful(props: TLUiStylePanelProps) {
  const editor = useEditor();
  const useful = useValue(
    'style panel useful',
    () => editor.getSelectedShapeIds().length > 0 || !TOOLS_WITHOUT_STYLE.has(editor.getCurrentToolId()),
    [editor],
  );
  return useful ? <DefaultStylePanel {...props} /> : null;
}
