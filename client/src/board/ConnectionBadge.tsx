import type { MessageKey } from '@torg/shared';
import { useT } from '../i18n/LocaleProvider.js';
import type { ConnectionStatus } from '../sync/connection-rules.js';

const LABEL: Record<ConnectionStatus, MessageKey> = {
  connected: 'status.connected',
  connecting: 'status.connecting',
  disconnected: 'status.disconnected',
};

/** Connection state in words and colour; announced politely to screen readers. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const t = useT();
  return (
    <output
      className={`status status-${status}`}
      aria-label={t('status.label')}
      data-status={status}
      aria-live="polite"
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">{t(LABEL[status])}</span>
    </output>
  );
}
