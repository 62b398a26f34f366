import {
  MARKET_ROUND_MS,
  type Market,
  type Plan,
  planRoundRobin,
  validatePlan,
} from '@torg/shared';
import { type FormEvent, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { note } from '../../ui/toast-note.js';
import { useComments } from '../comments/useComments.js';
import { marketApi } from '../market/market-api.js';
import { CountdownTimer } from '../timer/ControlBanner.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { PlanEditor } from './PlanEditor.js';
import type { PanelProps } from './types.js';

type Command = Parameters<typeof marketApi.command>[2];

/**
 * The market square ("torgmøte"): pick the phase, the round length and who stays home to
 * present, set up the round-robin plan or a custom one edited as a table, then run the rounds
 * (start, pause, +1 min, next, end).
 */
export function MarketPanel({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const { state } = ctx;
  const market = state.market;
  return (
    <section className="card market" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('market.title')}</h2>
      <p className="field-hint">{t('market.hint')}</p>
      {/* A new setup waits until the running square has ended (the server says so too). */}
      {market?.state !== 'running' && market?.state !== 'paused' && (
        <SetupForm ctx={ctx} run={run} />
      )}
      {market && <MarketRun ctx={ctx} run={run} market={market} />}
    </section>
  );
}

function SetupForm({ ctx, run }: PanelProps) {
  const t = useT();
  const id = useId();
  const { state } = ctx;
  // Phases with group boards, newest first.
  const phases = [...state.phases]
    .sort((a, b) => b.order - a.order)
    .filter((p) => state.boards.some((b) => b.phaseId === p.id && b.groupId && !b.archived));
  const [choice, setChoice] = useState(state.market?.phaseId ?? '');
  const phase = phases.find((p) => p.id === choice) ?? phases[0];
  const [minutes, setMinutes] = useState(() =>
    String((state.market?.roundMs ?? MARKET_ROUND_MS.default) / 60_000),
  );
  // The host per group the facilitator picked here; other groups keep the market's current
  // host (the groups may pick their own once the square is set up).
  const [picked, setPicked] = useState<Readonly<Record<string, string>>>({});
  const groupIds = new Set(
    state.boards
      .filter((b) => b.phaseId === phase?.id && b.groupId && !b.archived)
      .map((b) => b.groupId),
  );
  const groups = state.groups.filter((g) => groupIds.has(g.id));
  const ids = groups.map((g) => g.id);
  const roundRobin = planRoundRobin(ids);
  // A custom plan belongs to the groups it was made for: another phase starts afresh. It
  // starts from the current market's plan when that is custom, else from round-robin.
  const [custom, setCustom] = useState<{ key: string; plan: Plan } | null>(() => {
    const m = state.market;
    const key = ids.join(' ');
    if (!m || m.phaseId !== phase?.id) return null;
    return JSON.stringify(m.plan) === JSON.stringify(roundRobin) ? null : { key, plan: m.plan };
  });
  const customPlan = custom?.key === ids.join(' ') ? custom.plan : null;
  const setPlan = (plan: Plan | null) => setCustom(plan ? { key: ids.join(' '), plan } : null);
  const planOk = !customPlan || validatePlan(customPlan, ids).length === 0;
  const members = (groupId: string) =>
    state.participants.filter((p) => p.role === 'participant' && p.groupId === groupId);

  const hostOf = (groupId: string): string =>
    picked[groupId] ?? members(groupId).find((p) => state.market?.hostIds.includes(p.id))?.id ?? '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!phase || !planOk) return;
    const m = Number(minutes.replace(',', '.'));
    if (!Number.isFinite(m) || m <= 0) return;
    const roundMs = Math.min(
      MARKET_ROUND_MS.max,
      Math.max(MARKET_ROUND_MS.min, Math.round(m * 60_000)),
    );
    // Only hosts who are (still) members of a group in this phase.
    const hostIds = groups
      .map((g) => hostOf(g.id))
      .filter((h) => h && state.participants.some((p) => p.id === h));
    void run(
      async () => {
        const { market } = await marketApi.setup(ctx.workshopId, ctx.token, {
          phaseId: phase.id,
          roundMs,
          hostIds,
          ...(customPlan ? { plan: customPlan } : {}),
        });
        return market;
      },
      note('market.setupDone', { count: (customPlan ?? roundRobin).length }),
    );
  };

  if (phases.length === 0) return <p className="muted">{t('market.noPhase')}</p>;

  return (
    <form className="control-block market-setup" onSubmit={submit} noValidate>
      {/* Each label wraps with its field, never away from it. */}
      <span className="inline-form">
        <span className="inline-form">
          <label htmlFor={`${id}-phase`}>{t('market.phase')}</label>
          <select
            id={`${id}-phase`}
            className="input"
            value={phase?.id ?? ''}
            onChange={(e) => setChoice(e.target.value)}
          >
            {phases.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </span>
        <span className="inline-form">
          <label htmlFor={`${id}-min`}>{t('market.roundMinutes')}</label>
          <input
            id={`${id}-min`}
            className="input input-narrow"
            type="number"
            min={1}
            max={60}
            step={1}
            inputMode="numeric"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </span>
      </span>
      <fieldset className="market-plan-kind">
        <legend className="field-label">{t('market.planKind')}</legend>
        <label className="checkbox">
          <input
            type="radio"
            name={`${id}-plan`}
            checked={!customPlan}
            onChange={() => setPlan(null)}
          />{' '}
          {t('market.planRoundRobin', { count: roundRobin.length })}
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={`${id}-plan`}
            checked={!!customPlan}
            disabled={groups.length < 2}
            onChange={() => setPlan(roundRobin)}
          />{' '}
          {t('market.planCustom')}
        </label>
      </fieldset>
      {customPlan && (
        <PlanEditor
          plan={customPlan}
          groups={groups}
          onChange={setPlan}
          onReset={() => setPlan(roundRobin)}
        />
      )}
      <fieldset className="market-hosts">
        <legend className="field-label">{t('market.hosts')}</legend>
        <p className="field-hint">{t('market.hostsHint')}</p>
        {groups.map((g) => {
          const people = members(g.id);
          return (
            <fieldset key={g.id} className="market-host-group">
              <legend>{g.name}</legend>
              {people.length === 0 ? (
                <span className="muted">{t('market.noMembers')}</span>
              ) : (
                ['', ...people.map((p) => p.id)].map((pid) => (
                  <label key={pid || 'none'} className="checkbox">
                    <input
                      type="radio"
                      name={`${id}-host-${g.id}`}
                      checked={hostOf(g.id) === pid}
                      onChange={() => setPicked((prev) => ({ ...prev, [g.id]: pid }))}
                    />{' '}
                    {pid ? people.find((p) => p.id === pid)?.name : t('market.noHost')}
                  </label>
                ))
              )}
            </fieldset>
          );
        })}
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={groups.length < 2 || !planOk}>
        {t('market.setup')}
      </button>
    </form>
  );
}

function MarketRun({ ctx, run, market }: PanelProps & { market: Market }) {
  const t = useT();
  const { state } = ctx;
  const groupName = (gid: string) => state.groups.find((g) => g.id === gid)?.name ?? gid;
  const groupIds = state.groups.map((g) => g.id).filter((g) => g in market.boardIds);
  const send = (body: Command) =>
    void run(() => marketApi.command(ctx.workshopId, ctx.token, body));
  const [confirmEnd, setConfirmEnd] = useState(false);
  const live = market.state === 'running' || market.state === 'paused';
  const total = market.plan.length;
  const hosts = market.hostIds
    .map((pid) => state.participants.find((p) => p.id === pid))
    .filter((p) => !!p)
    .map((p) => (p.groupId ? `${p.name} (${groupName(p.groupId)})` : p.name));
  // Where the people of each group are now (hosts stay home).
  const whereNow = groupIds.map((g) => {
    const host = market.plan[market.round]?.[g];
    return host ? t('market.visits', { group: groupName(g), host: groupName(host) }) : null;
  });

  return (
    <div className="market-run">
      <div className="control-block" aria-live="polite">
        <p className="market-status">
          {market.state === 'setup' && t('market.stateSetup')}
          {market.state === 'ended' && t('market.stateEnded')}
          {live && <strong>{t('market.status', { n: market.round + 1, total })}</strong>}
        </p>
      </div>
      {live && <CountdownTimer timer={market} size="large" />}
      <div className="inline-form market-controls">
        {market.state === 'setup' && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => send({ action: 'start' })}
          >
            {t('market.start')}
          </button>
        )}
        {market.state === 'running' && (
          <button type="button" className="btn" onClick={() => send({ action: 'pause' })}>
            {t('market.pause')}
          </button>
        )}
        {market.state === 'paused' && (
          <button type="button" className="btn" onClick={() => send({ action: 'resume' })}>
            {t('market.resume')}
          </button>
        )}
        {live && (
          <>
            <button
              type="button"
              className="btn"
              aria-label={t('market.extendLabel')}
              onClick={() => send({ action: 'extend', ms: 60_000 })}
            >
              {t('market.extend')}
            </button>
            <button type="button" className="btn" onClick={() => send({ action: 'next' })}>
              {t('market.next')}
            </button>
          </>
        )}
        {market.state !== 'ended' && (
          <button
            type="button"
            className="btn"
            aria-label={t('market.endLabel')}
            onClick={() => setConfirmEnd(true)}
          >
            {t('market.end')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirmEnd}
        onClose={() => setConfirmEnd(false)}
        title={t('market.endLabel')}
        text={t('console.marketEndConfirm')}
        confirmLabel={t('console.marketEndYes')}
        onConfirm={() => run(() => marketApi.command(ctx.workshopId, ctx.token, { action: 'end' }))}
      />
      {live && (
        <div className="control-block">
          <h3>{t('market.where')}</h3>
          <ul className="market-where">
            {groupIds.map((g, i) => (
              <li key={g}>{whereNow[i] ?? t('market.stays', { group: groupName(g) })}</li>
            ))}
          </ul>
          <h3>{t('market.feedback')}</h3>
          <ul className="market-feedback" aria-live="polite">
            {groupIds.map((g) => (
              <RoundFeedback
                key={g}
                boardId={market.boardIds[g] ?? ''}
                token={ctx.token}
                round={market.round}
                group={groupName(g)}
              />
            ))}
          </ul>
        </div>
      )}
      <div className="table-scroll">
        <table className="market-plan">
          <caption>{t('market.plan')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('market.round')}</th>
              {groupIds.map((g) => (
                <th key={g} scope="col">
                  {groupName(g)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {market.plan.map((round, r) => (
              <tr
                // biome-ignore lint/suspicious/noArrayIndexKey: rounds are positions in the plan
                key={r}
                aria-current={live && r === market.round ? 'step' : undefined}
                className={live && r === market.round ? 'is-current' : undefined}
              >
                <th scope="row">{t('market.roundN', { n: r + 1 })}</th>
                {groupIds.map((g) => (
                  <td key={g}>{round[g] ? groupName(round[g]) : t('market.atHome')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {hosts.length ? t('market.hostList', { names: hosts.join(', ') }) : t('market.noHosts')}
      </p>
    </div>
  );
}

/** A group board's comments and suggestions (top-level) made in the current round. */
function RoundFeedback({
  boardId,
  token,
  round,
  group,
}: {
  boardId: string;
  token: string;
  round: number;
  group: string;
}) {
  const t = useT();
  const { comments } = useComments(boardId, token);
  const now = comments.filter((c) => c.round === round && c.parentId === null);
  const suggestions = now.filter((c) => c.kind === 'suggestion').length;
  return (
    <li>{t('market.feedbackCount', { group, comments: now.length - suggestions, suggestions })}</li>
  );
}
