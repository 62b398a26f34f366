import { formatDay } from '@torg/shared';
import { consoleTexts } from '@torg/shared/locale/console';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ConnectionBadge } from '../../board/ConnectionBadge.js';
import { addTexts } from '../../i18n/extra-texts.js';
import { useLocale } from '../../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../../i18n/LocaleSwitch.js';
import { Link } from '../../router.js';
import { ToastArea, useToasts } from '../../ui/Toasts.js';
import { note } from '../../ui/toast-note.js';
import { errorKey } from '../api.js';
import type { WorkshopContext } from '../context.js';
import { FollowUpPanel } from '../series/FollowUpPanel.js';
import { InputsPanel } from '../series/InputsPanel.js';
import { SeriesBriefCard } from '../series/SeriesBriefCard.js';
import { SeriesPanel } from '../series/SeriesPanel.js';
import { ThemesPanel } from '../themes/ThemesPanel.js';
import { AgendaPanel } from './AgendaPanel.js';
import { AgendaStrip } from './AgendaStrip.js';
import { BoardsPanel } from './BoardsPanel.js';
import { ControlPanel } from './ControlPanel.js';
import { CONSOLE_STEPS, type ConsoleStep, currentStep, followsOnItsOwn } from './console-steps.js';
import { DangerZone } from './DangerZone.js';
import { ExportPanel } from './ExportPanel.js';
import { GroupsPanel } from './GroupsPanel.js';
import { InvitePanel } from './InvitePanel.js';
import { MarketPanel } from './MarketPanel.js';
import { StepNav, stepPanelId, stepTabId } from './StepNav.js';
import type { PanelProps, Run } from './types.js';
import { VotePanel } from './VotePanel.js';

// The console's words come with it (the rest of the app never needs them).
addTexts(consoleTexts);

/**
 * `/w/<workshopId>/console` (facilitators): the plan of the day ("Start neste steg" above
 * every step), then the gathering's steps in the order of the day (the plan, invite and
 * groups, phases and boards with live thumbnails, the themes the groups share, market square, dot vote, input rounds,
 * follow-up, the series, export, end), one at a time, opened on the step the gathering is at; beside them, always
 * at hand, steering (message, timer, bring everyone, locks). Every change goes through the
 * API; the page shows the result when the workshop document comes back.
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

  const idBase = useId();
  const current = currentStep(state);
  // The page opens on the step the gathering is at, and follows on its own only into something
  // live (see `followsOnItsOwn`): someone joining must not take the QR code off the projector,
  // nor closing the vote the results off the screen.
  // A link may name the step to open on (`?step=export`: a report from the series page).
  const [chosen, setChosen] = useState<ConsoleStep | null>(stepFromUrl);
  const loaded = state.meta !== null;
  const seen = useRef<ConsoleStep | null>(null);
  const follow = loaded && followsOnItsOwn(state, current);
  useEffect(() => {
    if (!loaded || seen.current === current) return;
    const first = seen.current === null;
    seen.current = current;
    if ((first && !stepFromUrl()) || follow) setChosen(current);
  }, [loaded, current, follow]);
  const shown = chosen ?? current;

  return (
    <div className="workshop-page console">
      <header className="page-bar">
        <a className="brand" href="/" title={t('board.home')}>
          {t('app.name')}
        </a>
        <div className="page-bar-title">
          <h1>
            {state.meta?.title}
            <span className="page-bar-sub">
              {' '}
              ·{'\u00a0'}
              {t('workshop.console')}
            </span>
          </h1>
          {state.meta && <span className="muted">{formatDay(locale, state.meta.date)}</span>}
        </div>
        <Link className="btn" href={`/w/${workshopId}`} state={{ stay: true }}>
          {t('workshop.homeLabel')}
        </Link>
        <ConnectionBadge status={conn.status} />
        <LocaleSwitch />
      </header>
      <main className="console-main">
        {state.meta?.ended && <p className="info">{t('workshop.ended')}</p>}
        <AgendaStrip ctx={ctx} run={run} />
        {/* A gathering of a series opens with the assignment and the measures' status. */}
        {state.series && !state.agenda?.steps.some((s) => s.startedAt) && (
          <SeriesBriefCard workshopId={workshopId} token={ctx.token} />
        )}
        <StepNav idBase={idBase} current={current} shown={shown} onShow={setChosen} />
        <div className="console-layout">
          <div className="console-panels">
            {CONSOLE_STEPS.map((step) => (
              <div
                key={step}
                id={stepPanelId(idBase, step)}
                role="tabpanel"
                className="console-panel"
                data-step={step}
                aria-labelledby={stepTabId(idBase, step)}
                hidden={step !== shown}
              >
                <StepContent step={step} ctx={ctx} run={run} />
              </div>
            ))}
          </div>
          <aside className="console-side" aria-label={t('console.control')}>
            <ControlPanel ctx={ctx} run={run} />
          </aside>
        </div>
      </main>
      <ToastArea toast={toasts.shown} onDismiss={toasts.dismiss} />
    </div>
  );
}

/** The step a link asks the console to open on (`?step=<step>`), or null. */
function stepFromUrl(): ConsoleStep | null {
  const asked = new URLSearchParams(window.location.search).get('step');
  return CONSOLE_STEPS.find((s) => s === asked) ?? null;
}

/** What each step of the console holds. */
function StepContent({ step, ctx, run }: { step: ConsoleStep } & PanelProps) {
  switch (step) {
    case 'agenda':
      return <AgendaPanel ctx={ctx} run={run} />;
    case 'invite':
      return (
        <>
          <InvitePanel ctx={ctx} run={run} />
          <GroupsPanel ctx={ctx} run={run} />
        </>
      );
    case 'phases':
      return <BoardsPanel ctx={ctx} run={run} />;
    case 'themes':
      return <ThemesPanel ctx={ctx} run={run} />;
    case 'market':
      return <MarketPanel ctx={ctx} run={run} />;
    case 'vote':
      return <VotePanel ctx={ctx} run={run} />;
    case 'inputs':
      return <InputsPanel ctx={ctx} run={run} />;
    case 'followUp':
      return <FollowUpPanel ctx={ctx} run={run} />;
    case 'series':
      return <SeriesPanel ctx={ctx} run={run} />;
    case 'export':
      return <ExportPanel ctx={ctx} run={run} />;
    case 'end':
      return <DangerZone ctx={ctx} run={run} />;
  }
}
