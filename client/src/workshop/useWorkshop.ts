/**
 * The workshop at this address (`/w/<id>#k=<token>`, also `/w/<id>/samenvatting` and
 * `/w/<id>/plenair`): its tables from the server, one TableWatcher each, and their live views.
 * Disposed with the page.
 */
import type { WorkshopResponse } from '@patroonkaart/protocol';
import { useEffect, useRef, useState } from 'react';
import { ApiFailure, getWorkshop } from '../sync/api.ts';
import { syncServerClock } from '../sync/serverClock.ts';
import { must } from '../ui/must.ts';
import { type TableView, TableWatcher } from './TableWatcher.ts';

export type WorkshopState =
  | { status: 'loading' | 'notFound' | 'unauthorized' | 'offline' }
  | {
      status: 'ready';
      workshop: WorkshopResponse;
      token: string;
      views: TableView[];
      watchers: TableWatcher[];
    };

export function useWorkshop(workshopId: string, token: string | null): WorkshopState {
  const [state, setState] = useState<WorkshopState>({ status: 'loading' });
  const views = useRef(new Map<string, TableView>());
  useEffect(() => {
    if (!token) {
      setState({ status: 'unauthorized' });
      return;
    }
    let watchers: TableWatcher[] = [];
    let cancelled = false;
    void syncServerClock();
    getWorkshop(workshopId, token)
      .then((workshop) => {
        if (cancelled) return;
        const publish = () => {
          if (cancelled) return;
          setState({
            status: 'ready',
            workshop,
            token,
            // Every table's first view is stored before the first publish.
            views: workshop.tables.map((t) => must(views.current.get(t.roomId), 'the view of a table')),
            watchers,
          });
        };
        watchers = workshop.tables.map(
          (table) =>
            new TableWatcher(table, token, (view) => {
              views.current.set(table.roomId, view);
              publish();
            }),
        );
        for (const w of watchers) views.current.set(w.view().table.roomId, w.view());
        publish();
      })
      .catch((failure: unknown) => {
        if (cancelled) return;
        const status = failure instanceof ApiFailure ? failure.status : null;
        setState({ status: status === 404 ? 'notFound' : status === 401 ? 'unauthorized' : 'offline' });
      });
    return () => {
      cancelled = true;
      for (const w of watchers) w.dispose();
    };
  }, [workshopId, token]);
  return state;
}
