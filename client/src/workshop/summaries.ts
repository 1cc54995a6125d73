/** Every table's summary and map picture, as the Markdown file and the print page use them. */
import { mapPictureSvg } from '@patroonkaart/picture';
import type { ComponentProps } from 'react';
import { summariseTable } from '../conversation/tableSummary.ts';
import { type Locale, translate } from '../i18n/i18n.ts';
import { templateName } from '../sync/library.ts';
import type { MapThumbnail } from '../ui/MapThumbnail.tsx';
import type { SummarisedTable } from './summaryMarkdown.ts';
import type { TableView } from './TableWatcher.ts';

/** A table's summary, and its map picture as the props of a MapThumbnail. */
export interface TableDigest extends Omit<SummarisedTable, 'mapSvg'> {
  map: ComponentProps<typeof MapThumbnail>;
}

/** `marks`: per table, the cards the plenary outlines with their badges (plenary.ts, markLabels). */
export function summarise(
  views: readonly TableView[],
  locale: Locale,
  marks: readonly ReadonlyMap<string, string>[] = [],
): TableDigest[] {
  const labels = {
    pattern: translate(locale, 'vote.pattern'),
    loop: translate(locale, 'vote.loop', { n: '' }).trim(),
  };
  return views.map((view, i) => ({
    number: i + 1,
    summary: summariseTable(view.records, labels),
    // A saved template by its name in the library as this page last read it (sync/library.ts).
    template: templateName(locale, view.table.template),
    map: {
      records: view.records,
      label: translate(locale, 'workshop.thumb', { n: i + 1 }),
      width: 640,
      height: 420,
      ...(marks[i]?.size ? { marks: marks[i] } : {}),
    },
  }));
}

/** The tables with their map pictures as standalone SVG documents, for the Markdown file. */
export function withMapSvgs(tables: readonly TableDigest[], locale: Locale): SummarisedTable[] {
  return tables.map(({ map, ...table }) => ({
    ...table,
    mapSvg: mapPictureSvg(map.records, {
      label: map.label,
      width: map.width,
      height: map.height,
      labels: { firstStep: translate(locale, 'picture.firstStep') },
      ...(map.marks ? { marks: map.marks } : {}),
    }),
  }));
}

export function download(name: string, text: string, type = 'text/markdown'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
