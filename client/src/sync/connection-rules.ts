import { CloseCode } from '@torg/shared';

/** What a page shows about its connection to the server. */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/**
 * The status to show after the provider reports `reported`. While offline the provider keeps
 * retrying ("connecting" after every failed attempt); people should see "offline" steadily
 * from the first failed attempt until the connection is back.
 */
export function nextStatus(shown: ConnectionStatus, reported: ConnectionStatus): ConnectionStatus {
  return reported === 'connecting' && shown === 'disconnected' ? shown : reported;
}

/**
 * What to do when the server closed the connection for good. y-websocket stops reconnecting
 * by itself after a close code 4400–4499 (the server's "reconnecting will not help") and
 * reports it as `closed`; every other close it retries with backoff.
 *
 * - `reopen`: start again with a new document, so a new presence id (4409: our id is still
 *   bound to our previous connection, an anonymous reconnect the server has not noticed yet).
 * - `reload`: the server refused a change (4403: the document became read-only for us a
 *   moment before we wrote). That change is in our copy, so drop the local copy and start
 *   over from the server's.
 * - `deleted`: the workshop was deleted (4404); the page says so and forgets it.
 * - `stay-closed`: everything else, e.g. 4410 (signed out by the facilitator: reconnecting
 *   with the same token is refused; the workshop page re-checks access after every close and
 *   says why) or a broken or too fast client (4400–4402, 4408, 4429).
 */
export type CloseAction = 'reopen' | 'reload' | 'deleted' | 'stay-closed';

export function closeAction(code: number): CloseAction {
  switch (code) {
    case CloseCode.presenceRefused:
      return 'reopen';
    case CloseCode.readOnly:
      return 'reload';
    case CloseCode.deleted:
      return 'deleted';
    default:
      return 'stay-closed';
  }
}
