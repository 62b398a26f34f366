import type { ReactNode } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import type { ConnectionStatus } from '../../sync/connection-rules.js';
import { ConnectionBadge } from '../ConnectionBadge.js';
import { Icon } from '../icons.js';
import { BottomSheet } from './BottomSheet.js';

/**
 * A phone's header: one row — the menu, the board's name, the connection dot (its words only
 * when not connected) — so the board keeps the screen. Everything the laptop's header holds
 * (the way back, the tools, who is here, export, language) is in the menu, a bottom sheet.
 */
export function PhoneHeader({
  title,
  status,
  readOnly,
  menuOpen,
  onMenu,
  children,
}: {
  title: string;
  status: ConnectionStatus;
  readOnly: boolean;
  menuOpen: boolean;
  onMenu(): void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <header className="phone-header">
        <button
          type="button"
          className="btn btn-quiet phone-menu-button"
          aria-expanded={menuOpen}
          aria-controls={menuOpen ? 'phone-menu' : undefined}
          onClick={onMenu}
        >
          <Icon name="menu" />
          <span className="visually-hidden">{t('phone.menu')}</span>
        </button>
        {/* The page's heading: the board's name (on a laptop it is in the board's main part). */}
        <h1 className="phone-title">
          {readOnly && (
            <span className="phone-readonly">
              <Icon name="lock" />
              <span className="visually-hidden">{t('phone.readOnly')}</span>
            </span>
          )}
          {title}
        </h1>
        <ConnectionBadge status={status} />
      </header>
      {menuOpen && (
        <div id="phone-menu">
          <BottomSheet title={t('phone.menu')} onClose={onMenu} className="phone-menu">
            <div className="phone-menu-items">{children}</div>
          </BottomSheet>
        </div>
      )}
    </>
  );
}
