import type { MessageKey } from '@torg/shared';

export const TOOLS = [
  { id: 'select', key: 'v', label: 'tool.select' },
  { id: 'hand', key: 'h', label: 'tool.hand' },
  { id: 'sticky', key: 'n', label: 'tool.sticky' },
  { id: 'text', key: 't', label: 'tool.text' },
  { id: 'rectangle', key: 'r', label: 'tool.rectangle' },
  { id: 'ellipse', key: 'o', label: 'tool.ellipse' },
  { id: 'diamond', key: 'd', label: 'tool.diamond' },
  { id: 'connector', key: 'a', label: 'tool.connector' },
  { id: 'frame', key: 'f', label: 'tool.frame' },
  { id: 'pen', key: 'p', label: 'tool.pen' },
  { id: 'image', key: 'i', label: 'tool.image' },
] as const satisfies readonly { id: string; key: string; label: MessageKey }[];

export type Tool = (typeof TOOLS)[number]['id'];
