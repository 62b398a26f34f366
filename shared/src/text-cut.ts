/**
 * `text` on one line, at most `max` characters: whitespace runs become one space, and a
 * longer text is cut at the last word boundary that fits, with "…" (a single word longer
 * than half of `max` is cut inside, still with "…"). Show the full text beside it (a
 * tooltip or the accessible name) wherever it is cut.
 */
export function cutAtWord(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const room = line.slice(0, max - 1);
  // The next character is a space: `room` ends on a whole word.
  const boundary = line[max - 1] === ' ' ? room.length : room.lastIndexOf(' ');
  const cut = boundary >= max / 2 ? room.slice(0, boundary) : room;
  return `${cut.replace(/[\s,.;:–-]+$/, '')}…`;
}
