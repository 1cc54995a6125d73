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
}: {
  records: readonly Record<string, unknown>[];
  label: string;
  width?: number;
  height?: number;
}) {
  const t = useT();
  const svg = useMemo(
    () => mapPictureSvg(records, { label, width, height, labels: { firstStep: t('picture.firstStep') } }),
    [records, label, width, height, t],
  );
  // biome-ignore lint/security/noDangerouslySetInnerHtml: mapPictureSvg escapes every text it draws
  return <span className="pk-thumb-frame" dangerouslySetInnerHTML={{ __html: svg }} />;
}
