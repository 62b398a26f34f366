import type { NoteRef, ThemeReview, ThemeSet, ThemeSetView } from '@torg/shared';
import { themesTexts } from '@torg/shared/locale/themes';
import './themes.css';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { addTexts } from '../../i18n/extra-texts.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { momentLabel } from '../agenda/agenda-format.js';
import { ConfirmDialog } from '../console/ConfirmDialog.js';
import type { PanelProps } from '../console/types.js';
import { NoteList } from './NoteList.js';
import { ThemeCard } from './ThemeCard.js';
import { ThemePlacement } from './ThemePlacement.js';
import { themesApi } from './themes-api.js';
import { toggled } from './toggled.js';

addTexts(themesTexts);

/**
 * The console's "Temaer" ("Mye er sammenfallende"): the themes the groups' notes share in a
 * phase, found on the server from their words. The facilitator picks the phase and boards,
 * finds the themes, reviews them (rename, merge, split, move notes: each step is sent to the
 * server at once) and places them on a plenary board for the dot vote.
 */
export function ThemesPanel({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const { workshopId, token, state } = ctx;
  const phases = state.phases.filter((p) =>
    state.boards.some((b) => b.phaseId === p.id && b.groupId !== null && !b.archived),
  );
  const [phaseId, setPhaseId] = useState(() => phases.at(-1)?.id ?? '');
  const phaseBoards = state.boards.filter(
    (b) => b.phaseId === phaseId && b.groupId !== null && !b.archived,
  );
  const [left, setLeft] = useState<Set<string>>(new Set());
  const [view, setView] = useState<ThemeSetView | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (!phaseId && phases.length > 0) setPhaseId(phases.at(-1)?.id ?? '');
  }, [phaseId, phases]);
  const load = useCallback(async () => {
    if (!phaseId) return;
    setChosen(new Set());
    await run(async () => setView((await themesApi.get(workshopId, token, phaseId)).set));
  }, [phaseId, run, token, workshopId]);
  // The console keeps every step's panel; this one reads the themes anew each time it is shown
  // (the observer's first report is whether it is shown now) and when the phase changes.
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = sectionRef.current;
    setView(null);
    if (!el) return;
    let wasShown = false;
    const watch = new IntersectionObserver(([entry]) => {
      const shown = !!entry?.isIntersecting;
      if (shown && !wasShown) void load();
      wasShown = shown;
    });
    watch.observe(el);
    return () => watch.disconnect();
  }, [load]);

  const find = async () => {
    const boardIds = phaseBoards.filter((b) => !left.has(b.id)).map((b) => b.id);
    const ok = await run(async () =>
      setView(await themesApi.find(workshopId, token, phaseId, boardIds)),
    );
    if (ok) setChosen(new Set());
    return ok;
  };
  /** One review step; the answer is the set as stored, with the notes' words kept. */
  const review = async (step: ThemeReview) =>
    run(async () => {
      const set: ThemeSet = await themesApi.review(workshopId, token, phaseId, step);
      setView((old) => (old ? { ...old, ...set } : old));
    });

  const groupName = useMemo(() => new Map(state.groups.map((g) => [g.id, g.name])), [state.groups]);
  const groupCount = new Set(
    state.boards.filter((b) => view?.boardIds.includes(b.id)).map((b) => b.groupId),
  ).size;
  const merge = () =>
    review({
      op: 'merge',
      themeIds: view?.themes.filter((th) => chosen.has(th.id)).map((th) => th.id) ?? [],
    }).then((ok) => ok && setChosen(new Set()));
  const moveAll = async (notes: readonly NoteRef[], to: string | null) => {
    for (const note of notes) if (!(await review({ op: 'move', note, to }))) return false;
    return true;
  };
  const foundAt = view ? momentLabel(t, view.foundAt) : '';

  return (
    <section ref={sectionRef} className="themes" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('themes.title')}</h2>
      <p className="themes-intro">{t('themes.intro')}</p>
      {phases.length === 0 ? (
        <p className="muted">{t('themes.noPhases')}</p>
      ) : (
        <div className="themes-find">
          <label className="themes-phase">
            <span className="field-label">{t('themes.phase')}</span>
            <select className="input" value={phaseId} onChange={(e) => setPhaseId(e.target.value)}>
              {phases.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="themes-boards">
            <legend>{t('themes.boards')}</legend>
            {phaseBoards.map((b) => (
              <label key={b.id} className="check">
                <input
                  type="checkbox"
                  checked={!left.has(b.id)}
                  onChange={(e) => setLeft(toggled(left, b.id, !e.target.checked))}
                />
                {groupName.get(b.groupId ?? '') ?? b.name}
              </label>
            ))}
          </fieldset>
          <button
            type="button"
            className="btn btn-primary"
            disabled={phaseBoards.every((b) => left.has(b.id))}
            onClick={() => (view?.reviewed ? setConfirming(true) : void find())}
          >
            {view ? t('themes.findAgain') : t('themes.find')}
          </button>
        </div>
      )}
      {phaseId && !view && phases.length > 0 && <p className="muted">{t('themes.none')}</p>}
      {view && (
        <>
          <p className="themes-summary" role="status">
            {t('themes.found', {
              themes: view.themes.length,
              notes: view.notes.length,
              boards: view.boardIds.length,
            })}{' '}
            · {t('themes.foundAt', { time: foundAt })}
            {view.reviewed && ` · ${t('themes.reviewed')}`}
          </p>
          {view.newNotes > 0 && (
            <p className="info">{t('themes.newNotes', { count: view.newNotes })}</p>
          )}
          {view.themes.length === 0 ? (
            <p className="muted">{t('themes.empty')}</p>
          ) : (
            <>
              <div className="themes-tools">
                <button type="button" className="btn" disabled={chosen.size < 2} onClick={merge}>
                  {t('themes.merge')}
                </button>
              </div>
              <ol className="themes-list" aria-label={t('themes.list')}>
                {view.themes.map((theme) => (
                  <ThemeCard
                    key={theme.id}
                    theme={theme}
                    view={view}
                    groupName={groupName}
                    groupCount={groupCount}
                    selected={chosen.has(theme.id)}
                    onSelect={(on) => setChosen(toggled(chosen, theme.id, on))}
                    review={review}
                    moveAll={moveAll}
                  />
                ))}
              </ol>
            </>
          )}
          <section className="themes-loose" aria-labelledby={`${headingId}-loose`}>
            <h3 id={`${headingId}-loose`}>{t('themes.loose')}</h3>
            {view.loose.length === 0 ? (
              <p className="muted">{t('themes.looseNone')}</p>
            ) : (
              <NoteList
                refs={view.loose}
                view={view}
                groupName={groupName}
                here={null}
                moveAll={moveAll}
              />
            )}
          </section>
          <ThemePlacement ctx={ctx} run={run} phaseId={phaseId} view={view} onPlaced={load} />
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('themes.findAgain')}
        text={t('themes.findAgainConfirm')}
        confirmLabel={t('themes.findAgain')}
        onConfirm={find}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}
