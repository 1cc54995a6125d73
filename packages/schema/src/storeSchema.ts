/** The one store schema: tldraw's default shapes and bindings plus ours, and the store migration of links. Runs in Node. */
import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLSchema } from '@tldraw/tlschema';
import { linkStoreMigrations, patroonkaartBindingSchemas } from './links.ts';
import { patroonkaartShapeSchemas } from './shapeProps.ts';

let cached: TLSchema | null = null;

export function createPatroonkaartSchema(): TLSchema {
  cached ??= createTLSchema({
    shapes: { ...defaultShapeSchemas, ...patroonkaartShapeSchemas },
    bindings: { ...defaultBindingSchemas, ...patroonkaartBindingSchemas },
    migrations: [linkStoreMigrations],
  });
  return cached;
}
