import type { Shape } from '@torg/shared';
import { ConnectorView } from './ConnectorView.js';
import { DrawingView } from './DrawingView.js';
import { FrameView } from './FrameView.js';
import { GeoView } from './GeoView.js';
import { ImageView } from './ImageView.js';
import { StickyView } from './StickyView.js';
import { TextView } from './TextView.js';
import type { ShapeViewProps } from './types.js';

/**
 * The client's registry of shape views (tldraw's ShapeUtil idea, kept small): how each type
 * draws, and how it may be resized.
 */
export const SHAPE_UTILS = {
  sticky: { View: StickyView, resize: 'none' },
  text: { View: TextView, resize: 'width' },
  geo: { View: GeoView, resize: 'free' },
  connector: { View: ConnectorView, resize: 'none' },
  frame: { View: FrameView, resize: 'free' },
  drawing: { View: DrawingView, resize: 'none' },
  image: { View: ImageView, resize: 'aspect' },
} as const satisfies {
  [K in Shape['type']]: {
    View: (p: ShapeViewProps<Extract<Shape, { type: K }>>) => React.ReactNode;
    resize: 'none' | 'width' | 'free' | 'aspect';
  };
};

export function renderShape(props: ShapeViewProps): React.ReactNode {
  const { shape } = props;
  // Each util's view takes its own type; the switch narrows for the compiler.
  switch (shape.type) {
    case 'sticky':
      return <StickyView {...props} shape={shape} />;
    case 'text':
      return <TextView {...props} shape={shape} />;
    case 'geo':
      return <GeoView {...props} shape={shape} />;
    case 'connector':
      return <ConnectorView {...props} shape={shape} />;
    case 'frame':
      return <FrameView {...props} shape={shape} />;
    case 'drawing':
      return <DrawingView {...props} shape={shape} />;
    case 'image':
      return <ImageView {...props} shape={shape} />;
  }
}
