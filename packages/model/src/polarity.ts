/**
 * Causal-loop polarity, as in system dynamics (Kumu, LOOPY): an arrow is "+" when the next step
 * moves in the same direction as the one before it, "−" when it moves the other way. A loop with
 * an even number of "−" arrows reinforces itself (R: it keeps growing, the stagnation deepens); with
 * an odd number it balances (B: it pulls itself back). While any sign is missing it is "?".
 */
export type Polarity = '+' | '-' | '';
export type LoopType = 'R' | 'B' | '?';

export function loopType(polarities: readonly Polarity[]): LoopType {
  if (polarities.length === 0 || polarities.some((p) => p === '')) return '?';
  return polarities.filter((p) => p === '-').length % 2 === 0 ? 'R' : 'B';
}

export function isPolarity(value: unknown): value is Polarity {
  return value === '+' || value === '-' || value === '';
}

/** The label an arrow shows: its sign (a real minus), and "‖" for a delay. */
export function arrowLabel(polarity: Polarity, delay: boolean): string {
  const sign = polarity === '-' ? '−' : polarity;
  return [sign, delay ? '‖' : ''].filter(Boolean).join(' ');
}
