/** PNG and SVG export of the whole map or the selection, with title and legend. */
import { exportFileName } from '@patroonkaart/model';
import type { Editor, TLShapeId } from 'tldraw';
import { type Locale, translate } from '../i18n/i18n.ts';
import { composeSvg } from './composeSvg.ts';
import { svgToPng } from './rasterize.ts';
import { describeMap, summariseSelection } from './selectionSummary.ts';

export interface ImageExportOptions {
  format: 'png' | 'svg';
  scope: 'all' | 'selection';
  background: 'white' | 'transparent';
  scale: 1 | 2 | 3;
  includeTitleAndLegend: boolean;
}

export interface ExportedFile {
  blob: Blob;
  fileName: string;
  width: number;
  height: number;
}

export function exportShapeIds(editor: Editor, scope: 'all' | 'selection'): TLShapeId[] {
  const ids = scope === 'selection' ? editor.getSelectedShapeIds() : [...editor.getCurrentPageShapeIds()];
  return ids.length ? ids : [...editor.getCurrentPageShapeIds()];
}

/** `partnerOrganisations`: organisations of the partners in the session, for the legend. */
export async function exportImage(
  editor: Editor,
  options: ImageExportOptions,
  locale: Locale,
  partnerOrganisations: readonly string[] = [],
  now = new Date(),
): Promise<ExportedFile> {
  const ids = exportShapeIds(editor, options.scope);
  if (ids.length === 0) throw new Error('empty');
  const rendered = await editor.getSvgString(ids, { background: false, padding: 32, scale: 1 });
  if (!rendered) throw new Error('empty');
  const chosen = summariseSelection(editor, new Set(ids));
  // The page's title, for an export that leaves the title card out.
  const pageTitle = chosen.title
    ? ''
    : summariseSelection(editor, new Set(exportShapeIds(editor, 'all'))).title;
  const summary = {
    ...chosen,
    organisations: [...new Set([...chosen.organisations, ...partnerOrganisations.filter(Boolean)])].sort(),
  };
  const composed = composeSvg({
    mapSvg: rendered.svg,
    mapWidth: rendered.width,
    mapHeight: rendered.height,
    summary,
    description: describeMap(summary, locale),
    includeTitleAndLegend: options.includeTitleAndLegend,
    heading: pageTitle,
    background: options.background,
    labels: {
      behaviours: translate(locale, 'export.legend.behaviours'),
      organisations: translate(locale, 'export.legend.organisations'),
      signs:
        summary.loopType && summary.loopType !== '?'
          ? `${translate(locale, 'export.legend.signs')} ${translate(locale, 'export.legend.loopType', { type: translate(locale, `loops.type.${summary.loopType}`) })}`
          : translate(locale, 'export.legend.signs'),
    },
  });
  const fileName = exportFileName(summary.title || 'patroonkaart', now, options.format);
  if (options.format === 'svg') {
    return {
      blob: new Blob([composed.svg], { type: 'image/svg+xml' }),
      fileName,
      width: composed.width,
      height: composed.height,
    };
  }
  const blob = await svgToPng(composed.svg, composed.width, composed.height, options.scale);
  return {
    blob,
    fileName,
    width: Math.round(composed.width * options.scale),
    height: Math.round(composed.height * options.scale),
  };
}
