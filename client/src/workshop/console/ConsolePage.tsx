import { useCallback } from 'react';
import { ConnectionBadge } from '../../board/ConnectionBadge.js';
import { useLocale } from '../../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../../i18n/LocaleSwitch.js';
import { Link } from '../../router.js';
import { ToastArea, useToasts } from '../../ui/Toasts.js';
import { note } from '../../ui/toast-note.js';
import { errorKey } from '../api.js';
import type { WorkshopContext } from '../context.js';
import { formatDate } from '../dates.js';
import { BoardsPanel } from './BoardsPanel.js';
import { ControlPanel } from './ControlPanel.js';
import { DangerZone } from './DangerZone.js';
import { ExportPanel } from './ExportPanel.js';
import { GroupsPanel } from './GroupsPanel.js';
import { InvitePanel } from './InvitePanel.js';
import { MarketPanel } from './MarketPanel.js';
import type { Run } from './types.js';
import { VotePanel } from './VotePanel.js';

/**
 * `/w/<workshopId>/console` (facilitators): invite people, steer the gathering (message,
 * timer, bring everyone, locks), run the market-square rounds and dot votes, run phases and boards with live thumbnails, move people
 * between groups, and end or delete the workshop. Every change goes through the API; the
 * page shows the result when the workshop document comes back.
 */
export function ConsolePage({ ctx }: { ctx: WorkshopContext }) {
  const { t, locale } = useLocale();
  const { state, conn, workshopId } = ctx;
  const toasts = useToasts();
  const { show } = toasts;

  const run: Run = useCallback(
    async (action, ok) => {
      try {
        await action();
        if (ok) show(ok);
        return true;
      } catch (err) {
        show(note(errorKey(err)), true);
        return false;
      }
    },
    [show],
  );

  return (
    <div className="workshop-page console">
      <header className="page-bar">
        <a className="brand" href="/" title={t('board.home')}>
          {t('app.name')}
        </a>
        <div className="page-bar-title">
          <h1>
            {state.meta?.title}
            <span className="page-bar-sub"> · {t('workshop.console')}</span>
          </h1>
          {state.meta && <span className="muted">{formatDate(state.meta.date, locale)}</span>}
        </div>
        <Link className="btn" href={`/w/${workshopId}`} state={{ stay: true }}>
          {t('workshop.homeLabel')}
        </Link>
        <ConnectionBadge status={conn.status} />
        <LocaleSwitch />
      </header>
      <main className="console-main">
        {state.meta?.ended && <p className="info">{t('workshop.ended')}</p>}
        <div className="console-top">
          <InvitePanel ctx={ctx} run={run} />
          <ControlPanel ctx={ctx} run={run} />
        </div>
        <MarketPanel ctx={ctx} run={run} />
        <VotePanel ctx={ctx} run={run} />
        <BoardsPanel ctx={ctx} run={run} />
        <GroupsPanel ctx={ctx} run={run} />
        <ExportPanel ctx={ctx} run={run} />
        <DangerZone ctx={ctx} run={run} />
      </main>
      <ToastArea toast={toasts.shown} onDismiss={toasts.dismiss} />
    </div>
  );
}
