/**
 * The part of the screen where the map can be shown whole: the rectangle, clear of every panel,
 * in which a map of the given size can be drawn largest. Pure, so it is tested without a browser.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const intersects = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Among the rectangles inside `screen` that touch no obstacle, the one where `content` (only its
 * width and height count) fits at the largest zoom. Obstacles are few (a dozen panels), so trying
 * every rectangle between their edges is cheap and finds the best one.
 */
export function freeRectangle(
  screen: Rect,
  obstacles: readonly Rect[],
  content: { width: number; height: number },
): Rect {
  const inside = obstacles.filter((o) => intersects(o, screen) && o.width > 0 && o.height > 0);
  const edges = (start: number, size: number, lo: (o: Rect) => number, hi: (o: Rect) => number) =>
    [
      ...new Set([
        start,
        start + size,
        ...inside.flatMap((o) => [lo(o), hi(o)]).filter((v) => v > start && v < start + size),
      ]),
    ].sort((a, b) => a - b);
  const xs = edges(
    screen.x,
    screen.width,
    (o) => o.x,
    (o) => o.x + o.width,
  );
  const ys = edges(
    screen.y,
    screen.height,
    (o) => o.y,
    (o) => o.y + o.height,
  );
  const w = Math.max(content.width, 1);
  const h = Math.max(content.height, 1);
  let best: Rect = screen;
  let bestZoom = -1;
  // Every pair of edges, the lower first.
  const spans = (at: readonly number[]) =>
    at.flatMap((from, i) => at.slice(i + 1).map((to) => ({ from, to })));
  const ySpans = spans(ys);
  for (const x of spans(xs))
    for (const y of ySpans) {
      const r = { x: x.from, y: y.from, width: x.to - x.from, height: y.to - y.from };
      const zoom = Math.min(r.width / w, r.height / h);
      if (zoom <= bestZoom) continue;
      if (inside.some((o) => intersects(o, r))) continue;
      best = r;
      bestZoom = zoom;
    }
  return best;
}
