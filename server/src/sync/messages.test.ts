/** The wire format: decodeMessage classifies anything it is given and never throws. */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MESSAGE_AUTH,
  MESSAGE_QUERY_AWARENESS,
} from './messages.ts';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function sampleUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('records').set('shape:a', 'x');
  return Y.encodeStateAsUpdate(doc);
}

describe('decodeMessage', () => {
  it('round-trips every message the server sends', () => {
    const update = sampleUpdate();
    const sv = new Uint8Array([1, 2, 3]);
    expect(decodeMessage(encodeSyncStep1(sv))).toEqual({ kind: 'sync-step1', stateVector: sv });
    expect(decodeMessage(encodeSyncStep2(update))).toEqual({ kind: 'sync-update', update, step: 1 });
    expect(decodeMessage(encodeUpdate(update))).toEqual({ kind: 'sync-update', update, step: 2 });
    expect(decodeMessage(encodeAwareness(sv))).toEqual({ kind: 'awareness', update: sv });
    expect(decodeMessage(frame((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS)))).toEqual({
      kind: 'query-awareness',
    });
    expect(decodeMessage(frame((e) => encoding.writeVarUint(e, MESSAGE_AUTH)))).toEqual({ kind: 'auth' });
  });

  it('encodes the bytes documented in PROTOCOL.md', () => {
    expect([...encodeUpdate(new Uint8Array([0xaa, 0xbb]))]).toEqual([0, 2, 2, 0xaa, 0xbb]);
    expect([...encodeSyncStep1(new Uint8Array([0]))]).toEqual([0, 0, 1, 0]);
    expect([...encodeAwareness(new Uint8Array(200))].slice(0, 3)).toEqual([1, 0xc8, 0x01]);
  });

  it.each([
    ['an empty frame', new Uint8Array(0)],
    ['an unknown message type', new Uint8Array([7])],
    ['an unknown sync step', new Uint8Array([0, 9, 0])],
    ['a sync message without payload', new Uint8Array([0, 2])],
    ['a declared length beyond the frame', new Uint8Array([0, 2, 100, 1, 2])],
    [
      'a huge declared length',
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint(e, 2 ** 40);
      }),
    ],
    ['an endless varint', new Uint8Array(12).fill(0xff)],
    ['a varint beyond 2^53', new Uint8Array([...new Array(9).fill(0xff), 0x7f])],
    ['trailing bytes', new Uint8Array([...encodeUpdate(new Uint8Array([1])), 0])],
    ['an awareness message with a truncated payload', new Uint8Array([1, 5, 1])],
  ])('classifies %s as malformed', (_what, data) => {
    expect(decodeMessage(data).kind).toBe('malformed');
  });

  it('never reads past the frame into the buffer around it', () => {
    // ws hands over views into pooled buffers: a declared length that overruns the frame must not
    // be satisfied by the bytes after it.
    const pool = new Uint8Array(64).fill(9);
    pool.set([0, 2, 10, 1, 2], 0);
    expect(decodeMessage(pool.subarray(0, 5)).kind).toBe('malformed');
  });

  it('never throws on random or truncated bytes', () => {
    const random = rng(42);
    const valid = [
      encodeUpdate(sampleUpdate()),
      encodeSyncStep1(new Uint8Array([1, 5, 7])),
      encodeAwareness(new Uint8Array([1, 2])),
    ];
    const kinds = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      let data: Uint8Array;
      if (i % 2 === 0) {
        data = new Uint8Array(Math.floor(random() * 40));
        for (let j = 0; j < data.length; j++) data[j] = Math.floor(random() * 256);
      } else {
        const source = valid[i % valid.length]!;
        data = source.subarray(0, Math.floor(random() * source.length));
      }
      const message = decodeMessage(data);
      kinds.add(message.kind);
      if (message.kind === 'malformed') expect(typeof message.reason).toBe('string');
    }
    expect(kinds).toContain('malformed');
  });
});
