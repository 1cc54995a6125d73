import { slugify } from './slug.ts';

export type BuiltInBehaviourKind = 'wachten-en-wijzen' | 'afbakenen' | 'duiken' | 'oreren' | 'evalueren';

/**
 * A recurring way of speaking that keeps a loop alive, drawn as a speech bubble.
 * `utterance` is stored as it is shown, typographic quotes included.
 */
export interface Behaviour {
  kind: string;
  name: string;
  utterance: string;
  /** #rrggbb, light enough for dark text on top of it. */
  colour: string;
  /** Short letter label, so colour is never the only cue (colour-blind users, greyscale prints). */
  icon: string;
  builtIn: boolean;
}

// Light tints of the Okabe–Ito palette: those hues stay apart for the common colour-vision
// deficiencies, and the tints keep dark text readable (checked in the tests).
export const BUILT_IN_BEHAVIOURS: readonly Behaviour[] = Object.freeze([
  Object.freeze({
    kind: 'wachten-en-wijzen',
    name: 'Wachten en wijzen',
    utterance: '“Dit is niet alleen mijn verantwoordelijkheid. De ander is eerst aan zet.”',
    colour: '#F5C26B',
    icon: 'Ww',
    builtIn: true,
  }),
  Object.freeze({
    kind: 'afbakenen',
    name: 'Afbakenen',
    utterance: '“Laten we eerst onze rollen en verantwoordelijkheden aanscherpen.”',
    colour: '#8FCBF0',
    icon: 'Af',
    builtIn: true,
  }),
  Object.freeze({
    kind: 'duiken',
    name: 'Duiken',
    utterance: '“Mijn organisatie heeft nu eerst prioriteit.”',
    colour: '#7FD3B8',
    icon: 'Du',
    builtIn: true,
  }),
  Object.freeze({
    kind: 'oreren',
    name: 'Oreren',
    utterance: '“Ik zal het je nog een keer uitleggen.”',
    colour: '#F0E68C',
    icon: 'Or',
    builtIn: true,
  }),
  Object.freeze({
    kind: 'evalueren',
    name: 'Evalueren',
    // No final period: the slide has none, and the domain texts are kept verbatim.
    utterance: '“Zo kunnen we niet doorgaan. Laten we onze samenwerking evalueren”',
    colour: '#E3A6C8',
    icon: 'Ev',
    builtIn: true,
  }),
]);

// Grey on purpose: a partner's own behaviour must not look like one of the five from the slides.
export const CUSTOM_BEHAVIOUR_COLOUR = '#D9D9D9';

const CUSTOM_PREFIX = 'custom:';

export function getBehaviour(kind: string): Behaviour | undefined {
  return BUILT_IN_BEHAVIOURS.find((behaviour) => behaviour.kind === kind);
}

function quoted(text: string): string {
  if (text === '' || (text.startsWith('“') && text.endsWith('”'))) {
    return text;
  }
  return `“${text}”`;
}

/**
 * A behaviour a partner adds during a session. The kind is derived from the name, so two
 * partners who type the same name (in any casing or accenting) end up with the same kind.
 */
export function customBehaviour(name: string, utterance = ''): Behaviour {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed === '') {
    throw new RangeError('A custom behaviour needs a name');
  }
  const first = Array.from(trimmed)[0] ?? '?';
  return {
    kind: `${CUSTOM_PREFIX}${slugify(trimmed)}`,
    name: trimmed,
    utterance: quoted(utterance.trim()),
    colour: CUSTOM_BEHAVIOUR_COLOUR,
    icon: first.toLocaleUpperCase('nl-NL'),
    builtIn: false,
  };
}
