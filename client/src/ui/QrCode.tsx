import QRCode from 'qrcode';
import { useMemo } from 'react';

const QUIET = 4;

/** The modules of a QR code as one SVG path (runs of dark modules merged per row). */
export function qrPath(text: string): { d: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && modules.get(r, c)) c++;
      d += `M${start + QUIET} ${r + QUIET}h${c - start}v1h${start - c}z`;
    }
  }
  return { d, size: n + QUIET * 2 };
}

/** A QR code made in the browser (the link never goes to a QR service), crisp at any size. */
export function QrCode({
  text,
  label,
  className,
}: {
  text: string;
  label: string;
  className?: string;
}) {
  const { d, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className={`qr${className ? ` ${className}` : ''}`}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
