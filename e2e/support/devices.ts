/** A participant's phone in browser tests: 390 × 844 CSS px, touch, a mobile browser. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
} as const;
