import type { Participant } from '@torg/shared';
import { useId } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { note } from '../../ui/toast-note.js';
import { api } from '../api.js';
import { InlineRename } from './InlineRename.js';
import type { PanelProps } from './types.js';

const NONE = '';

/** Groups (renamed where they stand) and their members, moved live with a select each. */
export function GroupsPanel({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const { state, workshopId, token } = ctx;
  const online = new Set(
    ctx.conn.members.flatMap((m) => (m.participantId ? [m.participantId] : [])),
  );
  // Our own presence is not echoed back to us: we are online when connected.
  if (ctx.conn.status === 'connected') online.add(ctx.viewer.participantId);
  const participants = state.participants.filter((p) => p.role === 'participant');
  const unassigned = participants.filter(
    (p) => !p.groupId || !state.groups.some((g) => g.id === p.groupId),
  );
  const others = state.participants.filter((p) => p.role !== 'participant');

  return (
    <section className="card groups-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('console.groups')}</h2>
      <ul className="group-grid">
        {state.groups.map((g, i) => {
          const members = participants.filter((p) => p.groupId === g.id);
          return (
            <li key={g.id} className="group-card">
              <InlineRename
                className="group-name"
                label={t('console.groupNameOf', { n: i + 1 })}
                value={g.name}
                onSave={(name) =>
                  run(() => api.renameGroup(workshopId, token, g.id, name), note('console.saved'))
                }
              />
              {members.length ? (
                <ul className="member-rows">
                  {members.map((p) => (
                    <MemberRow key={p.id} p={p} ctx={ctx} run={run} online={online.has(p.id)} />
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('workshop.noMembers')}</p>
              )}
            </li>
          );
        })}
        {unassigned.length > 0 && (
          <li className="group-card">
            <h3>{t('workshop.unassigned')}</h3>
            <ul className="member-rows">
              {unassigned.map((p) => (
                <MemberRow key={p.id} p={p} ctx={ctx} run={run} online={online.has(p.id)} />
              ))}
            </ul>
          </li>
        )}
        <li className="group-card">
          <h3>
            {t('workshop.facilitators')} / {t('workshop.observers')}
          </h3>
          <ul className="member-rows">
            {others.map((p) => (
              <MemberRow key={p.id} p={p} ctx={ctx} run={run} online={online.has(p.id)} />
            ))}
          </ul>
        </li>
      </ul>
    </section>
  );
}

/** One person: their name, whether they are online, and (participants) which group. */
function MemberRow({ p, ctx, run, online }: PanelProps & { p: Participant; online: boolean }) {
  const t = useT();
  const { state, workshopId, token } = ctx;
  return (
    <li className="member-row" data-online={online}>
      <span className="online-dot" aria-hidden="true" />
      <span className="member-name">
        {p.name}
        {online && <span className="visually-hidden">, {t('workshop.onlineDot')}</span>}
      </span>
      {p.role === 'participant' ? (
        <select
          className="input input-small"
          aria-label={t('console.moveTo', { name: p.name })}
          value={p.groupId ?? NONE}
          onChange={(e) => {
            const groupId = e.target.value || null;
            const group = state.groups.find((g) => g.id === groupId);
            void run(
              () => api.moveParticipant(workshopId, token, p.id, groupId),
              note('console.moved', { name: p.name, group: group?.name ?? t('console.noGroup') }),
            );
          }}
        >
          {state.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
          <option value={NONE}>{t('console.noGroup')}</option>
        </select>
      ) : (
        <span className="muted">{t(`role.${p.role}`)}</span>
      )}
    </li>
  );
}
