/**
 * The entry, kept tiny: the page's own code starts loading one short round trip after the HTML.
 * On a room's address the room's chunk (tldraw and everything on the canvas) and the room's first
 * questions to the server start at once, alongside React and the app, instead of one after the other.
 */
import './styles.css';

if (location.pathname.startsWith('/r/')) {
  // A failure here shows where the page needs the chunk: App's Suspense, under its ErrorBoundary.
  import('./room/RoomPage.tsx').catch(() => {});
  void import('./sync/roomStart.ts').then((m) => m.startRoomRequests());
}
void import('./App.tsx').then((m) => m.mountApp());
