import { useEffect } from 'react';
import type { Editor } from './editor/Editor.js';

declare global {
  interface Window {
    /** Read-only view of the open board for the browser tests and the benchmark. */
    __torg?: {
      ready: boolean;
      shapes(): unknown[];
      selection(): string[];
      camera(): { x: number; y: number; scale: number };
      setCamera(c: { x: number; y: number; scale: number }): void;
    };
  }
}

export function useDebugHandle(api: Editor, ready: boolean): void {
  useEffect(() => {
    window.__torg = {
      ready,
      shapes: () => api.store.list(),
      selection: () => [...api.state.selection],
      camera: () => api.state.camera,
      setCamera: (c) => api.setCamera(() => c, true),
    };
  }, [api, ready]);
}
