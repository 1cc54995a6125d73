/**
 * A card's text as several partners type it at once (packages/tldraw-yjs, textFields.ts): my
 * keystrokes reach the document at once (so the document always matches my screen), my caret is
 * kept as a position in the shared text and put back where it was after someone else's typing,
 * and presence says where I type, so others see it in my colour.
 */
import { MAX_NAME_CHARS } from '@patroonkaart/model';
import {
  PRESENCE_LIMITS,
  type PresenceState,
  type PresenceTyping,
  readPresence,
} from '@patroonkaart/protocol';
import { textOf } from '@patroonkaart/tldraw-yjs';
import {
  type RefObject,
  useCallback,
  useContext,
  useLayoutEffect,
  useRef,
  useSyncExternalStore,
} from 'react';
import * as Y from 'yjs';
import type { RoomConnection } from '../sync/RoomConnection.ts';
import { RoomContext } from '../sync/roomContext.ts';

/** The presence field saying where a partner types: record, field and caret (a relative position). */
export const TYPING_FIELD = 'typing' satisfies keyof PresenceState;

export interface Typist {
  clientId: number;
  name: string;
  colour: string;
  /** Where their caret is in the text now. */
  index: number;
}

interface Caret {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  direction: 'forward' | 'backward' | 'none';
}

type Field = HTMLTextAreaElement | HTMLDivElement | null;

export function useSharedText(recordId: string, field: string, value: string, ref: RefObject<Field>) {
  const room = useContext(RoomContext);
  const connection = room?.connection;
  const caret = useRef<Caret | null>(null);
  const shown = useRef(value);

  /** Remembers where my caret is, as positions in the shared text (they survive others' typing). */
  const capture = () => {
    const el = ref.current;
    if (!(el instanceof HTMLTextAreaElement) || !connection) return;
    const text = textOf(connection.doc, recordId, field);
    if (text.toString() !== el.value) return; // not written yet: keep the last caret
    // Tied to the character before the caret (assoc -1): what others type after it goes after it.
    caret.current = {
      start: Y.createRelativePositionFromTypeIndex(text, el.selectionStart, -1),
      end: Y.createRelativePositionFromTypeIndex(text, el.selectionEnd, -1),
      direction: el.selectionDirection,
    };
    publishTyping(connection.provider.awareness, {
      r: recordId,
      f: field,
      at: Y.relativePositionToJSON(caret.current.end),
    });
  };

  /** After my own keystroke: into the document now, not at the next frame. */
  const typed = (next: string) => {
    shown.current = next;
    connection?.binding?.flush();
    capture();
  };

  const stopped = useCallback(() => {
    caret.current = null;
    if (!connection) return;
    const awareness = connection.provider.awareness;
    // Only this field's own claim is withdrawn: every card mounts and stops, and presence is rate-limited.
    // My own state, as I set it (it names me only once the presence binding runs).
    const mine = (awareness.getLocalState() as Partial<PresenceState> | null)?.[TYPING_FIELD];
    if (mine?.r === recordId && mine.f === field) publishTyping(awareness, null);
  }, [connection, recordId, field]);

  // Someone else's typing changed the text under my caret: put the caret back where it was.
  useLayoutEffect(() => {
    if (value === shown.current) return;
    shown.current = value;
    const el = ref.current;
    if (!(el instanceof HTMLTextAreaElement) || !connection || !caret.current) return;
    if (el.ownerDocument.activeElement !== el) return;
    const start = Y.createAbsolutePositionFromRelativePosition(caret.current.start, connection.doc);
    const end = Y.createAbsolutePositionFromRelativePosition(caret.current.end, connection.doc);
    if (start && end) el.setSelectionRange(start.index, end.index, caret.current.direction);
  }, [value, connection, ref]);

  return { capture, typed, stopped, typists: useTypists(recordId, field) };
}

type Awareness = RoomConnection['provider']['awareness'];
const typingSent = new WeakMap<
  Awareness,
  { timer: ReturnType<typeof setTimeout> | null; next: PresenceTyping | null }
>();

/**
 * Says where I type, at most typingUpdatesPerSecond (the latest always goes out): a keystroke moves
 * the caret, and the server closes a connection that floods presence (PRESENCE_LIMITS).
 */
function publishTyping(awareness: Awareness, typing: PresenceTyping | null): void {
  let state = typingSent.get(awareness);
  if (!state) {
    state = { timer: null, next: null };
    typingSent.set(awareness, state);
  }
  state.next = typing;
  if (state.timer) return;
  const send = () => {
    const current = awareness.getLocalState()?.[TYPING_FIELD] ?? null;
    if (JSON.stringify(current) !== JSON.stringify(state.next))
      awareness.setLocalStateField(TYPING_FIELD, state.next);
  };
  send();
  state.timer = setTimeout(() => {
    state.timer = null;
    send();
  }, 1000 / PRESENCE_LIMITS.typingUpdatesPerSecond);
}

interface TypingState {
  clientId: number;
  name: string;
  colour: string;
  at: unknown;
}

const NOBODY: readonly TypingState[] = [];

/**
 * Who types where, read once per presence change for every card of a room (presence changes with
 * every cursor move of every partner; each card only asks for its own fields).
 */
class TypingBoard {
  private readonly listeners = new Set<() => void>();
  private byField = new Map<string, TypingState[]>();
  private signature = '';
  private readonly awareness: RoomConnection['provider']['awareness'];

  constructor(awareness: RoomConnection['provider']['awareness']) {
    this.awareness = awareness;
    awareness.on('change', () => this.refresh());
    this.refresh();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  get(key: string): readonly TypingState[] {
    return this.byField.get(key) ?? NOBODY;
  }

  private refresh(): void {
    const byField = new Map<string, TypingState[]>();
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue;
      const presence = readPresence(state);
      const typing = presence?.typing;
      if (!typing) continue;
      const key = `${typing.r}#${typing.f}`;
      const list = byField.get(key) ?? [];
      list.push({
        clientId,
        name: presence.user.name.slice(0, MAX_NAME_CHARS),
        colour: presence.user.colour,
        at: typing.at,
      });
      byField.set(key, list);
    }
    const signature = JSON.stringify([...byField]);
    if (signature === this.signature) return;
    this.signature = signature;
    this.byField = byField;
    for (const listener of this.listeners) listener();
  }
}

const boards = new WeakMap<object, TypingBoard>();
const noBoard = { subscribe: () => () => {}, get: () => NOBODY };

/** The other partners typing in this field now, with their caret in the text as it is now. */
export function useTypists(recordId: string, field: string): Typist[] {
  const connection = useContext(RoomContext)?.connection;
  let board: Pick<TypingBoard, 'subscribe' | 'get'> = noBoard;
  if (connection) {
    let existing = boards.get(connection);
    if (!existing) {
      existing = new TypingBoard(connection.provider.awareness);
      boards.set(connection, existing);
    }
    board = existing;
  }
  const key = `${recordId}#${field}`;
  const states = useSyncExternalStore(board.subscribe, () => board.get(key));
  if (!connection || states.length === 0) return [];
  const text = textOf(connection.doc, recordId, field);
  return states.map(({ at, ...who }) => {
    let index = -1;
    try {
      const position = Y.createAbsolutePositionFromRelativePosition(
        Y.createRelativePositionFromJSON(at),
        connection.doc,
      );
      // Only a position in this very text counts: a forged one elsewhere is ignored.
      if (position && position.type === text) index = position.index;
    } catch {
      index = -1;
    }
    return { ...who, index };
  });
}
