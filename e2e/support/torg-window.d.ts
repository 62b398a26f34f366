// The page's read-only debug handle (client/src/board/useDebugHandle.ts), as tests see it.
interface Window {
  __torg?: {
    ready: boolean;
    shapes(): unknown[];
    selection(): string[];
    camera(): { x: number; y: number; scale: number };
    setCamera(c: { x: number; y: number; scale: number }): void;
  };
}
