/** Every table's summary and map picture, as the Markdown file and the print page use them. */
import { type ComponentProps, createElement, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { summariseTable } from '../conversation/tableSummary.ts';
import { type Locale, translate } from '../i18n/i18n.ts';
import { MapThumbnail } from '../ui/MapThumbnail.tsx';
import type { SummarisedTable } from './summaryMarkdown.ts';
import type { TableView } from './TableWatcher.ts';

/** A table's summary, and its map picture as the props of a MapThumbnail. */
export interface TableDigest extends Omit<SummarisedTable, 'mapSvg'> {
  map: ComponentProps<typeof MapThumbnail>;
}

export function summarise(views: readonly TableView[], locale: Locale): TableDigest[] {
  const labels = {
    pattern: translate(locale, 'vote.pattern'),
    loop: translate(locale, 'vote.loop', { n: '' }).trim(),
  };
  return views.map((view, i) => ({
    number: i + 1,
    summary: summariseTable(view.records, labels),
    map: {
      records: view.records,
      label: translate(locale, 'workshop.thumb', { n: i + 1 }),
      width: 640,
      height: 420,
    },
  }));
}

/**
 * The tables with their map pictures as standalone SVG documents, for the Markdown file. Renders
 * each picture: call it from an event handler, never while React renders (flushSync cannot flush
 * then, and the pictures would be empty).
 */
export function withMapSvgs(tables: readonly TableDigest[]): SummarisedTable[] {
  return tables.map(({ map, ...table }) => ({
    ...table,
    mapSvg: staticMarkup(createElement(MapThumbnail, map)).replace(
      '<svg ',
      '<svg xmlns="http://www.w3.org/2000/svg" ',
    ),
  }));
}

/**
 * The markup an element renders to, rendered by the react-dom already on the page: importing
 * react-dom/server for this put its server renderer (about 60 KB gzipped) in every partner's
 * first load.
 */
function staticMarkup(element: ReactElement): string {
  const host = document.createElement('div');
  const root = createRoot(host);
  flushSync(() => root.render(element));
  const markup = host.innerHTML;
  root.unmount();
  return markup;
}

export function download(name: string, text: string, type = 'text/markdown'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
