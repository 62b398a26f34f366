import type { Context, MiddlewareHandler } from 'hono';

/** A Host header we are willing to echo into the policy: a host name or IP and a port. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * Browser features the app never uses; clipboard-write (copy buttons) and fullscreen stay.
 * Only features Chromium knows: an unknown one (e.g. `bluetooth`) prints an error to every
 * page's console.
 */
const DENIED_FEATURES = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
];
const PERMISSIONS_POLICY = DENIED_FEATURES.map((f) => `${f}=()`).join(', ');

/**
 * The WebSocket origins the page may connect to: its own host with ws: behind plain HTTP and
 * wss: behind HTTPS (a TLS proxy says so with X-Forwarded-Proto), plus the configured public
 * URLs. CSP level 3 browsers already let 'self' cover these; older ones need them spelled out.
 */
export function syncOrigins(c: Context, publicUrls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const u of publicUrls) {
    try {
      const url = new URL(u);
      origins.add(`${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`);
    } catch {
      // A malformed public URL is reported by the config, not here.
    }
  }
  const host = c.req.header('host');
  if (host && SAFE_HOST.test(host)) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    const https = proto === 'https' || new URL(c.req.url).protocol === 'https:';
    origins.add(`${https ? 'wss:' : 'ws:'}//${host}`);
  }
  return [...origins];
}

export function contentSecurityPolicy(wsOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React and Konva set styles through the CSSOM (element.style), which CSP allows; no
    // inline style attributes or <style> elements are needed.
    "style-src 'self'",
    // data: and blob: for images the board makes itself (exports, pasted and dropped images).
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...wsOrigins].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The app's own scripts, styles and fonts (hashed files under /assets). A browser applies a
 * policy, a feature policy, framing and opener rules only to documents and workers, which
 * these never are (the service worker is /sw.js; no worker script lives under /assets), so
 * they carry only what applies to them: no MIME sniffing, and no Referer from a stylesheet's
 * requests. The rest is 700 bytes a file, 12 kB of a phone's first load (issue 18).
 */
const SUBRESOURCE = /^\/assets\/[^/]+\.(?:js|css|woff2)$/;

/**
 * Security headers on every response (pages, API, downloads, service worker, errors):
 * a strict Content-Security-Policy (only our own scripts, styles, fonts and connections), no
 * Referer to other sites, no MIME sniffing, no framing, its own browsing context group and no
 * access to cameras, microphones, location and the like. Scripts, styles and fonts: the two
 * that apply to them (`SUBRESOURCE`).
 */
export function securityHeaders(publicUrls: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Content-Type-Options', 'nosniff');
    if (c.res.status === 200 && SUBRESOURCE.test(c.req.path)) return;
    h.set('Content-Security-Policy', contentSecurityPolicy(syncOrigins(c, publicUrls)));
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Permissions-Policy', PERMISSIONS_POLICY);
  };
}
