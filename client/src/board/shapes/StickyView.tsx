import { STICKY_FILL, STICKY_TEXT, type Sticky } from '@torg/shared';
import { useMemo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { FONT_FAMILY, fitFontSize, useFontVersion } from '../text-fit.js';
import type { ShapeViewProps } from './types.js';

export const STICKY_PADDING = 14;
export const STICKY_FONT = { s: 18, m: 22, l: 28 } as const;

export function stickyFontSize(s: Sticky): number {
  return fitFontSize(
    s.text,
    s.w - STICKY_PADDING * 2,
    s.h - STICKY_PADDING * 2,
    STICKY_FONT[s.size],
  );
}

export function StickyView({ shape, dx, dy, editing }: ShapeViewProps<Sticky>) {
  const fonts = useFontVersion();
  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again once Inter has loaded
  const fontSize = useMemo(() => stickyFontSize(shape), [shape, fonts]);
  return (
    <Group id={shape.id} name="shape" x={shape.x + dx} y={shape.y + dy}>
      <Rect
        x={2}
        y={3}
        width={shape.w}
        height={shape.h}
        fill="rgba(0,0,0,0.12)"
        cornerRadius={4}
        listening={false}
      />
      <Rect width={shape.w} height={shape.h} fill={STICKY_FILL[shape.color]} cornerRadius={4} />
      {!editing && (
        <Text
          text={shape.text}
          x={STICKY_PADDING}
          y={STICKY_PADDING}
          width={shape.w - STICKY_PADDING * 2}
          height={shape.h - STICKY_PADDING * 2}
          fontSize={fontSize}
          lineHeight={1.25}
          fontFamily={FONT_FAMILY}
          fill={STICKY_TEXT}
          wrap="word"
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
    </Group>
  );
}
