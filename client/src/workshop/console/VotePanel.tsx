import { rankResults, VOTE_DOTS, VOTE_MAX_BOARDS, type Vote, type VoteResults } from '@torg/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { note } from '../../ui/toast-note.js';
import { votesApi } from '../votes/votes-api.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import type { PanelProps } from './types.js';

const POLL_MS = 4000;

/**
 * Dot voting: choose the boards (default: the newest phase's) and the dots per person, start
 * the vote, show or hide the results for participants, end it; and the results, refreshed
 * every few seconds while the vote is open.
 */
export function VotePanel({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const vote = ctx.state.vote;
  return (
    <section className="card vote" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('vote.title')}</h2>
      <p className="field-hint">{t('vote.hint')}</p>
      {/* A new vote waits until the open one is closed (the server says so too). */}
      {vote?.state !== 'open' && <StartForm ctx={ctx} run={run} />}
      {vote && <VoteRun ctx={ctx} run={run} vote={vote} />}
    </section>
  );
}

function StartForm({ ctx, run }: PanelProps) {
  const t = useT();
  const id = useId();
  const { state } = ctx;
  const boards = state.boards.filter((b) => !b.archived);
  // Until the facilitator picks, the newest phase's boards (also one created meanwhile).
  const [picked, setPicked] = useState<ReadonlySet<string> | null>(null);
  const newest = [...state.phases].sort((a, b) => b.order - a.order)[0];
  const chosen =
    picked ?? new Set(boards.filter((b) => newest && b.phaseId === newest.id).map((b) => b.id));
  const [dots, setDots] = useState(String(VOTE_DOTS.default));
  const groupName = (gid: string | null) =>
    gid ? (state.groups.find((g) => g.id === gid)?.name ?? '') : t('workshop.plenary');
  const phaseName = (pid: string | null) => state.phases.find((p) => p.id === pid)?.name;

  const toggle = (bid: string, on: boolean) =>
    setPicked(() => {
      const next = new Set(chosen);
      if (on) next.add(bid);
      else next.delete(bid);
      return next;
    });

  const boardIds = boards.filter((b) => chosen.has(b.id)).map((b) => b.id);
  const n = Number(dots);
  const dotsOk = Number.isInteger(n) && n >= VOTE_DOTS.min && n <= VOTE_DOTS.max;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (boardIds.length === 0 || boardIds.length > VOTE_MAX_BOARDS || !dotsOk) return;
    void run(
      () => votesApi.start(ctx.workshopId, ctx.token, { boardIds, dots: n }),
      note('vote.started'),
    );
  };

  if (boards.length === 0) return <p className="muted">{t('vote.noBoards')}</p>;

  return (
    <form className="control-block vote-setup" onSubmit={submit} noValidate>
      <fieldset className="vote-boards">
        <legend className="field-label">{t('vote.boards')}</legend>
        {boards.map((b) => (
          <label key={b.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.has(b.id)}
              onChange={(e) => toggle(b.id, e.target.checked)}
            />{' '}
            <BoardLabel name={b.name} more={[groupName(b.groupId), phaseName(b.phaseId)]} />
          </label>
        ))}
      </fieldset>
      <span className="inline-form">
        <label htmlFor={`${id}-dots`}>{t('vote.dots')}</label>
        <input
          id={`${id}-dots`}
          className="input input-narrow"
          type="number"
          min={VOTE_DOTS.min}
          max={VOTE_DOTS.max}
          step={1}
          inputMode="numeric"
          aria-invalid={!dotsOk}
          value={dots}
          onChange={(e) => setDots(e.target.value)}
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={boardIds.length === 0 || !dotsOk}
        >
          {t('vote.start')}
        </button>
      </span>
    </form>
  );
}

