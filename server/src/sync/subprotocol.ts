import { SYNC_SUBPROTOCOL, SYNC_TOKEN_PROTOCOL_PREFIX } from '@torg/shared';

/**
 * The token our client offers as a WebSocket subprotocol (`torg.token.<token>` in
 * `Sec-WebSocket-Protocol`), or null when there is none (then `?token=` is read instead).
 */
export function tokenFromProtocols(header: string | undefined): string | null {
  if (!header) return null;
  for (const offered of header.split(',')) {
    const protocol = offered.trim();
    if (protocol.startsWith(SYNC_TOKEN_PROTOCOL_PREFIX)) {
      return protocol.slice(SYNC_TOKEN_PROTOCOL_PREFIX.length) || null;
    }
  }
  return null;
}

/**
 * The subprotocol the server answers with (ws's `handleProtocols`): the plain `torg`, or
 * otherwise the first offered one that is no token, or none. Never the token: the answer is a
 * response header that browsers, proxies and logs may show.
 */
export function chooseSubprotocol(offered: Set<string>): string | false {
  if (offered.has(SYNC_SUBPROTOCOL)) return SYNC_SUBPROTOCOL;
  for (const protocol of offered) {
    if (!protocol.startsWith(SYNC_TOKEN_PROTOCOL_PREFIX)) return protocol;
  }
  return false;
}
