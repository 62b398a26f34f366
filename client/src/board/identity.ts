import { PRESENCE_COLORS } from '@torg/shared';

/** The participant's own name and colour, kept in this browser (no accounts yet). */
const NAME_KEY = 'torg.name';

export function storedName(): string | null {
  return localStorage.getItem(NAME_KEY);
}

export function storeName(name: string): void {
  localStorage.setItem(NAME_KEY, name);
}

export function colorFor(clientId: number): string {
  return PRESENCE_COLORS[clientId % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0];
}

export function guestNumber(clientId: number): number {
  return (clientId % 900) + 100;
}
