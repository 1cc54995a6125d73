/**
 * Whether the list view is open: the top bar's "Lijstweergave" and the skip link before the
 * canvas ("Naar de lijstweergave", first in the tab order) open the same dialog.
 */
import { create } from 'zustand';

export const useListView = create<{ open: boolean; setOpen(open: boolean): void }>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
