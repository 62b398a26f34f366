/**
 * Colours by name, shared by the canvas and the exports. Names (not hex values) are stored
 * in the document so a palette tweak never rewrites boards.
 */
export const STICKY_COLORS = [
  'yellow',
  'orange',
  'pink',
  'purple',
  'blue',
  'teal',
  'green',
  'grey',
] as const;
export type StickyColor = (typeof STICKY_COLORS)[number];

/** Sticky fills, light enough for the ink colour at ≥ 7:1 contrast. */
export const STICKY_FILL: Record<StickyColor, string> = {
  yellow: '#fff27a',
  orange: '#ffc58a',
  pink: '#ffc1dc',
  purple: '#dccbff',
  blue: '#bfe0ff',
  teal: '#a9eee2',
  green: '#c9f0a8',
  grey: '#e4e6ea',
};

/**
 * A sticky's edge: a darker tone of its fill with ≥ 3:1 contrast against every frame fill and
 * the board (WCAG 1.4.11, non-text contrast), so a note stays visible on any section, even a
 * yellow note on the yellow "future picture" frame where the fills alone are alike.
 */
export const STICKY_EDGE: Record<StickyColor, string> = {
  yellow: '#8a7300',
  orange: '#a65c00',
  pink: '#b0336e',
  purple: '#7447c4',
  blue: '#2f6fb0',
  teal: '#137a6b',
  green: '#3f7d1c',
  grey: '#6b7380',
};

/**
 * New notes' default colour by group, in the workshop's group order (then round again): the
 * first three have no frame fill of their hue, so the usual three or four groups stand out on
 * every template section. Facilitators and people without a group write yellow.
 */
export const GROUP_STICKY_COLORS = ['orange', 'purple', 'teal', 'pink', 'green', 'blue'] as const;
export const UNGROUPED_STICKY_COLOR: StickyColor = 'yellow';

/** A group's default note colour (by its place among the workshop's groups), or yellow. */
export function groupStickyColor(
  groups: readonly { id: string }[],
  groupId: string | null,
): StickyColor {
  const index = groupId === null ? -1 : groups.findIndex((g) => g.id === groupId);
  if (index < 0) return UNGROUPED_STICKY_COLOR;
  return GROUP_STICKY_COLORS[index % GROUP_STICKY_COLORS.length] ?? UNGROUPED_STICKY_COLOR;
}

/** Ink: text, strokes, pen and arrows. Each has ≥ 4.5:1 contrast on white. */
export const INK_COLORS = ['black', 'blue', 'green', 'red', 'orange', 'purple', 'grey'] as const;
export type InkColor = (typeof INK_COLORS)[number];
export const INK: Record<InkColor, string> = {
  black: '#1b1b1b',
  blue: '#1d4e89',
  green: '#0b6a0b',
  red: '#a4262c',
  orange: '#a34700',
  purple: '#6b2fbf',
  grey: '#545b66',
};

/** The text on stickies and of frame titles (the ink black). */
export const STICKY_TEXT = INK.black;
export const FRAME_TITLE_TEXT = INK.black;
/** The board's background, behind text objects, frame titles and unfilled shapes. */
export const BOARD_BACKGROUND = '#fbfbfc';

/** Fills of shapes and frames: pale tints, or none. */
export const FILL_COLORS = ['none', 'white', 'yellow', 'blue', 'green', 'pink', 'grey'] as const;
export type FillColor = (typeof FILL_COLORS)[number];
export const FILL: Record<FillColor, string | null> = {
  none: null,
  white: '#ffffff',
  yellow: '#fff6bf',
  blue: '#e3f0ff',
  green: '#e4f6d8',
  pink: '#ffe3ef',
  grey: '#f0f1f3',
};

/** Comment pins: white numbers on these fills, by the comment's status and kind. */
export const PIN_TEXT = '#ffffff';
export const COMMENT_PIN_FILL = {
  open: { comment: '#1d4e89', suggestion: '#8a4b00' },
  resolved: { comment: '#6b7380', suggestion: '#6b7380' },
  accepted: { comment: '#2b6b3a', suggestion: '#2b6b3a' },
} as const;

/** Presence colours (cursors, names, own vote dots), each ≥ 4.5:1 against white text. */
export const PRESENCE_COLORS = [
  '#1d4e89',
  '#a4262c',
  '#0b6a0b',
  '#6b2fbf',
  '#a34700',
  '#005f73',
  '#6b2d5c',
  '#3d3d3d',
] as const;

/**
 * A workshop participant's colour, the same on the server (which stamps it on their
 * presence) and in their own browser: FNV-1a of the participant id.
 */
export function participantColor(participantId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < participantId.length; i++) {
    h ^= participantId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return PRESENCE_COLORS[h % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0];
}
