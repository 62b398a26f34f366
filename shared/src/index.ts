// First, before any schema is built (see no-eval.ts); on its own so that sorting keeps it first.
import './no-eval.js';

export * from './attribution.js';
export * from './comments.js';
export * from './doc.js';
export * from './export.js';
export * from './geometry.js';
export * from './ids.js';
export * from './locale/index.js';
export * from './market.js';
export * from './origins.js';
export * from './palette.js';
export * from './protocol.js';
export * from './render/index.js';
export * from './schema.js';
export * from './shapes/base.js';
export * from './shapes/connector.js';
export * from './shapes/drawing.js';
export * from './shapes/frame.js';
export * from './shapes/geo.js';
export * from './shapes/image.js';
export * from './shapes/sticky.js';
export * from './shapes/text.js';
export * from './templates/index.js';
export * from './votes.js';
export * from './workshop.js';
export * from './z-order.js';
