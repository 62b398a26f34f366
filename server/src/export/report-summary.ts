import {
  CONCLUSION_SECTIONS,
  clockParts,
  formatDay,
  minutesOfDay,
  type TextKey,
} from '@torg/shared';
import { type Report, type ReportSummary, reportDay, reportText } from './report-model.js';
import { MEASURE_STATUS_KEYS } from './report-series.js';

/** The most items the summary lists from the vote. */
const TOP_VOTED = 10;

/**
 * The summary of a report, from its other parts: how many took part, the objects with the
 * most dots, the accepted suggestions (who suggested what to whom), and per board what its
 * conclusion sections hold (the future picture, what must be done, goals and measures …).
 */
export function reportSummary(
  report: Omit<Report, 'summary' | 'agenda' | 'measures' | 'inputRounds' | 'themes'>,
): ReportSummary {
  const participants =
    report.groups.reduce((n, g) => n + g.members.length, 0) + report.unassigned.length;

  const vote = report.votes.find((v) => v.current) ?? report.votes.at(-1) ?? null;
  const topVoted = (vote?.boards ?? [])
    .flatMap((b) => b.items.map((i) => ({ text: i.text, dots: i.dots, board: b.title })))
    .filter((i) => i.dots > 0)
    .sort((a, b) => b.dots - a.dots || a.text.localeCompare(b.text, report.locale))
    .slice(0, TOP_VOTED);

  const accepted = report.boards.flatMap((board) =>
    board.feedback.flatMap((round) =>
      round.groups.flatMap((g) =>
        g.comments
          .filter((c) => c.kind === 'suggestion' && c.status === 'accepted')
          .map((c) => ({
            from: g.groupId === null ? '' : (groupNameOf(report, g.groupId) ?? ''),
            author: c.author,
            to: board.groupName,
            board: board.name,
            text: c.proposal ?? c.text,
          })),
      ),
    ),
  );

  const rank = (key: string | null) => (key === null ? -1 : CONCLUSION_SECTIONS.indexOf(key));
  const conclusions = report.boards.flatMap((board) => {
    const sections = board.sections
      .filter((s) => rank(s.key) >= 0 && s.items.length > 0)
      .sort((a, b) => rank(a.key) - rank(b.key))
      .map((s) => ({ title: s.title, items: s.items.map((i) => i.text) }));
    return sections.length > 0 ? [{ board: board.name, group: board.groupName, sections }] : [];
  });

  return {
    participants,
    voteLabel: vote ? vote.label : null,
    topVoted,
    accepted,
    conclusions,
  };
}

function groupNameOf(report: Pick<Report, 'groups'>, id: string): string | undefined {
  return report.groups.find((g) => g.id === id)?.name;
}

/** One part of the summary as the writers lay it out: a heading, then a list or a line. */
export interface SummaryBlock {
  /** 1: a part ("Flest prikker"); 2: under a part (a board's section). */
  level: 1 | 2;
  heading: string;
  items: string[];
  numbered: boolean;
  /** Said instead of the list when it is empty. */
  empty: string | null;
}

/**
 * The summary in words, for every writer alike: the facts of the gathering (one line each),
 * then its parts. Texts people wrote come as they are; each writer makes them safe its way.
 */
export function summaryText(report: Report): { facts: string[]; blocks: SummaryBlock[] } {
  const t = (key: TextKey, params: Record<string, string | number> = {}) =>
    reportText(report, key, params);
  const { summary } = report;
  const facts = [
    `${t('export.date')}: ${reportDay(report)}`,
    `${t('export.groups')}: ${report.groups.map((g) => g.name).join(', ') || '–'}`,
    `${t('export.participants')}: ${summary.participants}`,
    ...(report.phases.length > 0
      ? [`${t('export.phases')}: ${report.phases.map((p) => p.name).join(', ')}`]
      : []),
  ];
  const blocks: SummaryBlock[] = [
    {
      level: 1,
      heading: summary.voteLabel
        ? `${t('export.topVoted')} (${summary.voteLabel.toLocaleLowerCase(report.locale)})`
        : t('export.topVoted'),
      items: summary.topVoted.map((i) =>
        t('export.topVotedItem', { text: oneLine(i.text) || '–', count: i.dots, board: i.board }),
      ),
      numbered: true,
      empty: t('export.noVotes'),
    },
    {
      level: 1,
      heading: t('export.accepted'),
      items: summary.accepted.map((a) =>
        t(a.from ? 'export.acceptedItem' : 'export.acceptedItemNoGroup', {
          from: a.from,
          author: a.author,
          to: a.to,
          text: oneLine(a.text),
        }),
      ),
      numbered: false,
      empty: t('export.noAccepted'),
    },
  ];
  blocks.push(...themeBlocks(report, t));
  if (report.agenda.length > 0) blocks.push(agendaBlock(report, t));
  if (report.measures.length > 0) blocks.push(measuresBlock(report, t));
  blocks.push(...inputBlocks(report, t));
  if (summary.conclusions.length > 0) {
    blocks.push({
      level: 1,
      heading: t('export.conclusions'),
      items: [],
      numbered: false,
      empty: null,
    });
    for (const c of summary.conclusions)
      for (const s of c.sections)
        blocks.push({
          level: 2,
          heading: t('export.conclusionHeading', { board: c.board, section: s.title }),
          items: s.items.map(oneLine),
          numbered: false,
          empty: null,
        });
  }
  return { facts, blocks };
}

