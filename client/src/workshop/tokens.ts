import { isValidId, ROLES, type Role } from '@torg/shared';

/**
 * The tokens the browser keeps for the workshops it has joined
 * (`localStorage["torg.token.<workshopId>"]`), and what they say.
 */

const TOKEN_PREFIX = 'torg.token.';

/**
 * Where the room screen's token is kept: apart from the person's own, so opening the screen's
 * link on the facilitator's laptop does not make its console an observer's.
 */
export const screenSlot = (workshopId: string) => `${workshopId}.screen`;

export function getToken(workshopId: string): string | null {
  try {
    return localStorage.getItem(TOKEN_PREFIX + workshopId);
  } catch {
    return null;
  }
}

export function setToken(workshopId: string, token: string): void {
  localStorage.setItem(TOKEN_PREFIX + workshopId, token);
}

export function clearToken(workshopId: string): void {
  localStorage.removeItem(TOKEN_PREFIX + workshopId);
}

/**
 * A facilitator link carries the token in the fragment (`/w/<id>#t=<token>`, never sent to
 * a server). Stores it (under `slot`: the workshop's id, or `screenSlot`) and removes it from
 * the address bar. Returns whether one was found.
 */
export function captureFragmentToken(slot: string): boolean {
  const m = /(?:^#|&)t=([^&]+)/.exec(window.location.hash);
  if (!m?.[1]) return false;
  setToken(slot, decodeURIComponent(m[1]));
  window.history.replaceState(
    window.history.state,
    '',
    window.location.pathname + window.location.search,
  );
  return true;
}

export interface TokenClaims {
  workshopId: string;
  participantId: string;
  role: Role;
}

function base64UrlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/**
 * Reads (does not verify: only the server can) who a token says we are, so the page knows
 * its role even offline. The server checks the signature on every request.
 */
export function decodeToken(token: string): TokenClaims | null {
  try {
    const [payload] = token.split('.');
    if (!payload) return null;
    const p = JSON.parse(base64UrlDecode(payload)) as { w?: unknown; p?: unknown; r?: unknown };
    if (typeof p.w !== 'string' || typeof p.p !== 'string' || !isValidId(p.w)) return null;
    if (!ROLES.includes(p.r as Role)) return null;
    return { workshopId: p.w, participantId: p.p, role: p.r as Role };
  } catch {
    return null;
  }
}

/** Removes what this browser kept of a workshop: its token and local copies of its documents. */
export function forgetWorkshop(workshopId: string, boardIds: readonly string[]): void {
  clearToken(workshopId);
  clearToken(screenSlot(workshopId));
  try {
    for (const name of [`w.${workshopId}`, ...boardIds.map((b) => `b.${b}`)])
      indexedDB.deleteDatabase(name);
  } catch {
    // IndexedDB unavailable (private mode): nothing was stored
  }
}
