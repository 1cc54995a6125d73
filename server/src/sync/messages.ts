/**
 * The y-websocket wire format, as pure read/write functions (see server/PROTOCOL.md):
 *
 *   message  = varUint(type) payload
 *   type 0   sync:      varUint(step) varUint8Array(data)   step 0 = state vector, 1 = update (answer), 2 = update
 *   type 1   awareness: varUint8Array(awareness update)
 *   type 2   auth       (unused by this server; ignored)
 *   type 3   query awareness (no payload)
 *
 * `decodeMessage` never throws: anything that does not parse is reported as malformed.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array; step: typeof SYNC_STEP2 | typeof SYNC_UPDATE }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'auth' }
  | { kind: 'query-awareness' }
  | { kind: 'malformed'; reason: string };

export function decodeMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let message: ClientMessage;
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === SYNC_STEP1) message = { kind: 'sync-step1', stateVector: payload };
        else if (step === SYNC_STEP2 || step === SYNC_UPDATE)
          message = { kind: 'sync-update', update: payload, step };
        else return { kind: 'malformed', reason: `unknown sync step ${step}` };
        break;
      }
      case MESSAGE_AWARENESS:
        message = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MESSAGE_AUTH:
        return { kind: 'auth' };
      case MESSAGE_QUERY_AWARENESS:
        message = { kind: 'query-awareness' };
        break;
      default:
        return { kind: 'malformed', reason: `unknown message type ${type}` };
    }
    if (decoding.hasContent(decoder)) return { kind: 'malformed', reason: 'trailing bytes' };
    return message;
  } catch (error) {
    return { kind: 'malformed', reason: error instanceof Error ? error.message : 'unreadable' };
  }
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP1, stateVector);
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_STEP2, update);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SYNC_UPDATE, update);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness update that lists no client: a no-op for every y-websocket client, and a message
 * all the same. The stock client closes a socket that received nothing for 30 s (WebSocket pings
 * are invisible to a browser), so a partner alone at a table would be dropped every ~33 s.
 */
export function encodeKeepAlive(): Uint8Array {
  return encodeAwareness(Uint8Array.of(0));
}

function encodeSync(step: number, data: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, data);
  return encoding.toUint8Array(encoder);
}
