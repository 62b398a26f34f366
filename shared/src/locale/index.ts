export * from './messages.js';
export type { MessageKey } from './nb.js';
export type { ReportKey } from './report-nb.js';
export * from './translate.js';
