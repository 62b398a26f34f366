import type { ShapeMap } from '@torg/shared';

/** What every shape component gets from the canvas (tldraw's ShapeUtil idea, kept small). */
export interface ShapeComponentProps {
  map: ShapeMap;
  selected: boolean;
  editing: boolean;
  onSelect(id: string): void;
  onEdit(id: string): void;
  /** Live drag position (throttled by the caller) and the final one on release. */
  onMove(id: string, pos: { x: number; y: number }, final: boolean): void;
}
