import type { Tool } from '../../tools.js';
import type { Editor } from '../Editor.js';
import { boxTool } from './box.js';
import { handTool, imageTool, stickyTool, textTool } from './click.js';
import { connectorTool } from './connector.js';
import { penTool } from './pen.js';
import { selectTool } from './select.js';
import type { ToolState } from './types.js';

/** Every tool's idle state for one editor: what `new Editor({ tools: toolStates })` takes. */
export function toolStates(editor: Editor): Record<Tool, ToolState> {
  return {
    select: selectTool(editor),
    hand: handTool(editor),
    sticky: stickyTool(editor),
    text: textTool(editor),
    rectangle: boxTool(editor, 'rectangle'),
    ellipse: boxTool(editor, 'ellipse'),
    diamond: boxTool(editor, 'diamond'),
    frame: boxTool(editor, 'frame'),
    connector: connectorTool(editor),
    pen: penTool(editor),
    image: imageTool(editor),
  };
}
