/**
 * Moved: the views live in `../views/`, the per-type rules in shared's shape registry.
 * Kept only for BoardCanvas.tsx until its imports are switched (then delete this folder).
 */
export { SHAPE_UTILS } from '@torg/shared';
export { renderShape } from '../views/index.js';
