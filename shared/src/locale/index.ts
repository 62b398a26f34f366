export * from './messages.js';
export type { MessageKey } from './nb.js';
export * from './translate.js';
