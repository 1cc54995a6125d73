export function roundedRectPath(w: number, h: number, r: number): Path2D {
  const path = new Path2D();
  path.roundRect(0, 0, w, h, r);
  return path;
}
