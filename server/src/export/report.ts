import {
  EMPTY_AGENDA,
  type Locale,
  plannedStarts,
  REPORT_TIME_ZONE,
  type TextKey,
  translate,
} from '@torg/shared';
import { screenId } from '../workshops/membership.js';
import { reportBoard } from './report-boards.js';
import type { Report, ReportGroup, ReportMarket, ReportPhase } from './report-model.js';
import { namer } from './report-names.js';
import { reportInputRounds, reportMeasures } from './report-series.js';
import { reportSummary } from './report-summary.js';
import { reportThemes } from './report-themes.js';
import { reportVotes } from './report-votes.js';
import type { WorkshopData } from './source.js';

// The report is built in parts: the model the writers render (report-model.ts), participant
// names (report-names.ts), each board's sections/objects (report-boards.ts) and feedback
// (report-feedback.ts), and the votes (report-votes.ts). This module puts them together.
export type * from './report-model.js';
export { boardFlags, reportDay, reportMoment, reportText } from './report-model.js';
export { nameMap } from './report-names.js';

/** Builds the report of a workshop: a pure function of the data read for the export. */
export function buildReport(
  data: WorkshopData,
  opts: { anonymise: boolean; locale: Locale; now?: number },
): Report {
  const { state } = data;
  const { locale } = opts;
  const t = (key: TextKey, params: Record<string, string | number> = {}) =>
    translate(locale, key, params);
  const name = namer(state, opts.anonymise, locale);
  const groupName = new Map(state.groups.map((g) => [g.id, g.name]));
  const phaseName = new Map(state.phases.map((p) => [p.id, p.name]));
  // The room's screen is an observer by its token, but nobody: not listed.
  const screen = screenId(data.record.id);
  const byRole = (role: string) =>
    state.participants.filter((p) => p.role === role && p.id !== screen).map((p) => name(p.id));

  const groups: ReportGroup[] = state.groups.map((g) => ({
    id: g.id,
    name: g.name,
    members: state.participants.filter((p) => p.groupId === g.id).map((p) => name(p.id)),
  }));
  const unassigned = state.participants
    .filter((p) => p.role === 'participant' && (p.groupId === null || !groupName.has(p.groupId)))
    .map((p) => name(p.id));

  const boardsInOrder = data.boards.map((b) => b.board);
  const phases: ReportPhase[] = state.phases.map((p) => ({
    id: p.id,
    name: p.name,
    template: p.template,
    boardIds: boardsInOrder.filter((b) => b.phaseId === p.id).map((b) => b.id),
  }));

  const m = state.market;
  const market: ReportMarket | null = m
    ? {
        phaseId: m.phaseId,
        phaseName: phaseName.get(m.phaseId) ?? null,
        state: m.state,
        rounds: m.plan.map((round, i) => ({
          round: i,
          label: t('export.round', { n: i + 1 }),
          visits: state.groups
            .filter((g) => round[g.id] !== undefined && round[g.id] !== g.id)
            .map((g) => ({
              group: g.name,
              host: groupName.get(round[g.id] ?? '') ?? t('export.unknownPerson'),
            })),
        })),
        hosts: m.hostIds.flatMap((id) => {
          const p = state.participants.find((x) => x.id === id);
          return p ? [{ group: groupName.get(p.groupId ?? '') ?? '', name: name(p.id) }] : [];
        }),
      }
    : null;

  // Dots of every vote, grouped by vote.
  const currentVoteId = state.vote?.id ?? null;
  const boards = data.boards.map((b) =>
    reportBoard(b, { t, name, groupName, phaseName, currentVoteId }),
  );
  const votes = reportVotes(data, state, { t, groupName, currentVoteId });
  const plan = state.agenda ?? EMPTY_AGENDA;
  const planned = plannedStarts(plan);
  const agenda = plan.steps.map((s) => ({
    title: s.title,
    minutes: s.minutes,
    plannedStart: planned.get(s.id) ?? 0,
    skipped: s.skipped,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
  }));

  const parts = {
    locale,
    anonymised: opts.anonymise,
    workshopId: data.record.id,
    title: state.meta?.title ?? '',
    date: state.meta?.date ?? '',
    generatedAt: new Date(opts.now ?? Date.now()).toISOString(),
    timeZone: REPORT_TIME_ZONE,
    ended: state.meta?.ended ?? false,
    facilitators: byRole('facilitator'),
    observers: byRole('observer'),
    unassigned,
    groups,
    phases,
    market,
    boards,
    votes,
  };
  const today = new Date(opts.now ?? Date.now()).toISOString().slice(0, 10);
  return {
    ...parts,
    summary: reportSummary(parts),
    agenda,
    measures: reportMeasures(data.boards, groupName, today),
    inputRounds: reportInputRounds(data.inputs),
    themes: reportThemes(data),
  };
}
