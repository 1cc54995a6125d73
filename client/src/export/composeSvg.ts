/**
 * The exported image: the map as tldraw draws it (its pattern-title card included, so the title
 * shows once), a legend below (behaviours used, arrow signs and loop type when used, partner
 * organisations), and a <title>/<desc> for assistive technology.
 */
import { EXPORT_FONT, wrapText } from '../shapes/svgText.tsx';
import type { SelectionSummary } from './selectionSummary.ts';

export interface ComposeOptions {
  mapSvg: string;
  mapWidth: number;
  mapHeight: number;
  summary: SelectionSummary;
  description: string;
  includeTitleAndLegend: boolean;
  background: 'white' | 'transparent';
  /** `signs`: the legend line for arrow signs, shown when the map uses them. */
  labels: { behaviours: string; organisations: string; signs?: string };
  /** With title and legend: a heading above the map, for a map whose own title card is not in it. */
  heading?: string;
}

const PAD = 24;
const TITLE_H = 56;
const ROW_H = 26;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function composeSvg(o: ComposeOptions): { svg: string; width: number; height: number } {
  // The title is the map's own pattern-title card when it is exported; an export without it (a
  // selection) gets the title as a heading when title and legend are asked for.
  const heading = o.heading?.trim() ?? '';
  const showTitle = o.includeTitleAndLegend && heading !== '';
  const legendRows: string[] = [];
  const width = Math.max(Math.ceil(o.mapWidth), o.includeTitleAndLegend ? 560 : 1);
  let y = 0;
  if (o.includeTitleAndLegend) {
    const legendWidth = width - PAD * 2;
    let ly = 0;
    if (o.summary.behaviours.length) {
      legendRows.push(
        `<text x="${PAD}" y="${ly}" font-weight="700" font-size="15" dominant-baseline="hanging">${escapeXml(o.labels.behaviours)}</text>`,
      );
      ly += ROW_H;
      for (const b of o.summary.behaviours) {
        const lines = wrapText(`${b.name}: ${b.utterance}`, 14, legendWidth - 48);
        legendRows.push(
          `<rect x="${PAD}" y="${ly - 3}" width="36" height="20" rx="8" fill="${escapeXml(b.colour)}" stroke="#33333366"/>` +
            `<text x="${PAD + 18}" y="${ly + 2}" font-size="11" font-weight="700" text-anchor="middle" dominant-baseline="hanging">${escapeXml(b.icon)}</text>` +
            lines
              .map(
                (line, i) =>
                  `<text x="${PAD + 46}" y="${ly + i * 18}" font-size="14" dominant-baseline="hanging">${escapeXml(line)}</text>`,
              )
              .join(''),
        );
        ly += Math.max(ROW_H, lines.length * 18 + 8);
      }
    }
    if (o.summary.signs && o.labels.signs) {
      legendRows.push(
        `<text x="${PAD}" y="${ly}" font-size="14" dominant-baseline="hanging">${escapeXml(o.labels.signs)}</text>`,
      );
      ly += ROW_H;
    }
    if (o.summary.organisations.length) {
      legendRows.push(
        `<text x="${PAD}" y="${ly}" font-size="14" dominant-baseline="hanging"><tspan font-weight="700">${escapeXml(o.labels.organisations)}:</tspan> ${escapeXml(o.summary.organisations.join(', '))}</text>`,
      );
      ly += ROW_H;
    }
    y = ly;
  }
  const legendHeight = legendRows.length ? y + PAD : 0;
  const titleHeight = showTitle ? TITLE_H : 0;
  const height = Math.ceil(titleHeight + o.mapHeight + legendHeight);
  const inner = o.mapSvg
    .replace(/^<\?xml[^>]*>/, '')
    .replace(/<svg\b/, `<svg x="${(width - o.mapWidth) / 2}" y="${titleHeight}"`);
  const accessibleTitle = o.summary.title || heading || 'Patroonkaart';
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="pk-title pk-desc">`,
    `<title id="pk-title">${escapeXml(accessibleTitle)}</title>`,
    `<desc id="pk-desc">${escapeXml(o.description)}</desc>`,
    o.background === 'white' ? `<rect width="${width}" height="${height}" fill="#ffffff"/>` : '',
    showTitle
      ? `<text x="${width / 2}" y="${PAD}" font-family="${escapeXml(EXPORT_FONT)}" font-size="26" font-weight="700" fill="#1f5f8b" text-anchor="middle" dominant-baseline="hanging">${escapeXml(heading)}</text>`
      : '',
    inner,
    legendRows.length
      ? `<g font-family="${escapeXml(EXPORT_FONT)}" fill="#1d2733" transform="translate(0 ${titleHeight + o.mapHeight})">${legendRows.join('')}</g>`
      : '',
    '</svg>',
  ].join('');
  return { svg, width, height };
}
