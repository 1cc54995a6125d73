import { LandingPage } from './landing/LandingPage.tsx';
import { RoomPage } from './room/RoomPage.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';

/** Two pages: the landing page, and a room. No router library needed for that. */
export function App() {
  const isRoom = location.pathname.startsWith('/r/');
  return <ErrorBoundary>{isRoom ? <RoomPage /> : <LandingPage />}</ErrorBoundary>;
}
