import { lazy, Suspense } from 'react';
import { AccessibilityStatement } from './landing/AccessibilityStatement.tsx';
import { LandingPage } from './landing/LandingPage.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { readWorkshopAddress } from './workshop/useWorkshop.ts';

/**
 * A room is the only page that needs tldraw (most of the bundle): it is loaded on first use, so
 * the landing page, the statement and a workshop's overview open without it.
 */
const RoomPage = lazy(() => import('./room/RoomPage.tsx').then((m) => ({ default: m.RoomPage })));
/** The facilitator's pages: a partner at a table never loads them. */
const WorkshopPage = lazy(() =>
  import('./workshop/WorkshopPage.tsx').then((m) => ({ default: m.WorkshopPage })),
);
const SummaryPage = lazy(() =>
  import('./workshop/SummaryPage.tsx').then((m) => ({ default: m.SummaryPage })),
);
const PlenaryPage = lazy(() =>
  import('./workshop/PlenaryPage.tsx').then((m) => ({ default: m.PlenaryPage })),
);

function Loading() {
  return (
    <div className="pk-loading" role="status">
      <div className="pk-spinner" aria-hidden="true" />
    </div>
  );
}

/** The landing page, a room, a workshop's overview, summary and plenary. No router library needed. */
export function App() {
  const isRoom = location.pathname.startsWith('/r/');
  const workshop = readWorkshopAddress();
  const page = workshop ? (
    <Suspense fallback={<Loading />}>
      {workshop.page === 'summary' ? (
        <SummaryPage workshopId={workshop.workshopId} token={workshop.token} />
      ) : workshop.page === 'plenary' ? (
        <PlenaryPage workshopId={workshop.workshopId} token={workshop.token} />
      ) : (
        <WorkshopPage workshopId={workshop.workshopId} token={workshop.token} />
      )}
    </Suspense>
  ) : location.pathname.startsWith('/toegankelijkheid') ? (
    <AccessibilityStatement />
  ) : isRoom ? (
    <Suspense fallback={<Loading />}>
      <RoomPage />
    </Suspense>
  ) : (
    <LandingPage />
  );
  return <ErrorBoundary>{page}</ErrorBoundary>;
}
