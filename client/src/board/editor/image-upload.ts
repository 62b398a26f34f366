import type { Point } from '@torg/shared';
import { createImage } from './create.js';
import type { Editor } from './Editor.js';

/** The server's refusal of an upload (its `error` code), as the notice the person sees. */
const UPLOAD_ERRORS: Record<string, string> = {
  too_large: 'image.tooLarge',
  too_many_pixels: 'image.tooManyPixels',
  unsupported_type: 'image.unsupported',
  undecodable_image: 'image.unreadable',
  busy: 'image.busy',
  rate_limited: 'error.tooMany',
};

/** Uploads a picture and places it at `at` (the middle of the view without one). */
export async function placeImageFile(editor: Editor, file: File, at?: Point): Promise<void> {
  if (editor.readOnly) return;
  editor.notice(null);
  const res = await fetch(`/api/boards/${editor.boardId}/assets`, { method: 'POST', body: file });
  if (!res.ok) {
    const code = ((await res.json().catch(() => ({}))) as { error?: string }).error;
    editor.notice(UPLOAD_ERRORS[code ?? ''] ?? 'image.failed');
    return;
  }
  const info = (await res.json()) as { assetId: string; width: number; height: number };
  const alt = file.name.replace(/\.[^.]+$/, '');
  createImage(editor, { ...info, alt }, at ?? editor.viewCenter());
}

let fileInput: HTMLInputElement | null = null;

/** Asks for a picture (the browser's file dialog), then places it. */
export function pickImage(editor: Editor, at?: Point): void {
  if (editor.readOnly) return;
  if (!fileInput) {
    fileInput = document.createElement('input');
    fileInput.type = 'file';
    fileInput.accept = 'image/png,image/jpeg,image/gif,image/webp';
  }
  const input = fileInput;
  input.onchange = () => {
    const file = input.files?.[0];
    if (file) void placeImageFile(editor, file, at);
    input.value = '';
  };
  input.click();
}
