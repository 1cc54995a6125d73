/**
 * axe-core in a page: the WCAG 2.1 A and AA rules, run on what the page shows now. Returns the
 * violations as short lines (rule, impact, the first offending elements) for a readable failure.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function axeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<string[]> {
  // Through the DevTools protocol: the page's CSP (script-src 'self') rightly refuses inline scripts.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (exclude) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(
      { include: [document], exclude: exclude.map((s) => [s]) },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  }, options.exclude ?? []);
}
