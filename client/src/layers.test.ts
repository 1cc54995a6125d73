/**
 * The client in layers, top to bottom: the app (App.tsx, main.tsx) → pages → features → canvas →
 * session → ui and i18n. A file may import from its own layer or from a lower one, never from a
 * higher one; and a feature imports no other feature (the page wires features together, as
 * room/MapOverlay.tsx does). Test files are left out: a test may reach anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Layer {
  name: string;
  folders: readonly string[];
  /** Folders of this layer may not import each other. */
  isolated?: boolean;
}

/** Top to bottom. A top-level file (App.tsx, main.tsx) is the app, above every page. */
export const LAYERS: readonly Layer[] = [
  { name: 'app', folders: [] },
  { name: 'pages', folders: ['room', 'workshop', 'landing'] },
  {
    name: 'features',
    folders: ['conversation', 'loopmap', 'export', 'history', 'listview'],
    isolated: true,
  },
  { name: 'canvas', folders: ['canvas', 'shapes'] },
  { name: 'session', folders: ['sync', 'state'] },
  { name: 'ui and i18n', folders: ['ui', 'i18n'] },
];

const SRC = dirname(fileURLToPath(import.meta.url));

/** The layer's index (0 is the top) of a top-level folder, or of a file at the top (the app). */
function rank(unit: string): number {
  if (/\.(tsx?|css)$/.test(unit)) return 0;
  const i = LAYERS.findIndex((l) => l.folders.includes(unit));
  if (i < 0) throw new Error(`client/src/${unit} is in no layer: add it to LAYERS in layers.test.ts`);
  return i;
}

/** Why importing `to` from `from` (top-level folders, or files at the top) breaks the layers; null when it does not. */
export function layerViolation(from: string, to: string): string | null {
  if (from === to) return null;
  const a = rank(from);
  const b = rank(to);
  if (b < a) return `goes up from ${LAYERS[a]!.name} (${from}) to ${LAYERS[b]!.name} (${to})`;
  if (a === b && LAYERS[a]!.isolated) return `goes sideways between ${LAYERS[a]!.name} (${from} -> ${to})`;
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Every relative module a file imports: static and type imports, re-exports, side effects, import(). */
export function relativeImports(text: string): string[] {
  const found = [
    ...text.matchAll(/\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return found.filter((spec) => spec.startsWith('.'));
}

const unitOf = (file: string) => relative(SRC, file).split(sep)[0]!;

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC + sep)) continue;
      const why = layerViolation(unitOf(file), unitOf(target));
      if (why) found.push(`client/src/${relative(SRC, file).split(sep).join('/')} imports ${spec}: ${why}`);
    }
  }
  return found.sort();
}

describe('the layers of the client', () => {
  it('puts every top-level folder in a layer', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(
      folders.map((f) => f.name).filter((name) => !LAYERS.some((l) => l.folders.includes(name))),
    ).toEqual([]);
  });

  it('imports only from the same layer or a lower one, and no feature from another', () => {
    expect(violations()).toEqual([]);
  });

  it('tells up, sideways between features, and allowed imports apart', () => {
    expect(layerViolation('shapes', 'loopmap')).toMatch(/goes up from canvas/);
    expect(layerViolation('sync', 'room')).toMatch(/goes up from session/);
    expect(layerViolation('listview', 'conversation')).toMatch(/sideways between features/);
    expect(layerViolation('room', 'conversation')).toBeNull();
    expect(layerViolation('App.tsx', 'room')).toBeNull();
    expect(layerViolation('room', 'App.tsx')).toMatch(/goes up from pages/);
    expect(layerViolation('sync', 'state')).toBeNull();
    expect(layerViolation('conversation', 'conversation')).toBeNull();
    expect(() => layerViolation('room', 'nowhere')).toThrow(/in no layer/);
  });

  it('finds every kind of relative import', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../b/b.ts';",
      'import {\n  c,\n  d,\n} from "../c/c.ts";',
      "export { e } from '../e/e.ts';",
      "import '../f/side.css';",
      "const g = () => import('../g/G.tsx');",
      "import { tldraw } from 'tldraw';",
    ].join('\n');
    expect(relativeImports(text).sort()).toEqual(
      ['./a.ts', '../b/b.ts', '../c/c.ts', '../e/e.ts', '../f/side.css', '../g/G.tsx'].sort(),
    );
  });
});