function VoteRun({ ctx, run, vote }: PanelProps & { vote: Vote }) {
  const t = useT();
  const { state, workshopId, token } = ctx;
  const open = vote.state === 'open';
  const [confirmClose, setConfirmClose] = useState(false);
  const [results, setResults] = useState<VoteResults | null>(null);
  const voteId = vote.id;

  // Fetch the results now, and every few seconds while the vote is open.
  useEffect(() => {
    let alive = true;
    const load = () =>
      votesApi.results(workshopId, token).then(
        (r) => {
          if (alive && r.voteId === voteId) setResults(r);
        },
        () => undefined,
      );
    void load();
    if (!open)
      return () => {
        alive = false;
      };
    const timer = setInterval(load, POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [workshopId, token, open, voteId]);

  const boardName = (bid: string) => state.boards.find((b) => b.id === bid)?.name ?? bid;
  const current = results?.voteId === vote.id ? results : null;

  return (
    <div className="control-block vote-run">
      <p role="status">
        {open ? t('vote.stateOpen', { dots: vote.dots }) : t('vote.stateClosed')}{' '}
        {open && (vote.showResults ? t('vote.resultsShown') : t('vote.resultsHidden'))}
      </p>
      {open && (
        <span className="inline-form">
          <button
            type="button"
            className="btn"
            onClick={() =>
              void run(() => votesApi.showResults(workshopId, token, !vote.showResults))
            }
          >
            {t(vote.showResults ? 'vote.hideResults' : 'vote.showResults')}
          </button>
          <button type="button" className="btn" onClick={() => setConfirmClose(true)}>
            {t('vote.close')}
          </button>
        </span>
      )}
      <ConfirmDialog
        open={confirmClose}
        onClose={() => setConfirmClose(false)}
        title={t('vote.close')}
        text={t('console.voteCloseConfirm')}
        confirmLabel={t('console.voteCloseYes')}
        onConfirm={() => run(() => votesApi.close(workshopId, token), note('vote.closed'))}
      />
      <h3>{t('vote.results')}</h3>
      {current && (
        <>
          <p>{t('vote.total', { count: current.total })}</p>
          {current.boards.length > 1 && <Overall results={current} boardName={boardName} />}
          {current.boards.map((b) => {
            const sum = b.items.reduce((s, i) => s + i.dots, 0);
            const items = [...b.items].sort((x, y) => y.dots - x.dots);
            return (
              <table key={b.boardId} className="vote-results">
                <caption>{boardName(b.boardId)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('vote.object')}</th>
                    <th scope="col">{t('vote.dotCount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.length === 0 && (
                    <tr>
                      <td colSpan={2} className="muted">
                        {t('vote.noDots')}
                      </td>
                    </tr>
                  )}
                  {items.map((i) => (
                    <tr key={i.shapeId}>
                      <td>{i.text.trim() || t('vote.untitled')}</td>
                      <td>{i.dots}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('vote.boardTotal')}</th>
                    <td>{sum}</td>
                  </tr>
                </tfoot>
              </table>
            );
          })}
        </>
      )}
    </div>
  );
}

const OVERALL_TOP = 10;

/** The most-dotted objects of the whole vote, whatever board they are on. */
function Overall({
  results,
  boardName,
}: {
  results: VoteResults;
  boardName(boardId: string): string;
}) {
  const t = useT();
  const items = rankResults(results).slice(0, OVERALL_TOP);
  if (items.length === 0) return null;
  return (
    <table className="vote-results vote-overall">
      <caption>{t('vote.overall', { count: items.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('vote.object')}</th>
          <th scope="col">{t('vote.board')}</th>
          <th scope="col">{t('vote.dotCount')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={`${i.boardId}/${i.shapeId}`}>
            <td>{i.text.trim() || t('vote.untitled')}</td>
            <td>{boardName(i.boardId)}</td>
            <td>{i.dots}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A board's name with its group and phase where the name does not already say them
 * ("Innsikt – Gruppe Nord", not "… · Gruppe Nord · Innsikt"); one piece of text, so that the
 * checkbox's row wraps it as a line, not as columns.
 */
function BoardLabel({ name, more }: { name: string; more: (string | undefined)[] }) {
  const extra = more.filter((m): m is string => !!m && !name.includes(m));
  return (
    <span>
      {name}
      {extra.length > 0 && <span className="muted"> · {extra.join(' · ')}</span>}
    </span>
  );
}
