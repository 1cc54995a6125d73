/**
 * A workshop's addresses (`/w/<id>#k=<token>`, `/w/<id>/samenvatting`, `/w/<id>/plenair`), read and
 * written. Apart from the workshop's pages, so the app can pick a page without loading any of them.
 */
import { isValidRoomId, LINK_TOKEN_PARAM } from '@patroonkaart/protocol';

/** The workshop's pages, by the last part of their address (none: the overview). */
export type WorkshopPageKind = 'overview' | 'summary' | 'plenary';
const PAGE_PATHS: Record<Exclude<WorkshopPageKind, 'overview'>, string> = {
  summary: 'samenvatting',
  plenary: 'plenair',
};

export function readWorkshopAddress(loc: Pick<Location, 'pathname' | 'hash'> = location) {
  const [, workshopId, pagePath] = /^\/w\/([^/]+)(?:\/([^/]+))?\/?$/.exec(loc.pathname) ?? [];
  if (workshopId === undefined || !isValidRoomId(workshopId)) return null;
  const page = pagePath
    ? (Object.entries(PAGE_PATHS).find(([, path]) => path === pagePath)?.[0] as WorkshopPageKind | undefined)
    : 'overview';
  if (!page) return null;
  const token = new URLSearchParams(loc.hash.replace(/^#/, '')).get(LINK_TOKEN_PARAM);
  return { workshopId, token, page };
}

/** The address of one of the workshop's pages, with its key in the fragment (never sent to a server). */
export function workshopPageUrl(workshopId: string, page: WorkshopPageKind, token: string): string {
  const path = page === 'overview' ? '' : `/${PAGE_PATHS[page]}`;
  return `/w/${workshopId}${path}#${LINK_TOKEN_PARAM}=${token}`;
}
