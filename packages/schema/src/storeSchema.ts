/** The one store schema: tldraw's default shapes and bindings plus ours. Runs in Node. */
import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLSchema } from '@tldraw/tlschema';
import { patroonkaartShapeSchemas } from './shapeProps.ts';

let cached: TLSchema | null = null;

export function createPatroonkaartSchema(): TLSchema {
  cached ??= createTLSchema({
    shapes: { ...defaultShapeSchemas, ...patroonkaartShapeSchemas },
    bindings: defaultBindingSchemas,
  });
  return cached;
}
