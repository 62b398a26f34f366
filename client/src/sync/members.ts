import { ROLES, type Role } from '@torg/shared';
import type { Awareness } from 'y-protocols/awareness';

/** Someone connected to a document, as the server stamped them (awareness `user`). */
export interface Member {
  clientId: number;
  participantId: string | null;
  name: string;
  role: Role | null;
  groupId: string | null;
  color: string;
}

/** Awareness states come from other browsers (stamped by the server): read them defensively. */
export function readMembers(awareness: Awareness, includeSelf = false): Member[] {
  const out: Member[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (!includeSelf && clientId === awareness.clientID) continue;
    const u = (state as { user?: Record<string, unknown> }).user;
    if (!u || typeof u.name !== 'string') continue;
    out.push({
      clientId,
      participantId: typeof u.participantId === 'string' ? u.participantId : null,
      name: u.name.slice(0, 80),
      role: ROLES.includes(u.role as Role) ? (u.role as Role) : null,
      groupId: typeof u.groupId === 'string' ? u.groupId : null,
      color: typeof u.color === 'string' && /^#[0-9a-f]{6}$/i.test(u.color) ? u.color : '#3d3d3d',
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.clientId - b.clientId);
}
