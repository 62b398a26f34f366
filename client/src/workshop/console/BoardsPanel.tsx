import { DEFAULT_LOCALE, type TemplateOptions, type WorkshopBoard } from '@torg/shared';
import { type FormEvent, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { Link } from '../../router.js';
import { LazyPart, lazyComponent } from '../../ui/LazyPart.js';
import { note } from '../../ui/toast-note.js';
import { api } from '../api.js';
import { boardsByPhase } from '../boards.js';
import { BoardExportMenu } from '../export/BoardExportMenu.js';
import { GatheringLocale } from './GatheringLocale.js';
import { InlineRename } from './InlineRename.js';
import type { PanelProps } from './types.js';
import { THUMB, useBoardMirror } from './useBoardMirror.js';

// The template previews (every template laid out and drawn) load when the form first shows.
const TemplatePicker = lazyComponent(() =>
  import('./TemplatePicker.js').then((m) => m.TemplatePicker),
);

/** "Ny fase", and every board with a live thumbnail, who is on it, and its controls. */
export function BoardsPanel({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const { state } = ctx;
  const sections = boardsByPhase({ ...state, boards: state.boards.filter((b) => !b.archived) });
  const archived = state.boards.filter((b) => b.archived);
  const phaseName = (id: string | null) =>
    state.phases.find((p) => p.id === id)?.name ?? t('console.otherBoards');
  return (
    <section className="card boards-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('console.phases')}</h2>
      <NewPhaseBox ctx={ctx} run={run} />
      {sections.length === 0 && <p className="muted">{t('workshop.noBoards')}</p>}
      {sections.map((s) => (
        <section key={s.phaseId ?? 'none'} className="phase" aria-label={phaseName(s.phaseId)}>
          <h3>{phaseName(s.phaseId)}</h3>
          <ul className="board-grid">
            {s.boards.map((b) => (
              <BoardCard key={b.id} ctx={ctx} run={run} board={b} />
            ))}
          </ul>
        </section>
      ))}
      {archived.length > 0 && (
        <details className="archived">
          <summary>{t('console.archivedBoards', { count: archived.length })}</summary>
          <ul className="archived-list">
            {archived.map((b) => (
              <li key={b.id}>
                <Link href={`/w/${ctx.workshopId}/b/${b.id}`}>{b.name}</Link>
                <span className="muted"> · {groupName(ctx, b, t('workshop.plenary'))}</span>{' '}
                <button
                  type="button"
                  className="chip"
                  aria-label={t('console.restoreBoard', { name: b.name })}
                  onClick={() =>
                    void run(() =>
                      api.updateBoard(ctx.workshopId, ctx.token, b.id, { archived: false }),
                    )
                  }
                >
                  {t('console.restore')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function groupName(ctx: PanelProps['ctx'], b: WorkshopBoard, plenary: string): string {
  return b.groupId ? (ctx.state.groups.find((g) => g.id === b.groupId)?.name ?? '') : plenary;
}

/**
 * "Ny fase" first, open until the first phase is made; then folded (one click away), so the
 * boards of the gathering are what the step shows.
 */
function NewPhaseBox({ ctx, run }: PanelProps) {
  const t = useT();
  // Until the facilitator opens or closes it: open exactly while there is no phase (also when
  // the page opened before the workshop document arrived).
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? ctx.state.phases.length === 0;
  return (
    <details
      className="new-phase-box"
      open={open}
      onToggle={(e) => {
        if (e.currentTarget.open !== open) setChosen(e.currentTarget.open);
      }}
    >
      <summary>{t('console.newPhase')}</summary>
      <NewPhaseForm ctx={ctx} run={run} onCreated={() => setChosen(false)} />
    </details>
  );
}

function NewPhaseForm({ ctx, run, onCreated }: PanelProps & { onCreated(): void }) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState('');
  const [template, setTemplate] = useState<string>('blank');
  const [options, setOptions] = useState<TemplateOptions>({});
  const [plenary, setPlenary] = useState(false);
  const [moveEveryone, setMoveEveryone] = useState(true);
  // A running market square decides where everyone is (the server refuses to move them).
  const marketLive = ctx.state.market?.state === 'running' || ctx.state.market?.state === 'paused';
  const moving = moveEveryone && !marketLive;
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = name.trim();
    if (!value) {
      setError(t('form.required', { field: t('console.phaseName') }));
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    if (template === 'future' && (options.horizonYear ?? 2035) <= (options.firstYear ?? 2020)) {
      setError(t('console.badYears'));
      return;
    }
    setError(null);
    let count = 0;
    const ok = await run(async () => {
      const r = await api.newPhase(ctx.workshopId, ctx.token, {
        name: value,
        template,
        plenary,
        moveEveryone: moving,
        ...(template === 'future' ? { options } : {}),
      });
      count = r.boardIds.length;
    });
    if (ok) {
      setName('');
      setPlenary(false);
      setMoveEveryone(true);
      onCreated();
      // Said after the fact, with the real number of boards.
      await run(async () => {}, note('console.phaseCreated', { name: value, count }));
    }
  };
  return (
    <form className="new-phase" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="visually-hidden">
        {t('console.newPhase')}
      </h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`} className="field-label">
            {t('console.phaseName')}
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={80}
            placeholder={t('console.phaseNameHint')}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {error && (
            <p id={`${id}-error`} className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
      <GatheringLocale ctx={ctx} run={run} />
      <LazyPart page={false}>
        <TemplatePicker
          token={ctx.token}
          locale={ctx.state.meta?.locale ?? DEFAULT_LOCALE}
          value={template}
          options={options}
          onChange={(tpl, opts) => {
            setTemplate(tpl);
            setOptions(opts);
          }}
        />
      </LazyPart>
      <label className="checkbox">
        <input type="checkbox" checked={plenary} onChange={(e) => setPlenary(e.target.checked)} />
        {t('console.plenary')}
      </label>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={moving}
            disabled={marketLive}
            aria-describedby={`${id}-move-hint`}
            onChange={(e) => setMoveEveryone(e.target.checked)}
          />
          {t('console.moveEveryone')}
        </label>
        <p id={`${id}-move-hint`} className="field-hint">
          {t(marketLive ? 'console.moveEveryoneMarket' : 'console.moveEveryoneHint')}
        </p>
      </div>
      <button type="submit" className="btn btn-primary">
        {t('console.createPhase')}
      </button>
    </form>
  );
}

function BoardCard({ ctx, run, board }: PanelProps & { board: WorkshopBoard }) {
  const t = useT();
  const { workshopId, token } = ctx;
  const mirror = useBoardMirror(board.id, token);
  const href = `/w/${workshopId}/b/${board.id}`;
  const owner = groupName(ctx, board, t('workshop.plenary'));
  const update = (body: Parameters<typeof api.updateBoard>[3]) =>
    run(() => api.updateBoard(workshopId, token, board.id, body));
  const names = mirror.members.map((m) => m.name);
  return (
    <li className="board-card" data-locked={board.locked} data-board-id={board.id}>
      <Link href={href} className="thumb-link">
        {mirror.thumbnail ? (
          <img
            className="thumb"
            src={mirror.thumbnail}
            width={THUMB.width}
            height={THUMB.height}
            alt={t('console.thumbnail', { name: board.name, count: mirror.count })}
          />
        ) : (
          <span className="thumb thumb-loading">
            {t('console.thumbnailLoading', { name: board.name })}
          </span>
        )}
      </Link>
      <div className="board-card-body">
        <InlineRename
          className="board-name"
          label={t('console.boardName')}
          value={board.name}
          onSave={(name) => update({ name })}
        />
        <p className="muted board-owner">
          {owner}
          {board.locked && <span className="tag">{t('workshop.locked')}</span>}
          {board.broughtFrom && <span className="tag">{t('series.broughtTag')}</span>}
        </p>
        <p className="board-online" data-count={names.length}>
          {names.length
            ? t('console.onBoard', { count: names.length, names: names.join(', ') })
            : t('console.nobodyOnBoard')}
        </p>
        <div className="board-actions">
          <Link className="chip" href={href}>
            {t('console.open')}
          </Link>
          <button
            type="button"
            className="chip"
            aria-label={t(board.locked ? 'console.unlockBoard' : 'console.lockBoard', {
              name: board.name,
            })}
            onClick={() => void update({ locked: !board.locked })}
          >
            {board.locked ? t('console.unlock') : t('console.lock')}
          </button>
          <button
            type="button"
            className="chip"
            aria-label={t('console.archiveBoard', { name: board.name })}
            onClick={() => void update({ archived: true })}
          >
            {t('console.archive')}
          </button>
          <button
            type="button"
            className="chip"
            aria-label={t('console.saveAsTemplateOf', { name: board.name })}
            onClick={() => {
              const name = window.prompt(t('console.templateName'), board.name)?.trim();
              if (name)
                void run(
                  () => api.saveTemplate(workshopId, token, board.id, name),
                  note('console.templateSaved', { name }),
                );
            }}
          >
            {t('console.saveAsTemplate')}
          </button>
          <BoardExportMenu
            boardId={board.id}
            boardName={board.name}
            workshopId={workshopId}
            token={token}
          />
        </div>
      </div>
    </li>
  );
}
