/**
 * `value`, which the caller knows is there (an index inside its own array, a key it has just
 * stored). When it is not, that is a bug: an Error that says what was missing.
 */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`Missing ${what}`);
  return value;
}
