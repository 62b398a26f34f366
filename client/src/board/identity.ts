/** The participant's own name and colour, kept in this browser (no accounts yet). */
const NAME_KEY = 'torg.name';

/** Cursor colours with at least 4.5:1 contrast against white text labels. */
export const PRESENCE_COLORS = [
  '#1d4e89',
  '#a4262c',
  '#0b6a0b',
  '#8a3ffc',
  '#b3541e',
  '#005f73',
  '#6b2d5c',
  '#3d3d3d',
] as const;

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
