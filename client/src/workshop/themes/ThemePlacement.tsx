import type { ThemeSetView } from '@torg/shared';
import { useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { Link } from '../../router.js';
import { note } from '../../ui/toast-note.js';
import { momentLabel } from '../agenda/agenda-format.js';
import { api } from '../api.js';
import type { PanelProps } from '../console/types.js';
import { themesApi } from './themes-api.js';

/**
 * Placing the reviewed themes on a plenary board: one of the gathering's, or a new plenary
 * phase made for them (nobody is moved there: the facilitator brings the room when ready).
 */
export function ThemePlacement({
  ctx,
  run,
  phaseId,
  view,
  onPlaced,
}: PanelProps & { phaseId: string; view: ThemeSetView; onPlaced(): Promise<void> }) {
  const t = useT();
  const id = useId();
  const { workshopId, token, state } = ctx;
  const plenary = state.boards.filter((b) => b.groupId === null && !b.archived);
  const [chosen, setChosen] = useState('');
  const boardId = plenary.some((b) => b.id === chosen) ? chosen : (plenary.at(-1)?.id ?? '');
  const placedOn = state.boards.find((b) => b.id === view.placed?.boardId);

  const place = async (target: string, name: string) => {
    const ok = await run(
      () => themesApi.place(workshopId, token, phaseId, target),
      note('themes.placed', { board: name }),
    );
    if (ok) await onPlaced();
  };
  const placeOnNew = async () => {
    const name = t('themes.newPlenaryName');
    let made = '';
    const ok = await run(async () => {
      const r = await api.newPhase(workshopId, token, {
        name,
        template: 'blank',
        plenary: true,
        moveEveryone: false,
      });
      made = r.boardIds[0] ?? '';
    });
    if (ok && made) await place(made, name);
  };

  return (
    <section className="themes-place" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('themes.placeTitle')}</h3>
      {placedOn && (
        <p>
          {t('themes.placedAt', {
            board: placedOn.name,
            time: momentLabel(t, view.placed?.at ?? 0),
          })}{' '}
          <Link href={`/w/${workshopId}/b/${placedOn.id}`}>{t('themes.openBoard')}</Link>
        </p>
      )}
      {plenary.length === 0 ? (
        <p className="muted">{t('themes.noPlenary')}</p>
      ) : (
        <div className="themes-place-row">
          <label htmlFor={`${id}-board`}>{t('themes.placeOn')}</label>
          <select
            className="input"
            id={`${id}-board`}
            value={boardId}
            onChange={(e) => setChosen(e.target.value)}
          >
            {plenary.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!boardId || view.themes.length === 0}
            onClick={() => void place(boardId, plenary.find((b) => b.id === boardId)?.name ?? '')}
          >
            {t('themes.place')}
          </button>
        </div>
      )}
      <button
        type="button"
        className="btn"
        disabled={view.themes.length === 0}
        onClick={() => void placeOnNew()}
      >
        {t('themes.newPlenary')}
      </button>
    </section>
  );
}
