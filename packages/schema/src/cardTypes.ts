/**
 * One table of what each of our card types is: the fields that hold its words, the size a new
 * card gets, the binding that links it to its loop step. The rest of the code reads these facts
 * from here: the props validators (the text limit), the template records and the client's cards
 * (the sizes), the links and their reference rules, and the tldraw <-> Yjs binding, which is
 * handed the text fields as data (`TEXT_FIELDS`) as it is handed the reference rules. A text the
 * table does not list is merged as a whole value: two partners typing in it at once lose one's
 * words.
 */
import {
  BEHAVIOUR,
  BEHAVIOUR_LINK,
  type CardType,
  FIRST_STEP,
  FIRST_STEP_LINK,
  type LinkType,
  LOOP_STEP,
  PATTERN_TITLE,
} from './shapeTypes.ts';

/** The most characters a text prop of a card holds (the props validators; the server's text checks). */
export const MAX_TEXT_LENGTH = 2000;

export interface CardSize {
  readonly w: number;
  readonly h: number;
}

export interface CardTypeFacts {
  /** The props that hold the card's words: each is a text of its own, merged character by character. */
  readonly textFields: readonly `props.${string}`[];
  /** The size a new card of this type gets. */
  readonly size: CardSize;
  /** The binding that links such a card to its loop step, or null when it has none. */
  readonly link: LinkType | null;
}

const size = (w: number, h: number): CardSize => Object.freeze({ w, h });

export const CARD_TYPES: Readonly<Record<CardType, CardTypeFacts>> = Object.freeze({
  [LOOP_STEP]: { textFields: ['props.text'], size: size(260, 150), link: null },
  [BEHAVIOUR]: { textFields: ['props.name', 'props.utterance'], size: size(230, 130), link: BEHAVIOUR_LINK },
  [FIRST_STEP]: { textFields: ['props.what', 'props.who'], size: size(240, 140), link: FIRST_STEP_LINK },
  [PATTERN_TITLE]: { textFields: ['props.text'], size: size(380, 90), link: null },
});

/** Default sizes of new cards. */
export const STEP_SIZE = CARD_TYPES[LOOP_STEP].size;
export const BUBBLE_SIZE = CARD_TYPES[BEHAVIOUR].size;
export const FIRST_STEP_SIZE = CARD_TYPES[FIRST_STEP].size;
export const TITLE_SIZE = CARD_TYPES[PATTERN_TITLE].size;

/** Which binding links which card to its step. */
export const LINK_TYPE_OF: Readonly<Record<string, LinkType>> = Object.freeze(
  Object.fromEntries(
    Object.entries(CARD_TYPES).flatMap(([type, facts]) => (facts.link ? [[type, facts.link]] : [])),
  ),
);

/**
 * `<typeName>/<type>` -> the fields of such a record that are texts: the shape of `TextFieldTable`
 * in packages/tldraw-yjs (kept structural: schema does not import the binding).
 */
export type TextFieldTableSpec = Readonly<Record<string, readonly string[]>>;

/** The text-field table the binding is handed, built from card facts (ours by default). */
export function textFieldTable(
  cards: Readonly<Record<string, Pick<CardTypeFacts, 'textFields'>>> = CARD_TYPES,
): TextFieldTableSpec {
  return Object.freeze(
    Object.fromEntries(Object.entries(cards).map(([type, facts]) => [`shape/${type}`, facts.textFields])),
  );
}

/** Our cards' text fields, for `YjsStoreBinding` and `recordIndex` (packages/tldraw-yjs). */
export const TEXT_FIELDS: TextFieldTableSpec = textFieldTable();
