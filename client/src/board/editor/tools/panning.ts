import type { CameraHost, PointerInfo, ToolState } from './types.js';

/** Dragging the board itself (hand tool, space bar, middle button): the view follows. */
export function panning(editor: CameraHost, down: PointerInfo): ToolState {
  const cam = editor.state.camera;
  return {
    id: 'panning',
    pointerMove: ({ screen }) =>
      editor.setCamera(
        () => ({
          ...cam,
          x: cam.x + screen.x - down.screen.x,
          y: cam.y + screen.y - down.screen.y,
        }),
        true,
      ),
    pointerUp: () => editor.enterTool(),
  };
}
