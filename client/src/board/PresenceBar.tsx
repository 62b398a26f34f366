import { useEffect, useId, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useT } from '../i18n/LocaleProvider.js';
import { colorFor, guestNumber, storedName, storeName } from './identity.js';
import { usePeers } from './usePresence.js';

/** Your own name (editable) and everyone else on the board. */
export function PresenceBar({ awareness }: { awareness: Awareness }) {
  const t = useT();
  const inputId = useId();
  // Empty until the person types one: the default guest name follows the language.
  const [name, setName] = useState(() => storedName() ?? '');
  const defaultName = t('presence.defaultName', { n: guestNumber(awareness.clientID) });
  const peers = usePeers(awareness);

  useEffect(() => {
    awareness.setLocalStateField('user', {
      name: name.trim() || defaultName,
      color: colorFor(awareness.clientID),
    });
  }, [awareness, name, defaultName]);

  return (
    <div className="presence">
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
      <ul className="peers" aria-label={t('presence.others')}>
        {peers.map((p) => (
          <li
            key={p.clientId}
            className="peer"
            style={{ background: p.color }}
            title={p.name}
            data-pointer-on-board={p.cursor !== null}
          >
            {p.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
