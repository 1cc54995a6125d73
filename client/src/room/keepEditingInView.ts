/**
 * On a phone the on-screen keyboard takes the lower half of the screen. When the visible part of
 * the page shrinks while a card's text is being edited, the canvas moves the card up into what
 * is still visible, so the partner sees what they type.
 */
import type { Editor } from 'tldraw';

const MARGIN = 16;

export function keepEditingInView(editor: Editor): () => void {
  const viewport = window.visualViewport;
  if (!viewport) return () => {};
  const onResize = () => {
    const id = editor.getEditingShapeId();
    if (!id) return;
    const bounds = editor.getShapePageBounds(id);
    if (!bounds) return;
    const bottom = editor.pageToViewport({ x: bounds.x, y: bounds.maxY }).y;
    const top = editor.pageToViewport({ x: bounds.x, y: bounds.y }).y;
    const visible = viewport.height - MARGIN;
    if (bottom <= visible) return;
    // Move up by what is hidden, but never past the card's top edge.
    const shift = Math.min(bottom - visible, Math.max(0, top - MARGIN));
    const camera = editor.getCamera();
    editor.setCamera({ ...camera, y: camera.y - shift / camera.z }, { immediate: true });
  };
  viewport.addEventListener('resize', onResize);
  return () => viewport.removeEventListener('resize', onResize);
}
