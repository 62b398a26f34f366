import type { Participant, WorkshopBoard } from '@torg/shared';
import { formatDay } from '@torg/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ConnectionBadge } from '../board/ConnectionBadge.js';
import { storeName } from '../board/identity.js';
import { useLocale } from '../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../i18n/LocaleSwitch.js';
import { Link, navigate, navState } from '../router.js';
import { Field } from '../ui/Field.js';
import { LazyPart, lazyComponent } from '../ui/LazyPart.js';
import { DayPlan } from './agenda/DayPlan.js';
import { api, errorKey } from './api.js';
import { currentBoardFor } from './boards.js';
import type { WorkshopContext } from './context.js';
import { ControlBanner } from './timer/ControlBanner.js';

// Only gatherings of a series have a brief: its chunk comes when there is one to show.
const SeriesBriefCard = lazyComponent(() =>
  import('./series/SeriesBriefCard.js').then((m) => m.SeriesBriefCard),
);

/**
 * `/w/<workshopId>`: the workshop at a glance — groups, who is in them and online, their
 * boards — and your own name. A participant goes straight on to their group's board (or
 * waits here until the facilitator has made one).
 */
export function WorkshopHome({ ctx }: { ctx: WorkshopContext }) {
  const { t, locale } = useLocale();
  const { state, viewer, workshopId, conn } = ctx;
  const meta = state.meta;
  const participant = viewer.role === 'participant';
  const current = participant ? currentBoardFor(state, viewer.participantId) : null;
  const online = new Set(conn.members.flatMap((m) => (m.participantId ? [m.participantId] : [])));
  // Our own presence is not echoed back to us: we are online when connected.
  if (conn.status === 'connected') online.add(viewer.participantId);

  // Came back on purpose ("back to the workshop"): stay, unless a new board turns up.
  const stay = useRef(navState().stay === true);
  const known = useRef<Set<string> | null>(null);
  const caughtUp = conn.serverSynced || conn.status === 'disconnected';
  if (caughtUp && !known.current) known.current = new Set(state.boards.map((b) => b.id));
  const currentId = current?.id;
  useEffect(() => {
    if (!currentId || !caughtUp) return;
    const appeared = !known.current?.has(currentId);
    if (!stay.current || appeared) navigate(`/w/${workshopId}/b/${currentId}`, { replace: true });
  }, [currentId, caughtUp, workshopId]);

  const group = ctx.me?.groupId ? state.groups.find((g) => g.id === ctx.me?.groupId) : null;
  const openBoards = state.boards.filter((b) => !b.archived);
  const plenary = openBoards.filter((b) => b.groupId === null);
  const byRole = (role: Participant['role']) => state.participants.filter((p) => p.role === role);
  const unassigned = byRole('participant').filter(
    (p) => !p.groupId || !state.groups.some((g) => g.id === p.groupId),
  );

  return (
    <div className="workshop-page">
      <header className="page-bar">
        <a className="brand" href="/" title={t('board.home')}>
          {t('app.name')}
        </a>
        <div className="page-bar-title">
          <h1>{meta?.title}</h1>
          {meta && <span className="muted">{formatDay(locale, meta.date)}</span>}
        </div>
        {viewer.role === 'facilitator' && (
          <Link className="btn btn-primary" href={`/w/${workshopId}/console`}>
            {t('workshop.console')}
          </Link>
        )}
        <ConnectionBadge status={conn.status} />
        <LocaleSwitch />
      </header>
      <ControlBanner state={state} />
      <main className="page page-wide workshop-home">
        {meta?.ended && <p className="info">{t('workshop.ended')}</p>}
        {!meta?.ended && meta?.allLocked && <p className="info">{t('workshop.allLocked')}</p>}

        <section className="card you">
          <p>
            {/* One sentence: who you are here, and in which group. */}
            {!participant
              ? t('workshop.youAre', { role: t(`role.${viewer.role}`) })
              : group
                ? t('workshop.youAreInGroup', { group: group.name })
                : t('workshop.youAreNoGroup')}
          </p>
          {participant &&
            (current ? (
              <Link className="btn btn-primary btn-large" href={`/w/${workshopId}/b/${current.id}`}>
                {t('workshop.goToBoard')}: {current.name}
              </Link>
            ) : (
              <div className="waiting" role="status">
                <p className="waiting-title">{t('workshop.waiting')}</p>
                <p className="field-hint">{t('workshop.waitingHint')}</p>
              </div>
            ))}
          <NameForm ctx={ctx} />
        </section>

        {state.series && (
          <LazyPart page={false}>
            <SeriesBriefCard workshopId={ctx.workshopId} token={ctx.token} />
          </LazyPart>
        )}
        <DayPlan state={state} />

        <section aria-labelledby="groups-heading">
          <h2 id="groups-heading">{t('workshop.groups')}</h2>
          <ul className="group-grid">
            {state.groups.map((g) => {
              const members = byRole('participant').filter((p) => p.groupId === g.id);
              const boards = openBoards.filter((b) => b.groupId === g.id);
              return (
                <li key={g.id} className="card group-card" data-mine={g.id === group?.id}>
                  <h3>{g.name}</h3>
                  <MemberList people={members} online={online} me={viewer.participantId} />
                  <BoardLinks workshopId={workshopId} boards={boards} />
                </li>
              );
            })}
          </ul>
        </section>

        {plenary.length > 0 && (
          <section aria-labelledby="plenary-heading">
            <h2 id="plenary-heading">{t('workshop.plenaryBoards')}</h2>
            <BoardLinks workshopId={workshopId} boards={plenary} />
          </section>
        )}

        <div className="people-columns">
          {unassigned.length > 0 && (
            <section aria-labelledby="unassigned-heading">
              <h2 id="unassigned-heading">{t('workshop.unassigned')}</h2>
              <MemberList people={unassigned} online={online} me={viewer.participantId} />
            </section>
          )}
          <section aria-labelledby="facilitators-heading">
            <h2 id="facilitators-heading">{t('workshop.facilitators')}</h2>
            <MemberList people={byRole('facilitator')} online={online} me={viewer.participantId} />
          </section>
          {byRole('observer').length > 0 && (
            <section aria-labelledby="observers-heading">
              <h2 id="observers-heading">{t('workshop.observers')}</h2>
              <MemberList people={byRole('observer')} online={online} me={viewer.participantId} />
            </section>
          )}
        </div>
      </main>
    </div>
  );
}

