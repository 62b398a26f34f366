import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AwarenessRelay, decodeAwarenessEntries, isEchoOfOthers } from './awareness-relay.js';

/** What a standard y-protocols client makes of a relay message. */
function receive(into: awarenessProtocol.Awareness, message: Uint8Array): void {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(1);
  awarenessProtocol.applyAwarenessUpdate(into, decoding.readVarUint8Array(decoder), 'server');
}

describe('AwarenessRelay', () => {
  it('relays what a y-protocols client sends so another client sees the same states', () => {
    const sender = new awarenessProtocol.Awareness(new Y.Doc());
    sender.setLocalState({ cursor: { x: 1, y: 2 }, user: { name: 'Kari' } });
    const relay = new AwarenessRelay();
    const entries = decodeAwarenessEntries(
      awarenessProtocol.encodeAwarenessUpdate(sender, [sender.clientID]),
    );
    for (const e of entries) expect(relay.apply(e)).toBe(true);
    expect(relay.present()).toEqual([sender.clientID]);

    const other = new awarenessProtocol.Awareness(new Y.Doc());
    receive(other, relay.encode(relay.present()));
    expect(other.getStates().get(sender.clientID)).toEqual({
      cursor: { x: 1, y: 2 },
      user: { name: 'Kari' },
    });
  });

  it('keeps the newest clock: an older or repeated entry changes nothing', () => {
    const relay = new AwarenessRelay();
    // Clock 0 of an unknown client: y-protocols clients ignore it, so the relay does too.
    expect(relay.apply({ clientId: 7, clock: 0, state: '{"a":0}' })).toBe(false);
    expect(relay.apply({ clientId: 7, clock: 3, state: '{"a":3}' })).toBe(true);
    expect(relay.apply({ clientId: 7, clock: 2, state: '{"a":2}' })).toBe(false);
    expect(relay.apply({ clientId: 7, clock: 3, state: '{"a":4}' })).toBe(false);
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    receive(other, relay.encode([7]));
    expect(other.getStates().get(7)).toEqual({ a: 3 });
  });

  it('a removal at the same clock wins, and a client that left stays gone for older entries', () => {
    const relay = new AwarenessRelay();
    relay.apply({ clientId: 7, clock: 3, state: '{"a":3}' });
    expect(relay.apply({ clientId: 7, clock: 3, state: 'null' })).toBe(true);
    expect(relay.present()).toEqual([]);
    expect(relay.apply({ clientId: 7, clock: 3, state: '{"a":3}' })).toBe(false);
    expect(relay.apply({ clientId: 7, clock: 4, state: '{"a":4}' })).toBe(true);
    expect(relay.present()).toEqual([7]);
  });

  it('removing a closed connection tells clients that already know it to drop its cursor', () => {
    const relay = new AwarenessRelay();
    relay.apply({ clientId: 7, clock: 3, state: '{"a":3}' });
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    receive(other, relay.encode([7]));
    expect(other.getStates().has(7)).toBe(true);

    expect(relay.remove([7, 8])).toEqual([7]);
    expect(relay.remove([7])).toEqual([]);
    receive(other, relay.encode([7]));
    expect(other.getStates().has(7)).toBe(false);
  });

  it('encodes only ids it knows', () => {
    const relay = new AwarenessRelay();
    relay.apply({ clientId: 1, clock: 1, state: '{}' });
    expect(decodeAwarenessEntries(relay.encode([1, 2]).subarray(2))).toEqual([
      { clientId: 1, clock: 1, state: '{}' },
    ]);
  });

  it('tells an echo of what it relayed (as y-websocket clients send back) from anything else', () => {
    const kari = new awarenessProtocol.Awareness(new Y.Doc());
    const ola = new awarenessProtocol.Awareness(new Y.Doc());
    kari.setLocalState({ cursor: { x: 1, y: 2 } });
    const relay = new AwarenessRelay();
    for (const e of decodeAwarenessEntries(
      awarenessProtocol.encodeAwarenessUpdate(kari, [kari.clientID]),
    ))
      relay.apply(e);
    // Ola received Kari's cursor from the relay and sends it back unchanged.
    receive(ola, relay.encode([kari.clientID]));
    const echo = awarenessProtocol.encodeAwarenessUpdate(ola, [kari.clientID]);
    expect(isEchoOfOthers(echo, ola.clientID, relay)).toBe(true);
    // Ola's own state, Kari's at a newer clock (a claim, to be vetted), bytes cut short: no.
    const ownState = (of: awarenessProtocol.Awareness) =>
      awarenessProtocol.encodeAwarenessUpdate(of, [of.clientID]);
    ola.setLocalState({ cursor: { x: 3, y: 4 } });
    expect(isEchoOfOthers(ownState(ola), ola.clientID, relay)).toBe(false);
    kari.setLocalState({ cursor: { x: 5, y: 6 } });
    expect(isEchoOfOthers(ownState(kari), ola.clientID, relay)).toBe(false);
    expect(isEchoOfOthers(echo.subarray(0, echo.length - 3), ola.clientID, relay)).toBe(false);
  });
});
