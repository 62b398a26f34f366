/**
 * What the phone benchmark watches inside the page: the moments a participant would notice,
 * in milliseconds after navigation start (`performance.now()`), taken in the animation frame
 * in which they first hold (that frame is then painted).
 */

/** The moments, each `null` until it happened. */
export interface PhoneMarks {
  /** First contentful paint (the browser's `paint` entry). */
  fcp: number | null;
  /** The join form's name field is laid out inside the viewport. */
  joinForm: number | null;
  /** The join form was sent ("Bli med"). */
  submit: number | null;
  /** The waiting notice ("Venter på at fasilitatoren …") is laid out inside the viewport. */
  waiting: number | null;
  /** The board's store holds every object and its objects layer has pixels on it. */
  boardDrawn: number | null;
  /** Longest main-thread task so far (`longtask` entries), ms. */
  longestTaskMs: number;
}

export type PhoneMarkName = 'fcp' | 'joinForm' | 'submit' | 'waiting' | 'boardDrawn';

interface PhoneAgent {
  marks: PhoneMarks;
  when(name: PhoneMarkName): Promise<number>;
}

declare global {
  interface Window {
    __phone?: PhoneAgent;
  }
}

/**
 * Installed before the page's own scripts (Playwright's addInitScript; serialised, so it must
 * not use anything from this module's scope). `boardObjects`: how many objects the board has.
 *
 * The selectors are the app's plainest ones (an input with `autocomplete="name"` in a form,
 * the `.waiting` notice, the `board-canvas` test id, the `window.__torg` debug handle), so
 * that the same script measures older and newer builds alike.
 */
export function installPhoneAgent(boardObjects: number): void {
  const marks: PhoneMarks = {
    fcp: null,
    joinForm: null,
    submit: null,
    waiting: null,
    boardDrawn: null,
    longestTaskMs: 0,
  };
  const waiters = new Map<PhoneMarkName, ((t: number) => void)[]>();
  const mark = (name: PhoneMarkName, t: number): void => {
    if (marks[name] !== null) return;
    marks[name] = t;
    for (const resolve of waiters.get(name) ?? []) resolve(t);
    waiters.delete(name);
  };

  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === 'first-contentful-paint') mark('fcp', e.startTime);
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      marks.longestTaskMs = Math.max(marks.longestTaskMs, e.duration);
  }).observe({ type: 'longtask', buffered: true });
  // Capture phase: before the app's own handler starts the request.
  document.addEventListener('submit', () => mark('submit', performance.now()), true);

  const inView = (selector: string): boolean => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top < window.innerHeight && r.bottom > 0;
  };

  // True once the first canvas of the board (the objects layer) is shown and has any pixel drawn.
  const probe = document.createElement('canvas');
  probe.width = 64;
  probe.height = 40;
  const probeCtx = probe.getContext('2d', { willReadFrequently: true });
  const drawn = (): boolean => {
    const canvas = document.querySelector('[data-testid="board-canvas"] canvas');
    if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0 || !probeCtx) return false;
    if (canvas.style.display === 'none') return false;
    probeCtx.clearRect(0, 0, probe.width, probe.height);
    probeCtx.drawImage(canvas, 0, 0, probe.width, probe.height);
    const data = probeCtx.getImageData(0, 0, probe.width, probe.height).data;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) return true;
    return false;
  };
  const boardComplete = (): boolean => {
    const torg = (window as { __torg?: { shapes(): unknown[] } }).__torg;
    return !!torg && torg.shapes().length >= boardObjects && drawn();
  };

  // One cheap check per frame (a few querySelector calls) rather than a busy timer loop,
  // which would take the throttled CPU from the page it measures.
  const frame = (): void => {
    const now = performance.now();
    if (marks.joinForm === null && inView('form input[autocomplete="name"]')) mark('joinForm', now);
    if (marks.waiting === null && inView('.waiting')) mark('waiting', now);
    if (marks.boardDrawn === null && boardComplete()) mark('boardDrawn', now);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  window.__phone = {
    marks,
    when: (name) =>
      new Promise<number>((resolve) => {
        const at = marks[name];
        if (at !== null) resolve(at);
        else waiters.set(name, [...(waiters.get(name) ?? []), resolve]);
      }),
  };
}
