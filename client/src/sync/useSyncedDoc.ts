import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { browserTransport, peekEarly, takeEarly } from './early.js';
import { SyncedDoc, type SyncedDocOptions, type SyncedDocState } from './SyncedDoc.js';

/**
 * Opens the document `docId` (none while null) for as long as the component shows it and
 * re-renders on every change of its state (see `SyncedDoc`). A new `docId`, `token`,
 * `offline` or `invisible` opens it anew; `readOnly` is applied to the open document;
 * `read`, `members` and `readAfterChange` are taken as they are at that moment.
 */
export function useSyncedDoc<T = undefined>(
  docId: string | null,
  options: Omit<SyncedDocOptions<T>, 'docId'> = {},
): SyncedDocState<T> | null {
  const latest = useRef(options);
  latest.current = options;
  const { token = null, offline = false, invisible = false, readOnly = false } = options;
  // A document opened early is shown from the first render on (the effect takes it).
  const [session, setSession] = useState<SyncedDoc<T> | null>(() =>
    docId === null ? null : peekEarly<T>(docId, options),
  );

  useEffect(() => {
    if (docId === null) {
      setSession(null);
      return;
    }
    const opened =
      takeEarly<T>(docId, latest.current) ??
      new SyncedDoc<T>({ ...latest.current, docId, token, offline, invisible }, browserTransport);
    setSession(opened);
    return () => opened.destroy();
  }, [docId, token, offline, invisible]);
  useEffect(() => session?.setReadOnly(readOnly), [session, readOnly]);

  const subscribe = useCallback(
    (onChange: () => void) => session?.subscribe(onChange) ?? (() => {}),
    [session],
  );
  return useSyncExternalStore(subscribe, () => session?.state ?? null);
}
