/** Valid tldraw records for tests that write to a room's document. */

/** A geo rectangle; `flipX`/`flipY` are required by tldraw's current schema. */
export function geoShape(id: string, x: number): { id: string } & Record<string, unknown> {
  return {
    id,
    typeName: 'shape',
    type: 'geo',
    x,
    y: 10,
    rotation: 0,
    index: 'a5',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      geo: 'rectangle',
      w: 100,
      h: 80,
      color: 'black',
      labelColor: 'black',
      fill: 'none',
      dash: 'draw',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      scale: 1,
      flipX: false,
      flipY: false,
      richText: { type: 'doc', content: [{ type: 'paragraph' }] },
    },
  };
}

/** One of our loop steps. */
export function loopStep(
  id: string,
  props: Record<string, unknown> = {},
): { id: string } & Record<string, unknown> {
  return {
    id,
    typeName: 'shape',
    type: 'loop-step',
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a6',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { w: 240, h: 120, text: 'Stap', organisation: '', ...props },
  };
}
