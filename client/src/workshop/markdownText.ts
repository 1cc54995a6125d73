/**
 * A partner's text as it may stand inside our Markdown: as text, never as markup. A step's text or
 * an organisation's name is typed by anyone with a link; in a downloaded summary it must not
 * become HTML (`<img onerror>`, `<script>`), a link or a remote image, a heading of its own or
 * formatting, in any renderer the facilitator opens it with.
 */

/** Characters CommonMark reads as markup anywhere in a line (escaped with a backslash). */
const MARKUP = /[\\`*_[\]{}#!|~]/g;
/** HTML and entities: written as entities, which every Markdown renderer shows as the character. */
const HTML: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
/**
 * A scheme as renderers autolink it (`javascript:`, `http:`, `data:`…), or `www.`: its colon or
 * dot is escaped so no link comes of it. Only an https: address may still be linked by a renderer.
 */
const AUTOLINK = /\b(?!https:)([a-z][a-z0-9+.-]{1,31}):|\b(www)\./gi;

/**
 * One field on one line: newlines (and every other run of white space) become one space, so a
 * text can never start a line, and with it a heading, a list or a quote of its own.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[<>&"]/g, (c) => HTML[c] ?? c)
    .replace(MARKUP, '\\$&')
    .replace(AUTOLINK, (_m, scheme: string | undefined, www: string | undefined) =>
      scheme ? `${scheme}\\:` : `${www}\\.`,
    );
}
