import { AccessibilityStatement } from './landing/AccessibilityStatement.tsx';
import { LandingPage } from './landing/LandingPage.tsx';
import { RoomPage } from './room/RoomPage.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { SummaryPage } from './workshop/SummaryPage.tsx';
import { readWorkshopAddress } from './workshop/useWorkshop.ts';
import { WorkshopPage } from './workshop/WorkshopPage.tsx';

/** The landing page, a room, a workshop's overview and its summary. No router library needed. */
export function App() {
  const isRoom = location.pathname.startsWith('/r/');
  const workshop = readWorkshopAddress();
  const page = workshop ? (
    workshop.summary ? (
      <SummaryPage workshopId={workshop.workshopId} token={workshop.token} />
    ) : (
      <WorkshopPage workshopId={workshop.workshopId} token={workshop.token} />
    )
  ) : location.pathname.startsWith('/toegankelijkheid') ? (
    <AccessibilityStatement />
  ) : isRoom ? (
    <RoomPage />
  ) : (
    <LandingPage />
  );
  return <ErrorBoundary>{page}</ErrorBoundary>;
}
