import { describe, expect, it } from 'vitest';
import { screenToWorld } from '../camera.js';
import { openTestEditor } from './test-editor.js';

const open = openTestEditor;

const area = { x: 0, y: 0, w: 2000, h: 1000 };

describe('the view when the canvas changes size or place', () => {
  it('a fitted view is fitted again when a side panel takes part of the canvas', () => {
    const editor = open();
    editor.zoomToRect(area);
    editor.setViewportSize({ width: 600, height: 800 });
    const { camera } = editor.state;
    // All of the area is inside the narrower canvas.
    expect(camera.x).toBeGreaterThanOrEqual(0);
    expect(camera.x + area.w * camera.scale).toBeLessThanOrEqual(600);
  });

  it('once the person moved the view, a banner above the canvas moves nothing on the page', () => {
    const editor = open();
    editor.zoomToRect(area);
    editor.setCamera((c) => ({ ...c, x: c.x + 30 }), true);
    const pagePoint = { x: 500, y: 400 };
    const before = screenToWorld(editor.state.camera, pagePoint);
    // A 40 px banner: the canvas starts 40 px lower and is 40 px shorter.
    editor.setViewportSize({ width: 1000, height: 760 }, { x: 0, y: 40 });
    const after = screenToWorld(editor.state.camera, { x: pagePoint.x, y: pagePoint.y - 40 });
    expect(after).toEqual(before);
  });
});
