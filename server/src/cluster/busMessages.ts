/**
 * What server processes tell each other about a room, over the bus (RoomBus). Every message
 * names its sender process (a process ignores its own) and is one of:
 *
 *   0 update     from: varUint, to: varUint, update: varUint8Array   stored as [from, to] (validated)
 *   1 awareness  update: varUint8Array                                presence that passed the gate
 *   2 deleted                                                          the room is gone: close its peers
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type BusMessage =
  | { kind: 'update'; from: number; to: number; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'deleted' };

const KIND = { update: 0, awareness: 1, deleted: 2 } as const;

export function encodeBusMessage(sender: string, message: BusMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, KIND[message.kind]);
  encoding.writeVarString(e, sender);
  if (message.kind === 'update') {
    encoding.writeVarUint(e, message.from);
    encoding.writeVarUint(e, message.to);
    encoding.writeVarUint8Array(e, message.update);
  } else if (message.kind === 'awareness') {
    encoding.writeVarUint8Array(e, message.update);
  }
  return encoding.toUint8Array(e);
}

/** The message and its sender, or null for bytes that are not one (never thrown). */
export function decodeBusMessage(bytes: Uint8Array): { sender: string; message: BusMessage } | null {
  try {
    const d = decoding.createDecoder(bytes);
    const kind = decoding.readVarUint(d);
    const sender = decoding.readVarString(d);
    if (kind === KIND.update) {
      const from = decoding.readVarUint(d);
      const to = decoding.readVarUint(d);
      const update = decoding.readVarUint8Array(d);
      if (from < 1 || to < from) return null;
      return { sender, message: { kind: 'update', from, to, update } };
    }
    if (kind === KIND.awareness)
      return { sender, message: { kind: 'awareness', update: decoding.readVarUint8Array(d) } };
    if (kind === KIND.deleted) return { sender, message: { kind: 'deleted' } };
    return null;
  } catch {
    return null;
  }
}
