import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isRedundant } from './redundant.js';

describe('redundant updates', () => {
  it('an update the document already holds is redundant; new content or new deletions are not', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    server.getMap('m').set('a', 1);
    server.getMap('m').set('b', 2);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // Re-sending everything it got (as a replayed IndexedDB copy does): nothing new.
    expect(isRedundant(server, Y.encodeStateAsUpdate(client))).toBe(true);

    const before = Y.encodeStateVector(client);
    client.getMap('m').set('c', 3);
    expect(isRedundant(server, Y.encodeStateAsUpdate(client, before))).toBe(false);

    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(fresh);
    fresh.getMap('m').delete('a');
    expect(isRedundant(server, Y.encodeStateAsUpdate(fresh, sv))).toBe(false);
    // Once the server has the deletion too, the same update is redundant.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(fresh, sv));
    expect(isRedundant(server, Y.encodeStateAsUpdate(fresh, sv))).toBe(true);
  });
});
