import type { CommentStatus, Locale, MeasureStatus, Shape, TextKey } from '@torg/shared';
import { formatDay, momentParts, translate } from '@torg/shared';

/**
 * The workshop report as a format-neutral model: what the CSV, Markdown, Word and PDF writers
 * render. Everything is in reading order (arrays, never maps), every name is already resolved
 * (and anonymised when asked), every time is ISO 8601, and every label a writer needs can be
 * had with `reportText(report, key)`.
 */
export interface Report {
  locale: Locale;
  /** Participant names were replaced with "Deltaker 1, 2, …". */
  anonymised: boolean;
  workshopId: string;
  title: string;
  /** The gathering's date, YYYY-MM-DD. */
  date: string;
  /** When the report was made (ISO 8601). */
  generatedAt: string;
  /** The zone the report's times are written in for people to read (IANA name). */
  timeZone: string;
  ended: boolean;
  facilitators: string[];
  observers: string[];
  /** Participants not in any group. */
  unassigned: string[];
  groups: ReportGroup[];
  phases: ReportPhase[];
  market: ReportMarket | null;
  /** In the workshop's order: phase by phase, the groups' boards in group order. */
  boards: ReportBoard[];
  /** Oldest first; the current vote (`state.vote`) is the one with `current`. */
  votes: ReportVote[];
  /** What the gathering came to, for the first page (report-summary.ts). */
  summary: ReportSummary;
  /** The plan of the day, planned against what happened (empty without a plan). */
  agenda: ReportAgendaStep[];
  /** The measures on the boards, with owner, due date and status (report-series.ts). */
  measures: ReportMeasure[];
  /** The input rounds for stakeholders: counts per type and approved inputs as quotes. */
  inputRounds: ReportInputRound[];
  /** Per phase, the themes two or more groups share (report-themes.ts). */
  themes: ReportThemes[];
}

/** A phase's shared themes: reviewed by the facilitator, or found from the words alone. */
export interface ReportThemes {
  phase: string;
  reviewed: boolean;
  /** How many groups' boards the phase has. */
  groups: number;
  themes: { name: string; groups: number; notes: number }[];
}

/** A measure ("tiltak"): a note with an owner, a due date (YYYY-MM-DD or '') and a status. */
export interface ReportMeasure {
  text: string;
  board: string;
  group: string | null;
  owner: string;
  due: string;
  status: MeasureStatus;
  late: boolean;
}

/** An input round ("innspillsrunde"). */
export interface ReportInputRound {
  question: string;
  counts: { label: string; count: number }[];
  quotes: { text: string; stakeholder: string; name: string | null }[];
  /** Approved inputs beyond the quoted ones. */
  moreQuotes: number;
}

/** A step of the plan of the day: planned (minutes after midnight) and actual (server time). */
export interface ReportAgendaStep {
  title: string;
  minutes: number;
  plannedStart: number;
  skipped: boolean;
  startedAt: number | null;
  endedAt: number | null;
}

/** The report's first page: the gathering in a few lines and what it concluded. */
export interface ReportSummary {
  /** Participants (not facilitators or observers), in groups or not. */
  participants: number;
  /** The vote the top items come from (the current one, else the latest), or null. */
  voteLabel: string | null;
  /** The objects with the most dots across the boards, most first (at most 10). */
  topVoted: { text: string; dots: number; board: string }[];
  /** Suggestions the receiving group accepted onto its board. */
  accepted: { from: string; author: string; to: string; board: string; text: string }[];
  /** Per board, the content of its conclusion sections (CONCLUSION_SECTIONS), in board order. */
  conclusions: { board: string; group: string; sections: { title: string; items: string[] }[] }[];
}

export interface ReportGroup {
  id: string;
  name: string;
  /** In join order. */
  members: string[];
}

export interface ReportPhase {
  id: string;
  name: string;
  template: string;
  boardIds: string[];
}

export interface ReportMarket {
  phaseId: string;
  phaseName: string | null;
  state: 'setup' | 'running' | 'paused' | 'ended';
  /** Each round: which group visits which group's board (groups at home left out). */
  rounds: { round: number; label: string; visits: { group: string; host: string }[] }[];
  /** Who stayed home to present, per group. */
  hosts: { group: string; name: string }[];
}

