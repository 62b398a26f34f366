import { createSticky, createText } from '../create.js';
import type { Editor } from '../Editor.js';
import { pickImage } from '../image-upload.js';
import { panning } from './panning.js';
import { openOrCreate } from './select.js';
import type { ToolState } from './types.js';

/** The tools a single press finishes: a note, a text, an image (asks for the file). */
export function stickyTool(editor: Editor): ToolState {
  return { id: 'sticky', pointerDown: ({ world }) => createSticky(editor, world) };
}

export function textTool(editor: Editor): ToolState {
  return { id: 'text', pointerDown: ({ world }) => createText(editor, world) };
}

export function imageTool(editor: Editor): ToolState {
  return { id: 'image', pointerDown: ({ world }) => pickImage(editor, world) };
}

/** The hand: every drag pans. */
export function handTool(editor: Editor): ToolState {
  return {
    id: 'hand',
    pointerDown: (info) => editor.transition(panning(editor, info)),
    doubleClick: (info) => openOrCreate(editor, info),
  };
}
