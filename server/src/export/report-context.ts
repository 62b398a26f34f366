import type { CommentStatus, Shape, TextKey } from '@torg/shared';

/** What every part of the report builder needs: labels, names, and the workshop's lookups. */
export interface ReportContext {
  t: (key: TextKey, params?: Record<string, string | number>) => string;
  name: (id: string | null, fallback?: string) => string;
  groupName: Map<string, string>;
  phaseName: Map<string, string>;
  currentVoteId: string | null;
}

/** A time as ISO 8601, or null when there is none. */
export const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

/** The words for an object's type ("Lapp"). */
export const TYPE_KEYS: Record<Shape['type'], TextKey> = {
  sticky: 'export.typeSticky',
  text: 'export.typeText',
  geo: 'export.typeGeo',
  connector: 'export.typeConnector',
  frame: 'export.typeFrame',
  drawing: 'export.typeDrawing',
  image: 'export.typeImage',
};

/** The words for a comment's status. */
export const STATUS_KEYS: Record<CommentStatus, TextKey> = {
  open: 'export.statusOpen',
  resolved: 'export.statusResolved',
  accepted: 'export.statusAccepted',
};
