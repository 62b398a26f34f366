import { compareZ, readShape, type Shape, type ShapeMap, shapesMap } from '@torg/shared';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

interface Ordered {
  id: string;
  z: string;
}

function order(doc: Y.Doc): string[] {
  const items: Ordered[] = [];
  for (const [id, map] of shapesMap(doc)) {
    const z = map.get('z');
    items.push({ id, z: typeof z === 'string' ? z : '' });
  }
  return items.sort(compareZ).map((i) => i.id);
}

/**
 * The ids of the board's objects in z-order. Re-renders only when objects are added,
 * removed or re-ordered — not when one object's other fields change (those re-render that
 * object alone, see useShape).
 */
export function useShapeIds(doc: Y.Doc): string[] {
  const [ids, setIds] = useState(() => order(doc));
  useEffect(() => {
    const all = shapesMap(doc);
    const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const structural = events.some(
        (e) => e.target === all || (e.changes.keys.has('z') && e.target.parent === all),
      );
      if (structural) setIds(order(doc));
    };
    setIds(order(doc));
    all.observeDeep(onChange);
    return () => all.unobserveDeep(onChange);
  }, [doc]);
  return ids;
}

/** One object, subscribed to its own Y.Map. */
export function useShape(map: ShapeMap | undefined): Shape | null {
  const [shape, setShape] = useState(() => (map ? readShape(map) : null));
  useEffect(() => {
    if (!map) {
      setShape(null);
      return;
    }
    const onChange = () => setShape(readShape(map));
    onChange();
    map.observe(onChange);
    return () => map.unobserve(onChange);
  }, [map]);
  return shape;
}

/** All valid objects, for views that list everything (re-renders on any change). */
export function useAllShapes(doc: Y.Doc): Shape[] {
  const [shapes, setShapes] = useState<Shape[]>([]);
  useEffect(() => {
    const all = shapesMap(doc);
    const onChange = () => {
      const list: Shape[] = [];
      for (const map of all.values()) {
        const s = readShape(map);
        if (s) list.push(s);
      }
      setShapes(list.sort(compareZ));
    };
    onChange();
    all.observeDeep(onChange);
    return () => all.unobserveDeep(onChange);
  }, [doc]);
  return shapes;
}
