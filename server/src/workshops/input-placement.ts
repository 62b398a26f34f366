import {
  findFreeSpot,
  type InputRound,
  lookupFrom,
  newId,
  PLACEMENT_GAP,
  placementContext,
  type Shape,
  type StakeholderInput,
  shapeBounds,
  stakeholderOf,
  stickyDefaults,
  zAbove,
} from '@torg/shared';

/** The notes for `inputs` on a board with `shapes`: in the round's section, else beside the rest. */
export function placeNotes(
  shapes: readonly Shape[],
  round: InputRound,
  inputs: readonly StakeholderInput[],
): Shape[] {
  const frame = round.section
    ? shapes.find(
        (s): s is Extract<Shape, { type: 'frame' }> =>
          s.type === 'frame' && s.section === round.section,
      )
    : undefined;
  const lookup = lookupFrom(shapes);
  const bounds = shapes.flatMap((s) => shapeBounds(s, lookup) ?? []);
  const context = placementContext(shapes, frame ? { shapeId: frame.id } : null);
  const size = stickyDefaults();
  // In the round's section; else to the right of everything, frames included (beside a
  // template's columns, not on top of them).
  const right = bounds.reduce((max, b) => Math.max(max, b.x + b.w), 0);
  const top = bounds.reduce((min, b) => Math.min(min, b.y), Number.POSITIVE_INFINITY);
  const preferred = frame
    ? { x: frame.x + PLACEMENT_GAP, y: frame.y + 40 }
    : { x: right + PLACEMENT_GAP * 4, y: Number.isFinite(top) ? top : 0 };
  const obstacles = frame ? [...context.obstacles] : bounds;
  let z = zAbove(shapes.map((s) => s.z));
  const notes: Shape[] = [];
  for (const input of inputs) {
    const stakeholder = stakeholderOf([round], input);
    const spot = findFreeSpot({ size, preferred, area: context.area, obstacles });
    obstacles.push({ ...spot, w: size.w, h: size.h });
    notes.push({
      ...size,
      id: newId(),
      x: spot.x,
      y: spot.y,
      z,
      color: stakeholder?.color ?? 'grey',
      text: input.text,
      source: {
        kind: 'input',
        roundId: round.id,
        inputId: input.id,
        label: stakeholder?.label ?? '',
      },
    });
    z = zAbove([z]);
  }
  return notes;
}
