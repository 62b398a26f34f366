// `@torg/shared/themes`: finding themes in notes. Its own entry because the stemmer holds
// every Snowball language: only the server and the board's "Sorter lappene" load it.
export * from './find-themes.js';
export * from './template-notes.js';
export type { ThemeLanguage } from './words.js';
