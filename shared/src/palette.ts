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
