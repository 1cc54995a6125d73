/**
 * A table's map in miniature: the one picture of a map (packages/picture, drawn from records), so
 * the overview, the history preview and the summary page show bubbles with tails and arrows with
 * heads, exactly as the Markdown does. The SVG is built from escaped text only (mapPictureSvg
 * escapes every partner text), which is what makes inserting it as markup safe.
 */
import { mapPictureSvg } from '@patroonkaart/picture';
import { useMemo } from 'react';
import { useT } from '../i18n/i18n.ts';

export function MapThumbnail({
  records,
  label,
  width = 280,
  height = 180,
  marks,
  textScale,
  fluid = false,
}: {
  records: readonly Record<string, unknown>[];
  label: string;
  width?: number;
  height?: number;
  /** Cards to outline, by shape id, each with its badge's words (the plenary's shared cards). */
  marks?: ReadonlyMap<string, string>;
  /** The cards' words larger than usual, for a map read from afar (mapPictureSvg's textScale). */
  textScale?: number;
  /** No size of its own: the picture takes the size its box gives it, in the map's own proportions. */
  fluid?: boolean;
}) {
  const t = useT();
  const svg = useMemo(
    () =>
      mapPictureSvg(records, {
        label,
        ...(fluid ? {} : { width, height }),
        labels: { firstStep: t('picture.firstStep') },
        ...(marks ? { marks } : {}),
        ...(textScale ? { textScale } : {}),
      }),
    [records, label, width, height, t, marks, textScale, fluid],
  );
  // biome-ignore lint/security/noDangerouslySetInnerHtml: mapPictureSvg escapes every text it draws
  return <span className="pk-thumb-frame" dangerouslySetInnerHTML={{ __html: svg }} />;
}
