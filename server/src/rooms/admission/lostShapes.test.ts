import type { RecordView } from '@patroonkaart/tldraw-yjs';
import { describe, expect, it } from 'vitest';
import { lostShapes } from './lostShapes.ts';

/** Records as a view: only ids and parents matter here. */
function view(parents: Record<string, string>): RecordView {
  const ids = ['page:page', 'page:two', ...Object.keys(parents)];
  return {
    ids: () => ids,
    has: (id) => ids.includes(id),
    get: (id) => (ids.includes(id) ? { id, parentId: parents[id] } : null),
    field: (id, field) => (field === 'parentId' ? parents[id] : undefined),
    fieldCount: () => 1,
  };
}

describe('shapes an update takes off the map', () => {
  const map = view({
    'shape:a': 'page:page',
    'shape:frame': 'page:page',
    'shape:in1': 'shape:frame',
    'shape:in2': 'shape:frame',
    'shape:deep': 'shape:in2',
    'shape:elsewhere': 'page:two',
  });

  it('counts removed shapes', () => {
    expect(lostShapes(map, new Set(['shape:a', 'binding:x']))).toBe(1);
  });

  it('counts the shapes a removed page or frame leaves without a parent, at any depth', () => {
    expect(lostShapes(map, new Set(['page:page']))).toBe(5);
    expect(lostShapes(map, new Set(['shape:frame']))).toBe(4);
    expect(lostShapes(map, new Set(['shape:frame', 'shape:in1']))).toBe(4);
  });

  it('survives a parent cycle', () => {
    const cyclic = view({ 'shape:x': 'shape:y', 'shape:y': 'shape:x', 'shape:z': 'page:page' });
    expect(lostShapes(cyclic, new Set(['shape:z']))).toBe(1);
  });
});
