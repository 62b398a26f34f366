import { useEffect, useId, useState } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import type { Editor } from './editor/Editor.js';
import { useEditorState } from './editor/hooks.js';
import { colorFor, guestNumber, storedName, storeName } from './identity.js';
import { usePeers } from './usePresence.js';

/**
 * Your own name (editable) and everyone else on the board; click someone to follow them. In a
 * workshop the name is the member's (`fixedName`, changed on the workshop page, and stamped
 * by the server whatever we send).
 */
export function PresenceBar({ api, fixedName }: { api: Editor; fixedName?: string }) {
  const t = useT();
  const inputId = useId();
  const { awareness } = api;
  // Empty until the person types one: the default guest name follows the language.
  const [name, setName] = useState(() => storedName() ?? '');
  const defaultName = t('presence.defaultName', { n: guestNumber(awareness.clientID) });
  const peers = usePeers(awareness);
  const following = useEditorState(api, (s) => s.following);

  useEffect(() => {
    awareness.setLocalStateField('user', {
      name: fixedName ?? (name.trim() || defaultName),
      color: colorFor(awareness.clientID),
    });
  }, [awareness, name, defaultName, fixedName]);

  const followed = peers.find((p) => p.clientId === following);
  return (
    <div className="presence">
      {fixedName !== undefined ? (
        <span className="presence-self">
          <span className="presence-label">{t('presence.nameLabel')}:</span> <b>{fixedName}</b>
        </span>
      ) : (
        <>
          <label htmlFor={inputId} className="presence-label">
            {t('presence.nameLabel')}
          </label>
          <input
            id={inputId}
            className="presence-name"
            value={name}
            placeholder={defaultName}
            maxLength={60}
            onChange={(e) => {
              setName(e.target.value);
              storeName(e.target.value);
            }}
          />
        </>
      )}
      <ul className="peers" aria-label={t('presence.others')}>
        {peers.map((p) => (
          <li key={p.clientId} data-pointer-on-board={p.cursor !== null}>
            <button
              type="button"
              className="peer"
              style={{ background: p.color }}
              aria-pressed={following === p.clientId}
              title={t('presence.follow', { name: p.name })}
              onClick={() => api.follow(following === p.clientId ? null : p.clientId)}
            >
              {p.name}
            </button>
          </li>
        ))}
      </ul>
      {followed && (
        <output className="following" aria-live="polite">
          {t('presence.following', { name: followed.name })}{' '}
          <button type="button" className="chip" onClick={() => api.follow(null)}>
            {t('presence.stopFollowing')}
          </button>
        </output>
      )}
    </div>
  );
}
