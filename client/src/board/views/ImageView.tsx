import { IMAGE_STYLE, type ImageShape } from '@torg/shared';
import { useEffect, useState } from 'react';
import { Group, Image, Rect } from 'react-konva';
import { EDIT_BASE, type ShapeView, type ShapeViewProps } from './types.js';

const cache = new Map<string, HTMLImageElement>();

/** Loads an uploaded image once per page (the server marks assets immutable). */
function useAsset(assetId: string): HTMLImageElement | null {
  const [img, setImg] = useState<HTMLImageElement | null>(() => {
    const hit = cache.get(assetId);
    return hit?.complete ? hit : null;
  });
  useEffect(() => {
    let el = cache.get(assetId);
    if (!el) {
      el = new window.Image();
      el.src = `/api/assets/${assetId}`;
      cache.set(assetId, el);
    }
    if (el.complete && el.naturalWidth > 0) {
      setImg(el);
      return;
    }
    const image = el;
    const onLoad = () => setImg(image);
    image.addEventListener('load', onLoad);
    return () => image.removeEventListener('load', onLoad);
  }, [assetId]);
  return img;
}

function ImageView({ shape, dx, dy }: ShapeViewProps<ImageShape>) {
  const img = useAsset(shape.assetId);
  return (
    <Group id={shape.id} name="shape" x={shape.x + dx} y={shape.y + dy}>
      {img ? (
        <Image image={img} width={shape.w} height={shape.h} />
      ) : (
        <Rect
          width={shape.w}
          height={shape.h}
          fill={IMAGE_STYLE.placeholderFill}
          stroke={IMAGE_STYLE.placeholderStroke}
          dash={[...IMAGE_STYLE.placeholderDash]}
        />
      )}
    </Group>
  );
}

export const imageView: ShapeView<'image'> = {
  View: ImageView,
  // The description (alt text) is edited in a field just below the picture.
  editLayout: (shape) => ({
    ...EDIT_BASE,
    x: shape.x,
    y: shape.y + shape.h + 8,
    w: Math.max(shape.w, 240),
    h: 36,
    fontSize: 16,
    padding: 5,
  }),
};
