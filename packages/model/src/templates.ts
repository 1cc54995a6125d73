import type { BuiltInBehaviourKind } from './behaviours.ts';

/** A loop a facilitator starts from. The last step leads back to the first; the title sits in the middle. */
export interface Template {
  id: string;
  title: string;
  steps: readonly string[];
  /** Behaviour kinds drawn as bubbles around the loop. */
  behaviours: readonly string[];
  /** For each behaviour, the index of the step where that utterance is typically heard. */
  behaviourSteps: readonly number[];
}

const ALL_BUILT_IN_BEHAVIOURS: readonly BuiltInBehaviourKind[] = [
  'wachten-en-wijzen',
  'afbakenen',
  'duiken',
  'oreren',
  'evalueren',
];

function template(
  id: string,
  title: string,
  steps: string[],
  behaviours: readonly string[] = [],
  behaviourSteps: readonly number[] = [],
): Template {
  return Object.freeze({
    id,
    title,
    steps: Object.freeze(steps),
    behaviours: Object.freeze([...behaviours]),
    behaviourSteps: Object.freeze([...behaviourSteps]),
  });
}

/**
 * Where each behaviour of 'Van niemand en toch van iedereen' is typically heard (our reading of
 * the slide, in step order 1-5):
 * - Wachten en wijzen ("De ander is eerst aan zet") where misunderstanding and frustration put
 *   trust under pressure (4): each waits for the other and points at them;
 * - Afbakenen ("rollen en verantwoordelijkheden aanscherpen") where it is unclear what others can,
 *   want and may do (2): the answer to unclarity is a sharper line;
 * - Duiken ("Mijn organisatie heeft nu eerst prioriteit") where parties work each for themselves (3);
 * - Oreren ("Ik zal het je nog een keer uitleggen") where a shared picture is missing (1): one
 *   explains their own picture instead of building one together;
 * - Evalueren ("Zo kunnen we niet doorgaan") at the escalation (5).
 */
const VAN_NIEMAND_BEHAVIOUR_STEPS = [3, 1, 2, 0, 4];

// Texts verbatim from the facilitators' workshop slides, typographic quotes included.
export const TEMPLATES: readonly Template[] = Object.freeze([
  template('structuur-lost-alles-op', 'Structuur lost alles op', [
    'Er doet zich een complex vraagstuk voor.',
    'Om grip te krijgen ‘vereenvoudigen’ we de complexiteit met een structuur. We bakenen rollen af en maken afspraken.',
    'Er is een toename in coördinatie, afstemming en verantwoording.',
    'Veel energie en tijd gaat naar de structuur in stand houden en verduidelijken (wie is waarvoor aan zet?).',
    'De opgetuigde structuur krijgt meer aandacht dan de inhoud.',
    'De eigenlijke vraag raakt uit beeld en het vraagstuk wordt niet opgelost.',
  ]),
  template('slagbomen-neer-bij-schaarste', 'Slagbomen neer bij schaarste', [
    'Tijden van schaarste qua capaciteit en expertise.',
    'Om drukte beheersbaar te houden wordt inzet door de organisaties individueel afgebakend.',
    'Bij complexe casuïstiek die niet perfect past gaan alle ‘slagbomen’ naar beneden.',
    'Casuïstiek blijft hangen. Organisaties houden vast aan eigen beheerstrategie.',
    'Weinig ruimte voor creativiteit in probleemoplossend vermogen.',
    'Opgave staat niet centraal en extra gesprekken kosten veel tijd. Gezamenlijke beheerstrategie ontbreekt.',
  ]),
  template(
    'van-niemand-en-toch-van-iedereen',
    'Van niemand en toch van iedereen',
    [
      'Gezamenlijk beeld, doel en aanpak ontbreken.',
      'Niet duidelijk wat anderen kunnen, willen en mogen. Aannames en verwachtingen worden niet getoetst.',
      'Partijen werken binnen en buiten hun organisatie ieder voor zich.',
      'Gevoel van onbegrip en frustratie zet vertrouwen in elkaar onder druk.',
      'Escalatie in de samenwerking.',
    ],
    ALL_BUILT_IN_BEHAVIOURS,
    VAN_NIEMAND_BEHAVIOUR_STEPS,
  ),
]);

export const TEMPLATE_IDS: readonly string[] = Object.freeze(TEMPLATES.map((t) => t.id));

/** 'blank': a loop of DEFAULT_BLANK_STEPS empty steps; 'empty': only a page (an imported map's room). */
export const BLANK_TEMPLATE_ID = 'blank';
export const EMPTY_TEMPLATE_ID = 'empty';
export const MIN_BLANK_STEPS = 3;
export const MAX_BLANK_STEPS = 12;
export const DEFAULT_BLANK_STEPS = 6;

/** An empty loop of n steps, for a facilitator who maps a pattern of their own. */
export function blankTemplate(n: number): Template {
  if (!Number.isInteger(n) || n < MIN_BLANK_STEPS || n > MAX_BLANK_STEPS) {
    throw new RangeError(
      `A blank loop has between ${MIN_BLANK_STEPS} and ${MAX_BLANK_STEPS} steps (a whole number), got ${n}`,
    );
  }
  return template(
    `blank-${n}`,
    'Nieuw patroon',
    Array.from({ length: n }, () => ''),
  );
}

const BLANK_ID = /^blank-(\d{1,2})$/;

/** Also resolves 'blank' and 'blank-<n>', because those ids travel in links and room settings. */
export function getTemplate(id: string): Template | undefined {
  const seeded = TEMPLATES.find((t) => t.id === id);
  if (seeded) {
    return seeded;
  }
  if (id === 'blank') {
    return blankTemplate(DEFAULT_BLANK_STEPS);
  }
  const match = BLANK_ID.exec(id);
  if (!match?.[1]) {
    return undefined;
  }
  const n = Number(match[1]);
  // 'blank-06' would otherwise alias 'blank-6' and give a template whose id differs from the request.
  if (String(n) !== match[1] || n < MIN_BLANK_STEPS || n > MAX_BLANK_STEPS) {
    return undefined;
  }
  return blankTemplate(n);
}
