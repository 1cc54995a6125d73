/** Props validators and migrations: run in the browser and on the server alike. */
import { createShapePropsMigrationIds, createShapePropsMigrationSequence } from '@tldraw/tlschema';
import { T } from '@tldraw/validate';
import { MAX_TEXT_LENGTH } from './cardTypes.ts';
import { linkVersions } from './links.ts';
import { BEHAVIOUR, FIRST_STEP, LOOP_STEP, PATTERN_TITLE } from './shapeTypes.ts';

/** Texts are bounded so one partner cannot grow a card without limit. */
const text = T.string.check((s) => {
  if (s.length > MAX_TEXT_LENGTH) throw new Error(`text longer than ${MAX_TEXT_LENGTH} characters`);
});
const size = T.positiveNumber;

export const loopStepProps = { w: size, h: size, text, organisation: text };
export const behaviourProps = {
  w: size,
  h: size,
  kind: T.string.check((s) => {
    if (s.length === 0 || s.length > 80) throw new Error('behaviour kind must be 1-80 characters');
  }),
  name: text,
  utterance: text,
};
export const firstStepProps = { w: size, h: size, what: text, who: text };
export const patternTitleProps = { w: size, h: size, text };

const loopStepVersions = createShapePropsMigrationIds(LOOP_STEP, { AddOrganisation: 1 });

export const loopStepMigrations = createShapePropsMigrationSequence({
  sequence: [
    {
      id: loopStepVersions.AddOrganisation,
      up: (props: Record<string, unknown>) => {
        props.organisation ??= '';
      },
      down: (props: Record<string, unknown>) => {
        delete props.organisation;
      },
    },
  ],
});
const behaviourVersions = createShapePropsMigrationIds(BEHAVIOUR, { LinkAsBinding: 1 });
const firstStepVersions = createShapePropsMigrationIds(FIRST_STEP, { LinkAsBinding: 1 });

/** Drops a link prop once links.ts has turned it into a binding (hence `dependsOn`). */
function linkPropRemoval(id: `${string}/${number}`, prop: string) {
  return {
    id,
    dependsOn: [linkVersions.LinksAsBindings],
    up: (props: Record<string, unknown>) => {
      delete props[prop];
    },
    down: (props: Record<string, unknown>) => {
      props[prop] = '';
    },
  };
}

export const behaviourMigrations = createShapePropsMigrationSequence({
  sequence: [linkPropRemoval(behaviourVersions.LinkAsBinding, 'targetStepId')],
});
export const firstStepMigrations = createShapePropsMigrationSequence({
  sequence: [linkPropRemoval(firstStepVersions.LinkAsBinding, 'stepId')],
});
export const patternTitleMigrations = createShapePropsMigrationSequence({ sequence: [] });

export const patroonkaartShapeSchemas = {
  [LOOP_STEP]: { props: loopStepProps, migrations: loopStepMigrations },
  [BEHAVIOUR]: { props: behaviourProps, migrations: behaviourMigrations },
  [FIRST_STEP]: { props: firstStepProps, migrations: firstStepMigrations },
  [PATTERN_TITLE]: { props: patternTitleProps, migrations: patternTitleMigrations },
};