export interface ReportBoard {
  id: string;
  name: string;
  groupId: string | null;
  /** The group's name, or "Plenum" for a board of the whole workshop. */
  groupName: string;
  phaseId: string | null;
  /** The phase's name, or "Uten fase". */
  phaseName: string;
  template: string;
  archived: boolean;
  locked: boolean;
  /**
   * Content by template section (in the board's reading order), then "Øvrig" (`key` null)
   * with the objects outside every section. Only objects with words; frames that are
   * sections, and guide texts, are structure, not content.
   */
  sections: ReportSection[];
  /** Every object of the board (one CSV row each), in section order, then the rest. */
  objects: ReportObject[];
  /** Top-level comments and suggestions by market round, then by the group that gave them. */
  feedback: ReportFeedbackRound[];
  /** Objects with "+1", most first. */
  plusOnes: { shapeId: string; text: string; count: number }[];
}

export interface ReportSection {
  /** The template's section key (e.g. `future.trends`); null for "Øvrig". */
  key: string | null;
  title: string;
  items: { id: string; type: Shape['type']; typeLabel: string; text: string }[];
}

export interface ReportObject {
  id: string;
  type: Shape['type'];
  /** The type in words ("Lapp"). */
  typeLabel: string;
  text: string;
  sectionKey: string | null;
  /** The section's title, or "Øvrig". */
  section: string;
  /** A template's example that no person has changed (not the group's words). */
  prefilled: boolean;
  /** Who made it ('' when the server made it, e.g. a template or an accepted suggestion). */
  author: string;
  updatedBy: string;
  created: string | null;
  updated: string | null;
  plusOnes: number;
  /** Dots of the current vote. */
  votes: number;
  /** Dots of all votes. */
  votesAll: number;
  /** Comments and suggestions pinned to the object (replies not counted). */
  comments: number;
}

export interface ReportFeedbackRound {
  /** The market round index, or null for feedback given outside the rounds. */
  round: number | null;
  /** "Runde 1" or "Utenfor torgmøterundene". */
  label: string;
  groups: { groupId: string | null; label: string; comments: ReportComment[] }[];
}

export interface ReportComment {
  id: string;
  kind: 'comment' | 'suggestion';
  /** "Kommentar" / "Forslag". */
  kindLabel: string;
  text: string;
  /** A suggestion's proposed sticky text. */
  proposal: string | null;
  author: string;
  status: CommentStatus;
  statusLabel: string;
  created: string;
  /** The object it is pinned to, or null when pinned to a place on the board. */
  pinnedTo: { shapeId: string; text: string } | null;
  replies: { id: string; author: string; text: string; created: string }[];
}

export interface ReportVote {
  id: string;
  current: boolean;
  /** "Gjeldende avstemning" / "Tidligere avstemning 1". */
  label: string;
  /** Only known for the current vote. */
  state: 'open' | 'closed' | null;
  dotsPerPerson: number | null;
  started: string | null;
  total: number;
  boards: ReportVoteBoard[];
}

export interface ReportVoteBoard {
  boardId: string;
  boardName: string;
  groupName: string;
  /** The board's name, with the group's in brackets unless the name already has it. */
  title: string;
  total: number;
  /** Objects with dots, most first. */
  items: { shapeId: string; text: string; dots: number }[];
}

/** A label of the report's language. */
export function reportText(
  report: Pick<Report, 'locale'>,
  key: TextKey,
  params: Record<string, string | number> = {},
): string {
  return translate(report.locale, key, params);
}

/** The gathering's date in words ("4. desember 2026"). */
export function reportDay(report: Pick<Report, 'locale' | 'date'>): string {
  return formatDay(report.locale, report.date);
}

/** An ISO time of the report in words, in its time zone ("4. desember 2026, kl. 16.56"). */
export function reportMoment(report: Pick<Report, 'locale' | 'timeZone'>, iso: string): string {
  const parts = momentParts(report.locale, iso, report.timeZone);
  return parts ? reportText(report, 'format.moment', parts) : '';
}

/** A board's state in words for its heading: "arkivert, låst", or '' for an open board. */
export function boardFlags(report: Pick<Report, 'locale'>, board: ReportBoard): string {
  return [
    board.archived ? reportText(report, 'export.archived') : '',
    board.locked ? reportText(report, 'export.locked') : '',
  ]
    .filter(Boolean)
    .join(', ');
}
