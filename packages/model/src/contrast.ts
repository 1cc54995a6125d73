// WCAG 2.x relative luminance and contrast ratio. The colour constants in this package are
// chosen against these numbers, so the tests check them instead of trusting a designer's eye.

const HEX = /^#([0-9a-f]{6})$/i;

export function parseHex(hex: string): [number, number, number] {
  const match = HEX.exec(hex);
  if (!match?.[1]) {
    throw new RangeError(`Expected a colour as #rrggbb, got '${hex}'`);
  }
  const value = Number.parseInt(match[1], 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