/** The plan of the day, each step's planned time and length against when it ran. */
function agendaBlock(
  report: Report,
  t: (key: TextKey, params?: Record<string, string | number>) => string,
): SummaryBlock {
  const clock = (minutes: number) => t('format.clock', clockParts(minutes));
  const at = (time: number) => clock(minutesOfDay(time, report.timeZone));
  return {
    level: 1,
    heading: t('export.agenda'),
    items: report.agenda.map((s) =>
      t('export.agendaItem', {
        planned: clock(s.plannedStart),
        title: oneLine(s.title),
        minutes: s.minutes,
        actual: s.skipped
          ? t('export.agendaSkipped')
          : s.startedAt === null
            ? t('export.agendaNotStarted')
            : s.endedAt === null
              ? t('export.agendaRunning', { start: at(s.startedAt) })
              : t('export.agendaActual', { start: at(s.startedAt), end: at(s.endedAt) }),
      }),
    ),
    numbered: false,
    empty: null,
  };
}

/** The measures with their owners, due dates and status: what is to be followed up. */
function measuresBlock(report: Report, t: Translate): SummaryBlock {
  return {
    level: 1,
    heading: t('export.measures'),
    items: report.measures.map((m) =>
      t(m.late ? 'export.measureItemLate' : 'export.measureItem', {
        text: oneLine(m.text) || '–',
        owner: m.owner || '–',
        due: m.due ? formatDay(report.locale, m.due) : '–',
        status: t(MEASURE_STATUS_KEYS[m.status]),
        board: m.board,
      }),
    ),
    numbered: false,
    empty: null,
  };
}

/** Per input round: the question, the counts per stakeholder type, and the approved inputs. */
function inputBlocks(report: Report, t: Translate): SummaryBlock[] {
  if (report.inputRounds.length === 0) return [];
  const blocks: SummaryBlock[] = [
    { level: 1, heading: t('export.inputRounds'), items: [], numbered: false, empty: null },
  ];
  for (const round of report.inputRounds) {
    const total = round.counts.reduce((sum, c) => sum + c.count, 0);
    blocks.push({
      level: 2,
      heading: t('export.inputRound', { question: oneLine(round.question), count: total }),
      items: [
        round.counts
          .filter((c) => c.count > 0)
          .map((c) => `${c.label}: ${c.count}`)
          .join(', ') || t('export.noInputs'),
        ...round.quotes.map((q) =>
          t(q.name ? 'export.inputQuoteNamed' : 'export.inputQuote', {
            text: oneLine(q.text),
            stakeholder: q.stakeholder,
            name: q.name ?? '',
          }),
        ),
        ...(round.moreQuotes > 0 ? [t('export.moreInputs', { count: round.moreQuotes })] : []),
      ],
      numbered: false,
      empty: null,
    });
  }
  return blocks;
}

/** Per phase, the themes the groups share, with how many groups wrote each. */
function themeBlocks(report: Report, t: Translate): SummaryBlock[] {
  if (report.themes.length === 0) return [];
  return [
    { level: 1, heading: t('export.themes'), items: [], numbered: false, empty: null },
    ...report.themes.map(
      (phase): SummaryBlock => ({
        level: 2,
        heading: t(phase.reviewed ? 'export.themesPhase' : 'export.themesPhaseFound', {
          phase: phase.phase,
        }),
        items: phase.themes.map((theme) =>
          t('export.themeItem', {
            name: oneLine(theme.name),
            count: theme.groups,
            total: phase.groups,
            notes: theme.notes,
          }),
        ),
        numbered: false,
        empty: null,
      }),
    ),
  ];
}

type Translate = (key: TextKey, params?: Record<string, string | number>) => string;

/** A note's lines as one line (a list item). */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
