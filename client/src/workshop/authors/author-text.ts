import type { MessageKey, WorkshopState } from '@torg/shared';

/** "Anne · Gruppe 2", "Kari · fasilitator", or null for someone the workshop does not know. */
export function authorText(
  state: WorkshopState,
  participantId: string,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string | null {
  const who = state.participants.find((p) => p.id === participantId);
  if (!who) return null;
  if (who.role === 'facilitator') return t('author.facilitator', { name: who.name });
  const group = who.groupId ? state.groups.find((g) => g.id === who.groupId) : undefined;
  return group
    ? t('author.label', { name: who.name, group: group.name })
    : t('author.noGroup', { name: who.name });
}
