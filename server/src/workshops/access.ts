import crypto from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type Role } from '@torg/shared';
import type { TokenGenerations } from '../auth/tokens.js';
import type { WorkshopIndex, WorkshopRecord } from '../storage/storage.js';

/**
 * Who may still get into a workshop: its join and observer codes, whether they admit new
 * people, and the token generations that decide which signed tokens are still alive.
 */

/**
 * A new join or observer code: `JOIN_CODE_LENGTH` characters drawn uniformly from
 * `JOIN_CODE_ALPHABET` (`crypto.randomInt` rejects the bytes that would make some characters
 * likelier, as `byte % alphabet` did), so every code is as hard to guess as its length says.
 */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++)
    code += JOIN_CODE_ALPHABET[crypto.randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** A join code and an observer code that differ from each other. */
export function newCodePair(): { joinCode: string; observerCode: string } {
  for (;;) {
    const joinCode = newJoinCode();
    const observerCode = newJoinCode();
    if (joinCode !== observerCode) return { joinCode, observerCode };
  }
}

/**
 * Stores a new workshop row with fresh codes, drawing again when a code is taken already
 * (the storage refuses duplicates). `onConflict` runs after a refused write, before the next
 * try (the import uses it to answer 409 when the workshop id itself is what was taken).
 */
export async function putWithNewCodes(
  index: WorkshopIndex,
  row: Omit<WorkshopRecord, 'joinCode' | 'observerCode'>,
  onConflict: () => Promise<void> = async () => {},
): Promise<WorkshopRecord> {
  for (let attempt = 0; ; attempt++) {
    const record = { ...row, ...newCodePair() };
    try {
      await index.putWorkshop(record);
      return record;
    } catch (err) {
      await onConflict();
      if (attempt >= 10) throw err;
    }
  }
}

/**
 * Whether the workshop's codes admit new people: the row decides, except for a workshop that
 * ended before joining could be closed (its meta has no `joinOpen` yet, and the row its
 * migration default, open): closed, as an ended gathering's joining is now.
 */
export function joiningOpen(
  record: WorkshopRecord,
  meta: { ended: boolean; joinOpen?: boolean | undefined } | null,
): boolean {
  return record.joinOpen && !(meta?.ended && meta.joinOpen === undefined);
}

/** The generations a token signed now for this workshop carries. */
export function generationsOf(record: WorkshopRecord): TokenGenerations {
  return { tokenGen: record.tokenGen, joinGen: record.joinGen };
}

/**
 * Whether a token signed in `generations` is still alive in the workshop: every token needs
 * the row's `tokenGen` (moved by an import), and participants and observers its `joinGen`
 * too (moved when the facilitator rotates the codes and signs out everyone who joined).
 */
export function generationsCurrent(
  record: WorkshopRecord,
  role: Role,
  generations: TokenGenerations,
): boolean {
  if (generations.tokenGen !== record.tokenGen) return false;
  return role === 'facilitator' || generations.joinGen === record.joinGen;
}

/** What a code rotation changes on the workshop's row. */
export function rotation(
  record: WorkshopRecord,
  what: { join: boolean; observer: boolean; signOut: boolean },
): Pick<WorkshopRecord, 'joinCode' | 'observerCode' | 'joinGen'> {
  const fresh = newCodePair();
  // A new code never equals the other, kept one (it would then admit both roles).
  let joinCode = what.join ? fresh.joinCode : record.joinCode;
  let observerCode = what.observer ? fresh.observerCode : record.observerCode;
  while (joinCode === observerCode) {
    if (what.join) joinCode = newJoinCode();
    else observerCode = newJoinCode();
  }
  return {
    joinCode,
    observerCode,
    // Moved by one, never back to an old value: every earlier participant token is dead.
    joinGen: what.signOut ? record.joinGen + 1 : record.joinGen,
  };
}
