/**
 * The presence state: what each screen publishes through y-protocols awareness and the server
 * relays to every peer of its room. Its shape, its limits and its one reader, for both sides: the
 * server's gate (server/src/rooms/presence/awarenessGate.ts) holds the limits, every reader uses readPresence.
 *
 *   { user: { name, colour, organisation? },
 *     presence: <tldraw instance_presence record, as JSON> | null,
 *     typing?: { r: <record id>, f: <field>, at: <Yjs relative position, as JSON> } | null,
 *     summon?: { at: <server ms>, userId: <tldraw user id> } }
 */

export const PRESENCE_LIMITS = {
  /**
   * One presence state as JSON text: the server closes a connection that sends a longer one
   * (4413). A cursor, a selection of 100 shapes and a name fit in 8 KiB.
   */
  maxStateBytes: 8 * 1024,
  /**
   * What our screens keep their state under (the binding's fitPresence trims scribbles, then the
   * selection), leaving room within maxStateBytes for `typing` and `summon`. The binding still has
   * its own MAX_PRESENCE_BYTES: client/src/sync/presentPeople.test.ts holds the two equal.
   */
  sendStateBytes: 7 * 1024,
  /** Awareness client ids one connection may publish: one per tab, a few allow for reconnects. */
  maxIdsPerConnection: 4,
  /**
   * Entries one presence update may carry. A stock y-websocket client sends back every state it
   * is told of (a newcomer: everyone present at once); the server drops the ones it does not own.
   */
  maxEntriesPerUpdate: 512,
  /** Presence updates one connection may send per second (bursts of twice this), then 4429. */
  updatesPerSecond: 40,
  /** Our screens' share of that: the cursor (the binding's throttle) and where they type. */
  cursorUpdatesPerSecond: 30,
  typingUpdatesPerSecond: 10,
} as const;

/**
 * Fields only a facilitator's connection may publish: `summon` makes every screen follow its
 * sender, so screens obey it only because the server drops it from everyone else's state.
 */
export const PRESENCE_LEADER_FIELDS: readonly (keyof PresenceState)[] = ['summon'];

/** The colour a person is shown in when their state names none we can use. */
export const PRESENCE_DEFAULT_COLOUR = '#455A64';

export interface PresenceUser {
  name: string;
  /** `#rrggbb`. */
  colour: string;
  organisation?: string;
}

/** Where a partner types: record id, field name and caret (Y.relativePositionToJSON). */
export interface PresenceTyping {
  r: string;
  f: string;
  at: unknown;
}

/** "Breng iedereen hierheen": when (server clock) and whose view (tldraw user id) to follow. */
export interface PresenceSummon {
  at: number;
  userId: string;
}

/** The state as a screen publishes it. */
export interface PresenceState {
  user: PresenceUser;
  /** tldraw's instance_presence record as JSON (cursor, selection, camera), or null. */
  presence: Record<string, unknown> | null;
  typing?: PresenceTyping | null;
  summon?: PresenceSummon;
}

/** A state as readPresence hands it out: every field checked, the optional ones made explicit. */
export interface Presence {
  user: { name: string; organisation: string; colour: string };
  /**
   * The tldraw presence record, checked only to be a plain object: validate it with the store's
   * schema before it is put (the binding does).
   */
  presence: Readonly<Record<string, unknown>> | null;
  /** The presence record's `userId` (for following), when it has one. */
  userId: string | null;
  typing: PresenceTyping | null;
  summon: PresenceSummon | null;
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;
const read = new WeakMap<object, Presence | null>();

/**
 * The one reader of a presence state, for whatever a peer sent: null unless it is a plain object
 * of at most maxStateBytes as JSON that names a person (`user.name`); a field of the wrong shape
 * reads as absent. Never throws. Awareness replaces a state's object on every change, so each is
 * read once (by object identity) however many readers ask.
 */
export function readPresence(state: unknown): Presence | null {
  if (typeof state !== 'object' || state === null) return null;
  const known = read.get(state);
  if (known !== undefined) return known;
  let result: Presence | null = null;
  try {
    result = readChecked(state);
  } catch {
    // A getter or proxy that throws, a cycle, a BigInt: not JSON, so not a state anyone sent.
  }
  read.set(state, result);
  return result;
}

function readChecked(state: object): Presence | null {
  if (!isPlainObject(state)) return null;
  const size = JSON.stringify(state)?.length ?? Number.POSITIVE_INFINITY;
  if (size > PRESENCE_LIMITS.maxStateBytes) return null;
  const user = state.user;
  if (!isPlainObject(user) || typeof user.name !== 'string') return null;
  const presence = isPlainObject(state.presence) ? Object.freeze({ ...state.presence }) : null;
  return Object.freeze({
    user: Object.freeze({
      name: user.name,
      organisation: typeof user.organisation === 'string' ? user.organisation : '',
      colour:
        typeof user.colour === 'string' && COLOUR.test(user.colour) ? user.colour : PRESENCE_DEFAULT_COLOUR,
    }),
    presence,
    userId: typeof presence?.userId === 'string' ? presence.userId : null,
    typing: readTyping(state.typing),
    summon: readSummon(state.summon),
  });
}

function readTyping(value: unknown): PresenceTyping | null {
  if (!isPlainObject(value) || typeof value.r !== 'string' || typeof value.f !== 'string') return null;
  return Object.freeze({ r: value.r, f: value.f, at: value.at });
}

function readSummon(value: unknown): PresenceSummon | null {
  if (!isPlainObject(value) || typeof value.userId !== 'string') return null;
  if (typeof value.at !== 'number' || !Number.isFinite(value.at) || value.at <= 0) return null;
  return Object.freeze({ at: value.at, userId: value.userId });
}

/** An object as JSON.parse makes one: not null, not an array, no prototype of its own. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
