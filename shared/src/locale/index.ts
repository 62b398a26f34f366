export type { ConsoleKey } from './console-nb.js';
export * from './messages.js';
export type { CoreKey, MessageKey } from './nb.js';
export type { ReportKey } from './report-nb.js';
export * from './translate.js';
