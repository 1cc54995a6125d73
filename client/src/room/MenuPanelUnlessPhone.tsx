/**
 * tldraw's menu zone (its main menu and page menu), except on a phone: there the top bar's "Menu"
 * is the one menu, so a partner does not have to guess which of two menus holds "Exporteren".
 * Undo and redo stay in tldraw's quick actions above the toolbar.
 */
import { DefaultMenuPanel } from 'tldraw';
import { PHONE_WIDTH, useWidthAtMost } from '../ui/compactLayout.ts';

export function MenuPanelUnlessPhone() {
  const phone = useWidthAtMost(PHONE_WIDTH - 1);
  return phone ? null : <DefaultMenuPanel />;
}
