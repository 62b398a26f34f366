import type { MessageKey } from '@torg/shared';

/**
 * What a toast says, as a message key and its parameters rather than rendered text, so it
 * is rendered in the language shown now (switching language changes a toast already shown).
 */
export interface ToastNote {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export const note = (key: MessageKey, params?: ToastNote['params']): ToastNote =>
  params ? { key, params } : { key };

/** How long a toast stays (ms) unless hovered or focused: long enough to read twice. */
export const TOAST_MS = 6000;
/** Errors stay longer: they may need acting on. */
export const ERROR_TOAST_MS = 10_000;
