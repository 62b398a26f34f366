import type { StickyColor } from '@torg/shared';

/** Sticky fills, light enough for black text at ≥ 7:1 contrast. */
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

export const STICKY_TEXT = {
  fontSize: 20,
  padding: 16,
  lineHeight: 1.25,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif',
  color: '#1b1b1b',
} as const;

export const SELECTION_COLOR = '#1d4e89';
