/**
 * The links of a loop map that are not arrows: a behaviour's speech bubble is said at a step, a
 * first step breaks the loop at a step. Both are tldraw bindings, from the card to the step, so
 * deleting a step removes its links, and copy, paste, duplicate and import carry them like
 * arrow bindings, with no list of id-holding props to remap.
 *
 * Until schema 'com.patroonkaart.links/1' the links were props (`behaviour.targetStepId`,
 * `first-step.stepId`); the store migration below turns each into a binding, and the shapes' own
 * props migrations (shapeProps.ts, which depend on it) then drop the old props.
 */
import { createMigrationIds, createMigrationSequence } from '@tldraw/store';
import { createBindingPropsMigrationSequence, type TLBaseBinding, type TLBindingId } from '@tldraw/tlschema';
import { LINK_TYPE_OF } from './cardTypes.ts';
import { BEHAVIOUR, BEHAVIOUR_LINK, FIRST_STEP, FIRST_STEP_LINK, LOOP_STEP } from './shapeTypes.ts';

const LINK_TYPES: ReadonlySet<string> = new Set(Object.values(LINK_TYPE_OF));

/** A link says only which card and which step: there is nothing else to store. */
export type LinkProps = Record<string, never>;

declare module '@tldraw/tlschema' {
  interface TLGlobalBindingPropsMap {
    [BEHAVIOUR_LINK]: LinkProps;
    [FIRST_STEP_LINK]: LinkProps;
  }
}

export type BehaviourLink = TLBaseBinding<typeof BEHAVIOUR_LINK, LinkProps>;
export type FirstStepLink = TLBaseBinding<typeof FIRST_STEP_LINK, LinkProps>;

export const linkMigrations = createBindingPropsMigrationSequence({ sequence: [] });

export const patroonkaartBindingSchemas = {
  [BEHAVIOUR_LINK]: { props: {}, migrations: linkMigrations },
  [FIRST_STEP_LINK]: { props: {}, migrations: linkMigrations },
};

type Rec = { id: string; typeName: string } & Record<string, unknown>;

/** A link record from a card to a step. */
export function linkRecord(id: string, type: string, fromId: string, toId: string): Rec {
  return { id, typeName: 'binding', type, fromId, toId, props: {}, meta: {} };
}

/**
 * The step each card is linked to. Two partners may link one card at once (two bindings): the
 * binding with the smallest id wins, the same on every screen.
 */
export function linkedSteps(records: Iterable<Record<string, unknown>>): Map<string, string> {
  const chosen = new Map<string, { id: string; toId: string }>();
  for (const r of records) {
    if (r.typeName !== 'binding' || !LINK_TYPES.has(String(r.type))) continue;
    const id = String(r.id);
    const from = String(r.fromId);
    const current = chosen.get(from);
    if (!current || id < current.id) chosen.set(from, { id, toId: String(r.toId) });
  }
  return new Map([...chosen].map(([from, { toId }]) => [from, toId]));
}

export const linkVersions = createMigrationIds('com.patroonkaart.links', { LinksAsBindings: 1 });

const OLD_LINK_PROP: Readonly<Record<string, string>> = {
  [BEHAVIOUR]: 'targetStepId',
  [FIRST_STEP]: 'stepId',
};

/** The binding id a migrated link gets: derived from its card, so migrating twice writes the same. */
function migratedLinkId(cardId: string): TLBindingId {
  return `binding:link-${cardId.slice('shape:'.length)}` as TLBindingId;
}

export const linkStoreMigrations = createMigrationSequence({
  sequenceId: 'com.patroonkaart.links',
  sequence: [
    {
      id: linkVersions.LinksAsBindings,
      scope: 'store',
      up(store) {
        const records = store as unknown as Record<string, Rec | undefined>;
        for (const record of Object.values(records)) {
          if (record?.typeName !== 'shape') continue;
          const prop = OLD_LINK_PROP[String(record.type)];
          const linkType = LINK_TYPE_OF[String(record.type)];
          const target = prop ? (record.props as Record<string, unknown> | undefined)?.[prop] : undefined;
          if (typeof target !== 'string' || target === '' || !linkType) continue;
          const step = records[target];
          // A link that already pointed at nothing is dropped, as the server would have cleared it.
          if (step?.typeName !== 'shape' || step.type !== LOOP_STEP) continue;
          const id = migratedLinkId(record.id);
          records[id] = linkRecord(id, linkType, record.id, target);
        }
      },
    },
  ],
});
