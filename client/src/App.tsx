import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { loadLocale, prefetchLocales, useLocale } from './i18n/i18n.ts';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { readWorkshopAddress } from './workshop/workshopAddress.ts';

/**
 * Every page is a chunk of its own, loaded on first use: a room (tldraw, most of the bundle) does
 * not wait for the landing page, and the landing page, the statement and a workshop's overview
 * open without tldraw. main.tsx starts a room's chunk before this module has even arrived.
 */
const RoomPage = lazy(() => import('./room/RoomPage.tsx').then((m) => ({ default: m.RoomPage })));
const LandingPage = lazy(() => import('./landing/LandingPage.tsx').then((m) => ({ default: m.LandingPage })));
const AccessibilityStatement = lazy(() =>
  import('./landing/AccessibilityStatement.tsx').then((m) => ({ default: m.AccessibilityStatement })),
);
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
  const workshop = readWorkshopAddress();
  const page = workshop ? (
    workshop.page === 'summary' ? (
      <SummaryPage workshopId={workshop.workshopId} token={workshop.token} />
    ) : workshop.page === 'plenary' ? (
      <PlenaryPage workshopId={workshop.workshopId} token={workshop.token} />
    ) : (
      <WorkshopPage workshopId={workshop.workshopId} token={workshop.token} />
    )
  ) : location.pathname.startsWith('/toegankelijkheid') ? (
    <AccessibilityStatement />
  ) : location.pathname.startsWith('/r/') ? (
    <RoomPage />
  ) : (
    <LandingPage />
  );
  return (
    <ErrorBoundary>
      <Suspense fallback={<Loading />}>{page}</Suspense>
    </ErrorBoundary>
  );
}

export function mountApp(): void {
  const { locale } = useLocale.getState();
  document.documentElement.lang = locale;
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no element with id root');
  // A device set to English gets its words before the first render (Dutch is in this chunk); if
  // they cannot be fetched, the page is Dutch rather than blank.
  loadLocale(locale)
    .catch(() => {})
    .then(() => {
      createRoot(root).render(
        <StrictMode>
          <App />
        </StrictMode>,
      );
      // A room fetches the other language once it is live (RoomTopPanel), off the way to its canvas.
      if (!location.pathname.startsWith('/r/')) prefetchLocales();
    });
}
