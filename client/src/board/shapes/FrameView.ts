import { FRAME_STYLE } from '@torg/shared';

/** Moved to shared (`FRAME_STYLE.title`); kept only for hit-test.ts until its import is switched. */
export const FRAME_TITLE = FRAME_STYLE.title;
