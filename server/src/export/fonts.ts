import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Inter font files (OFL) every export draws with — the same files the client's canvas
 * uses, from the shared package — so exports look like the screen, on any machine, with no
 * system fonts involved.
 */
const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: require.resolve('@torg/shared/assets/fonts/Inter-Regular.ttf'),
  bold: require.resolve('@torg/shared/assets/fonts/Inter-Bold.ttf'),
} as const;

/** Names the fonts are registered under in a PDFKit document (see `registerInter`). */
export const PDF_FONTS = { regular: 'Inter', bold: 'Inter-Bold' } as const;

let bytes: { regular: Buffer; bold: Buffer } | null = null;

/** The font files' bytes, read once. */
export function fontBytes(): { regular: Buffer; bold: Buffer } {
  bytes ??= {
    regular: fs.readFileSync(FONT_FILES.regular),
    bold: fs.readFileSync(FONT_FILES.bold),
  };
  return bytes;
}

/**
 * Prepares a new PDFKit document: Inter registered, its output gathered. Call the returned
 * function when the document is complete: it ends it and gives its bytes.
 */
export function pdfOutput(pdf: PDFKit.PDFDocument): () => Promise<Uint8Array> {
  registerInter(pdf);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  return async () => {
    pdf.end();
    await finished;
    return new Uint8Array(Buffer.concat(chunks));
  };
}

/** Registers Inter (regular and bold) in a PDFKit document under `PDF_FONTS`' names. */
export function registerInter(pdf: PDFKit.PDFDocument): void {
  const { regular, bold } = fontBytes();
  pdf.registerFont(PDF_FONTS.regular, regular);
  pdf.registerFont(PDF_FONTS.bold, bold);
}
