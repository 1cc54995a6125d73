import { must } from './must.ts';

/** What a partner may call themselves and their organisation: the one home of these limits. */
export const MAX_NAME_CHARS = 60;
export const MAX_ORGANISATION_CHARS = 80;

/** Someone taking part in a session, usually on behalf of an organisation. */
export interface Partner {
  name: string;
  organisation?: string;
  colour: string;
}

// Dark enough for white text on them and for lines on a white board (contrast >= 4.5, checked in
// the tests), and spread over the hue circle plus two neutrals so twelve partners stay apart.
export const PARTNER_COLOURS: readonly string[] = Object.freeze([
  '#C62828',
  '#A84300',
  '#7A6200',
  '#4D7A00',
  '#2E7D32',
  '#00796B',
  '#0262A8',
  '#283593',
  '#6A1B9A',
  '#AD1457',
  '#6D4C41',
  '#455A64',
]);

/**
 * 32-bit FNV-1a over UTF-16 code units: tiny, and stable across machines and releases, so a
 * partner keeps their colour on every client and after a reload.
 */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function colourForId(id: string): string {
  return must(PARTNER_COLOURS[fnv1a(id) % PARTNER_COLOURS.length], 'a partner colour');
}
