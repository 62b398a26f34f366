/**
 * What the board benchmark installs in the page (before the app's code runs): it times the
 * load (the board's message, the store filling, the first frame with pixels, long tasks) and
 * records frames while it moves the camera. Serialised by Playwright: `installAgent` must not
 * use anything from this module's scope.
 */
export interface Camera {
  x: number;
  y: number;
  scale: number;
}

export type Driver =
  | { kind: 'none' }
  /** Moves the camera by `dx` screen px every frame, starting at `from`. */
  | { kind: 'pan'; from: Camera; dx: number }
  /** Scale oscillates between `min` and `max` around the world point `centre`. */
  | {
      kind: 'zoom';
      centre: { x: number; y: number };
      min: number;
      max: number;
      periodMs: number;
      viewport: { width: number; height: number };
    };

export interface FrameRecording {
  /** Time between consecutive animation frames (rAF timestamps), ms. */
  dts: number[];
  /** Long tasks (> 50 ms) on the main thread while recording, ms each. */
  longTasks: number[];
  camera: Camera | null;
}

export interface LoadTimes {
  /**
   * performance.now() (ms after navigation start) when the board began to arrive: its first
   * message of 64 KiB or more (the whole board in one sync message, or the first of its
   * slices: server/src/sync/slices.ts).
   */
  boardMessageAt: number | null;
  /** The bytes of the board's messages, from that one until the store held every object. */
  boardMessageBytes: number;
  /**
   * Clicks on a toolbar button while the board arrived (between its first message and the
   * frame with it), each from the input until its handler had run (Event Timing; a click the
   * browser reports no timing for was handled and painted within 16 ms).
   */
  clicks: { at: number; handledMs: number }[];
  /** When the objects layer first had pixels on it: the board begins to show. */
  firstPixelsAt: number;
  /** When the views had been told of every object (`__torg.shapes()`). */
  syncedAt: number;
  /** The end of the first animation frame after that: the one that draws them all. */
  drawnAt: number;
  longestTaskMs: number;
}

export interface BenchAgent {
  load: Promise<LoadTimes>;
  record(driver: Driver, warmupMs: number, durationMs: number): Promise<FrameRecording>;
}

declare global {
  interface Window {
    __torg?: {
      ready: boolean;
      shapes(): unknown[];
      camera(): Camera;
      setCamera(c: Camera): void;
    };
    __bench?: BenchAgent;
  }
}

