/** The part of the `qrcode` package Torg uses: encoding only; drawing is ours (SVG). */
declare module 'qrcode' {
  interface QRCodeModules {
    size: number;
    get(row: number, col: number): number | boolean;
  }
  const QRCode: {
    create(
      text: string,
      options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
    ): { modules: QRCodeModules; version: number };
  };
  export default QRCode;
}
