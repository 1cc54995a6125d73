/**
 * The workshop at this address (`/w/<id>#k=<token>`, also `/w/<id>/samenvatting`): its tables from
 * the server, one TableWatcher each, and their live views. Disposed with the page.
 */
import { isValidRoomId, LINK_TOKEN_PARAM, type WorkshopResponse } from '@patroonkaart/protocol';
import { useEffect, useRef, useState } from 'react';
import { ApiFailure, getWorkshop } from '../sync/api.ts';
import { syncServerClock } from '../sync/serverClock.ts';
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

export function readWorkshopAddress(loc: Pick<Location, 'pathname' | 'hash'> = location) {
  const match = /^\/w\/([^/]+)(\/samenvatting)?\/?$/.exec(loc.pathname);
  if (!match || !isValidRoomId(match[1]!)) return null;
  const token = new URLSearchParams(loc.hash.replace(/^#/, '')).get(LINK_TOKEN_PARAM);
  return { workshopId: match[1]!, token, summary: Boolean(match[2]) };
}

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
            views: workshop.tables.map((t) => views.current.get(t.roomId)!),
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
