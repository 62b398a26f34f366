import type { AwarenessEntry } from './awareness-relay.js';

/**
 * How far an awareness clock may run ahead of the last clock the room has for that client id.
 * An honest client adds one per change of its state: cursor moves go out at most 20 times a
 * second, so a whole day of non-stop moving is 20 × 86,400 ≈ 1.7 million, plus one renewal
 * per 15 s. A client that reconnects keeps its clock, and after the room was unloaded (everyone
 * left, or a restart) the room knows no clock at all (0), so the bound must cover a long
 * gathering from zero: 10 million is about six days of non-stop moving. A claim beyond it can
 * only be meant to outrun the real owner for good (clients ignore every lower clock).
 */
export const MAX_CLOCK_AHEAD = 10_000_000;

/** The part of a connection ownership needs: who it is (null: anonymous, open boards). */
export interface PresenceSpeaker {
  readonly participantId?: string | null;
}

interface Owner {
  /** The workshop participant the id belongs to; null for an anonymous connection. */
  participantId: string | null;
  /** The live connection on this server bound to the id; null when it ended or is elsewhere. */
  speaker: PresenceSpeaker | null;
}

/**
 * Which connection may speak for which awareness client id in one room. The first id a
 * connection uses is bound to it; an id bound to another live connection, here or (as its
 * relayed, server-stamped state shows) on another server, is refused unless it is the same
 * participant reconnecting (a browser tab keeps its client id and clock over a network drop).
 * An id stays with its participant after the connection ends, so nobody else can take it over
 * while its owner is away; the id of an anonymous connection that ended is free again.
 * Entries live as long as the room (one per client id that ever spoke, like the relay's).
 */
export class AwarenessOwners {
  private readonly owners = new Map<number, Owner>();

  /**
   * May `speaker` speak for `clientId`? Binds the id to it when so (a same-participant
   * reconnect takes the binding over). `present`: the room has a state for the id.
   */
  claim(clientId: number, speaker: PresenceSpeaker, present: boolean): boolean {
    const participantId = speaker.participantId ?? null;
    const owner = this.owners.get(clientId);
    if (!owner) {
      this.owners.set(clientId, { participantId, speaker });
      return true;
    }
    if (owner.speaker === speaker) return true;
    if (owner.participantId !== null) {
      if (owner.participantId !== participantId) return false;
      owner.speaker = speaker;
      return true;
    }
    // An anonymous id: free once nobody speaks for it any more.
    if (owner.speaker !== null || present) return false;
    owner.participantId = participantId;
    owner.speaker = speaker;
    return true;
  }

  /**
   * Notes who an entry relayed from another server belongs to (the server stamps `user`
   * with the participant): parsed once per client id, the first time it is seen.
   */
  noteRemote(entry: AwarenessEntry): void {
    if (this.owners.has(entry.clientId) || entry.state === 'null') return;
    this.owners.set(entry.clientId, {
      participantId: stampedParticipant(entry.state),
      speaker: null,
    });
  }

  /** `speaker`'s connection ended: the ids still bound to it (to remove), now unbound. */
  release(speaker: PresenceSpeaker, clientIds: Iterable<number>): number[] {
    const released: number[] = [];
    for (const id of clientIds) {
      const owner = this.owners.get(id);
      if (owner?.speaker !== speaker) continue;
      owner.speaker = null;
      released.push(id);
    }
    return released;
  }
}

function stampedParticipant(state: string): string | null {
  try {
    const parsed = JSON.parse(state) as { user?: { participantId?: unknown } } | null;
    const id = parsed?.user?.participantId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