export function installAgent(target: number): void {
  const taskObserver = (sink: number[]): { stop(): void } => {
    const take = (entries: PerformanceEntryList) => {
      for (const e of entries) sink.push(e.duration);
    };
    const obs = new PerformanceObserver((list) => take(list.getEntries()));
    obs.observe({ type: 'longtask', buffered: false });
    // Entries reach the callback later, in a task of their own: collect what is pending.
    return {
      stop() {
        take(obs.takeRecords());
        obs.disconnect();
      },
    };
  };
  const loadTasks: number[] = [];
  const loadObserver = taskObserver(loadTasks);
  // Clicks, as the browser timed them (only those that took 16 ms or more to paint).
  const clickTimings = new Map<number, number>();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceEventTiming[])
      if (e.name === 'click')
        clickTimings.set(Math.round(e.startTime), e.processingEnd - e.startTime);
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  const clickTimes: number[] = [];
  document.addEventListener('click', (e) => clickTimes.push(e.timeStamp), { capture: true });

  // Arrival of every WebSocket message (this listener runs before the app's own handler).
  const messages: { at: number; bytes: number }[] = [];
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (e: MessageEvent<unknown>) => {
        const d = e.data;
        const bytes =
          d instanceof ArrayBuffer ? d.byteLength : d instanceof Blob ? d.size : String(d).length;
        messages.push({ at: performance.now(), bytes });
      });
    }
  };

  // True once the first canvas of the board (the objects layer) has any pixel drawn.
  const probe = document.createElement('canvas');
  probe.width = 64;
  probe.height = 40;
  const probeCtx = probe.getContext('2d', { willReadFrequently: true });
  const drawn = (): boolean => {
    const canvas = document.querySelector('[data-testid="board-canvas"] canvas');
    if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0 || !probeCtx) return false;
    probeCtx.clearRect(0, 0, probe.width, probe.height);
    probeCtx.drawImage(canvas, 0, 0, probe.width, probe.height);
    const data = probeCtx.getImageData(0, 0, probe.width, probe.height).data;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) return true;
    return false;
  };

  // Polled once a frame, in a task of its own right after it: it sees what that frame drew
  // (Konva draws in animation frames). Not more often: reading the canvas back and listing
  // the objects cost the page time it would otherwise spend loading the board.
  const afterFrame = (f: () => void) => requestAnimationFrame(() => setTimeout(f, 0));
  const load = new Promise<LoadTimes>((resolve) => {
    let firstPixelsAt = -1;
    let syncedAt = -1;
    const poll = async (): Promise<void> => {
      if (firstPixelsAt < 0 && drawn()) firstPixelsAt = performance.now();
      if (syncedAt < 0) {
        const torg = window.__torg;
        if (torg && torg.shapes().length >= target) {
          syncedAt = performance.now();
          // Konva draws in the next animation frame what the views were told before it.
          await new Promise<void>((r) => afterFrame(r));
        }
      }
      if (syncedAt >= 0 && drawn()) {
        const drawnAt = performance.now();
        if (firstPixelsAt < 0) firstPixelsAt = drawnAt;
        // Let the long task that just ended be reported before reading the list.
        await new Promise((r) => setTimeout(r, 100));
        loadObserver.stop();
        const big = messages.filter((m) => m.at <= syncedAt && m.bytes >= 64 * 1024);
        const boardAt = big[0]?.at ?? null;
        const clicks =
          boardAt === null
            ? []
            : clickTimes
                .filter((t) => t >= boardAt && t <= drawnAt)
                .map((t) => ({ at: t, handledMs: clickTimings.get(Math.round(t)) ?? 16 }));
        resolve({
          boardMessageAt: boardAt,
          boardMessageBytes: big.reduce((n, m) => n + m.bytes, 0),
          clicks,
          firstPixelsAt,
          syncedAt,
          drawnAt,
          longestTaskMs: Math.max(0, ...loadTasks),
        });
        return;
      }
      afterFrame(poll);
    };
    afterFrame(poll);
  });

  const record = (driver: Driver, warmupMs: number, durationMs: number) =>
    new Promise<FrameRecording>((resolve) => {
      const dts: number[] = [];
      const longTasks: number[] = [];
      let observer: { stop(): void } | null = null;
      let start = -1;
      let prev = -1;
      let frame = 0;
      const tick = (t: number): void => {
        if (start < 0) start = t;
        const elapsed = t - start;
        const torg = window.__torg;
        if (torg && driver.kind === 'pan') {
          const { from, dx } = driver;
          torg.setCamera({ x: from.x - dx * frame, y: from.y, scale: from.scale });
        } else if (torg && driver.kind === 'zoom') {
          const mid = (driver.min + driver.max) / 2;
          const amp = (driver.max - driver.min) / 2;
          const scale = mid + amp * Math.sin((2 * Math.PI * elapsed) / driver.periodMs);
          torg.setCamera({
            scale,
            x: driver.viewport.width / 2 - driver.centre.x * scale,
            y: driver.viewport.height / 2 - driver.centre.y * scale,
          });
        }
        frame++;
        if (elapsed >= warmupMs) {
          if (!observer) observer = taskObserver(longTasks);
          else dts.push(t - prev);
        }
        prev = t;
        if (elapsed < warmupMs + durationMs) {
          requestAnimationFrame(tick);
        } else {
          observer?.stop();
          resolve({ dts, longTasks, camera: window.__torg?.camera() ?? null });
        }
      };
      requestAnimationFrame(tick);
    });

  window.__bench = { load, record };
}
