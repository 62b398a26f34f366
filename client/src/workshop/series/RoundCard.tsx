import {
  countedInputs,
  type InputStatus,
  isRoundOpen,
  momentParts,
  STICKY_EDGE,
  STICKY_FILL,
  type StakeholderInput,
} from '@torg/shared';
import { useId, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.js';
import { ShareLink } from '../../ui/CopyButton.js';
import { QrCode } from '../../ui/QrCode.js';
import { note } from '../../ui/toast-note.js';
import type { PanelProps } from '../console/types.js';
import { type RoundWithInputs, roundLinks, seriesApi } from './series-api.js';

const FILTERS: readonly InputStatus[] = ['pending', 'approved', 'hidden'];
const FILTER_LABEL = {
  pending: 'inputs.pending',
  approved: 'inputs.approved',
  hidden: 'inputs.hidden',
} as const;

/**
 * One input round in the console: its link and QR code, open or closed, the outcome page
 * published or not, the counts per stakeholder type, and its inputs to moderate (approve,
 * hide, merge a duplicate) and place on a board.
 */
export function RoundCard({
  ctx,
  run,
  round,
  onChange,
}: PanelProps & { round: RoundWithInputs; onChange(): Promise<unknown> }) {
  const { t, locale } = useLocale();
  const headingId = useId();
  const { workshopId, token, state } = ctx;
  const links = roundLinks(workshopId, round.id);
  const open = isRoundOpen(round, Date.now());
  const [filter, setFilter] = useState<InputStatus>('pending');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const boards = state.boards.filter((b) => !b.archived);
  const [boardId, setBoardId] = useState(boards.at(-1)?.id ?? '');
  const stakeholder = (i: StakeholderInput) =>
    round.stakeholders.find((s) => s.id === i.stakeholderId);
  // Day and time as the app writes moments everywhere ("6. desember 2026, kl. 14.30").
  const moment = (at: number) => {
    const parts = momentParts(locale, at);
    return parts ? t('format.moment', parts) : '';
  };
  const when = moment(round.closesAt);

  const act = async (action: () => Promise<unknown>, ok?: Parameters<typeof run>[1]) => {
    if (await run(action, ok)) await onChange();
  };
  const moderate = (input: StakeholderInput, status: InputStatus) =>
    act(() => seriesApi.moderate(workshopId, token, input.id, status));
  const shown = round.inputs.filter((i) => i.status === filter);
  const counted = countedInputs(round.inputs);
  const placeable = [...chosen].filter((id) =>
    round.inputs.some((i) => i.id === id && i.status === 'approved'),
  );

  return (
    <article className="round" aria-labelledby={headingId}>
      <h3 id={headingId}>{round.question}</h3>
      <p className={open ? 'round-state open' : 'round-state'}>
        {open ? t('inputs.openUntil', { when }) : t('inputs.closed')}
      </p>
      <div className="round-share">
        <QrCode text={links.answer} label={t('inputs.qrLabel', { link: links.answer })} />
        <div>
          <ShareLink label={t('inputs.link')} url={links.answer} hint={t('inputs.linkHint')} />
          <div className="round-actions">
            <button
              type="button"
              className="btn"
              onClick={() =>
                act(() => seriesApi.updateRound(workshopId, token, round.id, { closed: open }))
              }
            >
              {open ? t('inputs.close') : t('inputs.reopen')}
            </button>
            <button
              type="button"
              className="btn"
              aria-pressed={round.published}
              onClick={() =>
                act(
                  () =>
                    seriesApi.updateRound(workshopId, token, round.id, {
                      published: !round.published,
                    }),
                  note(round.published ? 'inputs.unpublished' : 'inputs.published'),
                )
              }
            >
              {t('inputs.publish')}
            </button>
          </div>
          {round.published && (
            <ShareLink
              label={t('inputs.outcome')}
              url={links.outcome}
              hint={t('inputs.outcomeHint')}
            />
          )}
        </div>
      </div>
      <h4>{t('inputs.counts', { count: counted.length })}</h4>
      <ul className="round-counts">
        {round.stakeholders.map((s) => (
          <li key={s.id}>
            <span
              className="stakeholder-chip"
              style={{ background: STICKY_FILL[s.color], borderColor: STICKY_EDGE[s.color] }}
            >
              {s.label}
            </span>{' '}
            {counted.filter((i) => i.stakeholderId === s.id).length}
          </li>
        ))}
      </ul>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('inputs.show')}</legend>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className="btn"
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
          >
            {t(FILTER_LABEL[f])} ({round.inputs.filter((i) => i.status === f).length})
          </button>
        ))}
      </fieldset>
      {shown.length === 0 ? (
        <p className="muted">{t('inputs.noneHere')}</p>
      ) : (
        <ul className="round-inputs">
          {shown.map((input) => {
            const s = stakeholder(input);
            const into = round.inputs.find((i) => i.id === input.mergedInto);
            return (
              <li key={input.id} className="round-input">
                {input.status === 'approved' && (
                  <input
                    type="checkbox"
                    aria-label={t('inputs.choose', { text: input.text.slice(0, 60) })}
                    checked={chosen.has(input.id)}
                    onChange={() =>
                      setChosen((c) => {
                        const next = new Set(c);
                        if (next.has(input.id)) next.delete(input.id);
                        else next.add(input.id);
                        return next;
                      })
                    }
                  />
                )}
                <div className="round-input-body">
                  <p>
                    {s && (
                      <span
                        className="stakeholder-chip"
                        style={{
                          background: STICKY_FILL[s.color],
                          borderColor: STICKY_EDGE[s.color],
                        }}
                      >
                        {s.label}
                      </span>
                    )}{' '}
                    {input.text}
                  </p>
                  <p className="muted">
                    {[
                      input.name ?? t('inputs.anonymous'),
                      moment(input.at),
                      input.placed.length > 0
                        ? t('inputs.placedOn', { count: input.placed.length })
                        : '',
                      into ? t('inputs.mergedInto', { text: into.text.slice(0, 60) }) : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                  <div className="round-input-actions">
                    {input.status !== 'approved' && !input.mergedInto && (
                      <button
                        type="button"
                        className="btn"
                        onClick={() => moderate(input, 'approved')}
                      >
                        {t('inputs.approve')}
                      </button>
                    )}
                    {input.status !== 'hidden' && (
                      <button
                        type="button"
                        className="btn"
                        onClick={() => moderate(input, 'hidden')}
                      >
                        {t('inputs.hide')}
                      </button>
                    )}
                    {input.status === 'hidden' && !input.mergedInto && (
                      <button
                        type="button"
                        className="btn"
                        onClick={() => moderate(input, 'pending')}
                      >
                        {t('inputs.unhide')}
                      </button>
                    )}
                    {!input.mergedInto && (
                      <MergeSelect
                        input={input}
                        others={round.inputs.filter((i) => i.id !== input.id && !i.mergedInto)}
                        onMerge={(intoId) =>
                          act(
                            () => seriesApi.merge(workshopId, token, input.id, intoId),
                            note('inputs.merged'),
                          )
                        }
                      />
                    )}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {filter === 'approved' && shown.length > 0 && (
        <div className="round-place">
          <label>
            {t('inputs.placeOn')}{' '}
            <select className="input" value={boardId} onChange={(e) => setBoardId(e.target.value)}>
              {boards.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn-primary"
            disabled={placeable.length === 0 || !boardId}
            onClick={async () => {
              await act(
                () => seriesApi.place(workshopId, token, round.id, boardId, placeable),
                note('inputs.placed', { count: placeable.length }),
              );
              setChosen(new Set());
            }}
          >
            {t('inputs.place', { count: placeable.length })}
          </button>
        </div>
      )}
    </article>
  );
}

/**
 * "Duplicate of …": merges this input into another of the round. A choice and a button (a
 * select that acted on change would merge as a keyboard user arrows through it).
 */
function MergeSelect({
  input,
  others,
  onMerge,
}: {
  input: StakeholderInput;
  others: StakeholderInput[];
  onMerge(intoId: string): void;
}) {
  const t = useLocale().t;
  const [into, setInto] = useState('');
  if (others.length === 0) return null;
  return (
    <span className="merge">
      <select
        className="input"
        aria-label={t('inputs.mergeLabel', { text: input.text.slice(0, 60) })}
        value={into}
        onChange={(e) => setInto(e.target.value)}
      >
        <option value="">{t('inputs.mergeChoose')}</option>
        {others.map((o) => (
          <option key={o.id} value={o.id}>
            {o.text.slice(0, 80)}
          </option>
        ))}
      </select>
      <button type="button" className="btn" disabled={!into} onClick={() => onMerge(into)}>
        {t('inputs.merge')}
      </button>
    </span>
  );
}