function MemberList({
  people,
  online,
  me,
}: {
  people: Participant[];
  online: Set<string>;
  me: string;
}) {
  const { t } = useLocale();
  if (people.length === 0) return <p className="muted">{t('workshop.noMembers')}</p>;
  return (
    <ul className="member-list">
      {people.map((p) => (
        <li key={p.id} data-online={online.has(p.id)}>
          <span className="online-dot" aria-hidden="true" />
          {p.name}
          {p.id === me && <span className="muted"> ({t('workshop.you')})</span>}
          {online.has(p.id) && <span className="visually-hidden">, {t('workshop.onlineDot')}</span>}
        </li>
      ))}
    </ul>
  );
}

function BoardLinks({ workshopId, boards }: { workshopId: string; boards: WorkshopBoard[] }) {
  const { t } = useLocale();
  if (boards.length === 0) return <p className="muted">{t('workshop.noBoards')}</p>;
  return (
    <ul className="board-links">
      {[...boards].reverse().map((b) => (
        <li key={b.id}>
          <Link
            href={`/w/${workshopId}/b/${b.id}`}
            aria-label={t('workshop.openBoard', { name: b.name })}
          >
            {b.name}
          </Link>
          {b.locked && <span className="tag">{t('workshop.locked')}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Your display name in this workshop (PATCH …/me; the server updates every screen). */
function NameForm({ ctx }: { ctx: WorkshopContext }) {
  const { t } = useLocale();
  const statusId = useId();
  const saved = ctx.me?.name ?? '';
  const [name, setName] = useState(saved);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (!dirty) setName(saved);
  }, [saved, dirty]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = name.trim();
    if (!value) {
      setStatus({ ok: false, text: t('form.required', { field: t('presence.nameLabel') }) });
      return;
    }
    try {
      await api.rename(ctx.workshopId, ctx.token, value);
      storeName(value);
      setDirty(false);
      setStatus({ ok: true, text: t('workshop.nameSaved') });
    } catch (err) {
      setStatus({ ok: false, text: t(errorKey(err)) });
    }
  };
  return (
    <form className="name-form" onSubmit={submit} noValidate>
      <Field label={t('presence.nameLabel')}>
        {(p) => (
          <span className="inline-form">
            <input
              {...p}
              className="input"
              value={name}
              maxLength={80}
              autoComplete="name"
              aria-describedby={statusId}
              onChange={(e) => {
                setName(e.target.value);
                setDirty(true);
              }}
            />
            <button type="submit" className="btn">
              {t('workshop.saveName')}
            </button>
          </span>
        )}
      </Field>
      <p id={statusId} role="status" className={status && !status.ok ? 'error' : 'muted'}>
        {status?.text}
      </p>
    </form>
  );
}
