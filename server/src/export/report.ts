import {
  type Comment,
  type CommentStatus,
  contentBySection,
  type Locale,
  type MessageKey,
  type Shape,
  shapeText,
  translate,
  type WorkshopState,
} from '@torg/shared';
import type { BoardData, WorkshopData } from './source.js';

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
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return translate(report.locale, key, params);
}

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

const TYPE_KEYS: Record<Shape['type'], MessageKey> = {
  sticky: 'export.typeSticky',
  text: 'export.typeText',
  geo: 'export.typeGeo',
  connector: 'export.typeConnector',
  frame: 'export.typeFrame',
  drawing: 'export.typeDrawing',
  image: 'export.typeImage',
};

const STATUS_KEYS: Record<CommentStatus, MessageKey> = {
  open: 'export.statusOpen',
  resolved: 'export.statusResolved',
  accepted: 'export.statusAccepted',
};

/**
 * The order participants are numbered in when anonymised: group members group by group (in
 * join order), then everyone else (no group, observers, facilitators) in join order.
 */
function numberingOrder(state: WorkshopState): string[] {
  const order: string[] = [];
  for (const g of state.groups)
    for (const p of state.participants) if (p.groupId === g.id) order.push(p.id);
  for (const p of state.participants) if (!order.includes(p.id)) order.push(p.id);
  return order;
}

/**
 * Names of participants by id, for every writer of an export (report, ZIP, backup). With
 * `anonymise`, each participant is "Deltaker N" ("Participant N"), numbered once for the whole
 * workshop (see `numberingOrder`), so the same person has the same number everywhere; ids the
 * workshop no longer knows get the next numbers. Null (made by the server) is ''.
 *
 * Only name fields are replaced: names people typed into the content of a board are their
 * content and stay as written.
 */
export function nameMap(
  state: WorkshopState,
  anonymise: boolean,
  locale: Locale,
): (participantId: string | null) => string {
  return namer(state, anonymise, locale);
}

function namer(
  state: WorkshopState,
  anonymise: boolean,
  locale: Locale,
): (participantId: string | null, fallback?: string) => string {
  const numbers = new Map<string, number>();
  for (const id of numberingOrder(state)) numbers.set(id, numbers.size + 1);
  const names = new Map(state.participants.map((p) => [p.id, p.name]));
  return (id, fallback) => {
    if (id === null) return '';
    if (anonymise) {
      let n = numbers.get(id);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(id, n);
      }
      return translate(locale, 'export.participantN', { n });
    }
    return names.get(id) ?? (fallback || translate(locale, 'export.unknownPerson'));
  };
}

/** Builds the report of a workshop: a pure function of the data read for the export. */
export function buildReport(
  data: WorkshopData,
  opts: { anonymise: boolean; locale: Locale; now?: number },
): Report {
  const { state } = data;
  const { locale } = opts;
  const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
    translate(locale, key, params);
  const name = namer(state, opts.anonymise, locale);
  const groupName = new Map(state.groups.map((g) => [g.id, g.name]));
  const phaseName = new Map(state.phases.map((p) => [p.id, p.name]));
  const byRole = (role: string) =>
    state.participants.filter((p) => p.role === role).map((p) => name(p.id));

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

  return {
    locale,
    anonymised: opts.anonymise,
    workshopId: data.record.id,
    title: state.meta?.title ?? '',
    date: state.meta?.date ?? '',
    generatedAt: new Date(opts.now ?? Date.now()).toISOString(),
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
}

interface Ctx {
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  name: (id: string | null, fallback?: string) => string;
  groupName: Map<string, string>;
  phaseName: Map<string, string>;
  currentVoteId: string | null;
}

function reportBoard(data: BoardData, ctx: Ctx): ReportBoard {
  const { board, shapes } = data;
  const { t, name } = ctx;
  const byId = new Map(shapes.map((s) => [s.id, s]));
  const other = t('export.otherSection');

  // Sections, and where each object sits.
  const sectionOf = new Map<string, { key: string; title: string }>();
  const sections: ReportSection[] = [];
  for (const s of contentBySection(shapes)) {
    for (const item of s.items) sectionOf.set(item.id, { key: s.key, title: s.title });
    sections.push({
      key: s.key,
      title: s.title,
      items: s.items
        .filter((i) => i.text.trim() !== '')
        .map((i) => ({ ...i, typeLabel: t(TYPE_KEYS[i.type]) })),
    });
  }
  const sectionFrames = new Set(
    shapes.filter((s) => s.type === 'frame' && s.section).map((s) => s.id),
  );
  const isGuide = (s: Shape) => s.type === 'text' && s.guide === true;
  // Outside every section: reading order, top to bottom then left to right.
  const outside = shapes
    .filter((s) => !sectionOf.has(s.id) && !sectionFrames.has(s.id) && !isGuide(s))
    .map((s) => ({ s, ...topLeft(s, byId) }))
    .sort((a, b) => (Math.abs(a.y - b.y) < 100 ? a.x - b.x : a.y - b.y))
    .map((p) => p.s);
  const otherItems = outside
    .filter((s) => shapeText(s).trim() !== '')
    .map((s) => ({ id: s.id, type: s.type, typeLabel: t(TYPE_KEYS[s.type]), text: shapeText(s) }));
  if (otherItems.length > 0) sections.push({ key: null, title: other, items: otherItems });

  // Counts per object.
  const plusOnes = new Map<string, number>();
  for (const r of data.reactions) plusOnes.set(r.shapeId, (plusOnes.get(r.shapeId) ?? 0) + 1);
  const votesNow = new Map<string, number>();
  const votesAll = new Map<string, number>();
  for (const d of data.dots) {
    votesAll.set(d.shapeId, (votesAll.get(d.shapeId) ?? 0) + 1);
    if (d.voteId === ctx.currentVoteId) votesNow.set(d.shapeId, (votesNow.get(d.shapeId) ?? 0) + 1);
  }
  const pinned = new Map<string, number>();
  for (const c of data.comments)
    if (c.parentId === null && 'shapeId' in c.pin)
      pinned.set(c.pin.shapeId, (pinned.get(c.pin.shapeId) ?? 0) + 1);

  // Every object: section order first, then the rest (structure frames and guides included).
  const ordered: Shape[] = [];
  const seen = new Set<string>();
  const push = (s: Shape | undefined) => {
    if (s && !seen.has(s.id)) {
      seen.add(s.id);
      ordered.push(s);
    }
  };
  for (const s of contentBySection(shapes)) for (const i of s.items) push(byId.get(i.id));
  for (const s of outside) push(s);
  for (const s of shapes) push(s);
  const objects: ReportObject[] = ordered.map((s) => {
    const a = data.attribution.get(s.id);
    const sec =
      sectionOf.get(s.id) ??
      (sectionFrames.has(s.id) && s.type === 'frame'
        ? { key: s.section ?? '', title: s.name }
        : null);
    return {
      id: s.id,
      type: s.type,
      typeLabel: t(TYPE_KEYS[s.type]),
      text: shapeText(s),
      sectionKey: sec?.key ?? null,
      section: sec?.title ?? other,
      author: a ? name(a.createdBy) : '',
      updatedBy: a ? name(a.updatedBy) : '',
      created: iso(a?.createdAt),
      updated: iso(a?.updatedAt),
      plusOnes: plusOnes.get(s.id) ?? 0,
      votes: votesNow.get(s.id) ?? 0,
      votesAll: votesAll.get(s.id) ?? 0,
      comments: pinned.get(s.id) ?? 0,
    };
  });

  return {
    id: board.id,
    name: board.name,
    groupId: board.groupId,
    groupName:
      board.groupId === null
        ? t('export.plenary')
        : (ctx.groupName.get(board.groupId) ?? t('export.unknownPerson')),
    phaseId: board.phaseId,
    phaseName:
      board.phaseId === null
        ? t('export.noPhase')
        : (ctx.phaseName.get(board.phaseId) ?? t('export.noPhase')),
    template: board.template,
    archived: board.archived,
    locked: board.locked,
    sections,
    objects,
    feedback: feedback(data.comments, byId, ctx),
    plusOnes: [...plusOnes.entries()]
      .map(([shapeId, count]) => ({
        shapeId,
        text: byId.has(shapeId) ? shapeText(byId.get(shapeId) as Shape) : '',
        count,
      }))
      .sort((a, b) => b.count - a.count),
  };
}

function topLeft(s: Shape, byId: Map<string, Shape>): { x: number; y: number } {
  if (s.type !== 'connector') return { x: s.x, y: s.y };
  const end = (term: typeof s.start) => {
    if (term.kind === 'point') return { x: term.x, y: term.y };
    const o = byId.get(term.shapeId);
    return o && o.type !== 'connector' ? { x: o.x, y: o.y } : { x: 0, y: 0 };
  };
  const a = end(s.start);
  const b = end(s.end);
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y) };
}

function feedback(
  comments: readonly Comment[],
  byId: Map<string, Shape>,
  ctx: Ctx,
): ReportFeedbackRound[] {
  const { t, name } = ctx;
  const created = (ms: number) => iso(ms) ?? '';
  const replies = new Map<string, Comment[]>();
  for (const c of comments)
    if (c.parentId !== null) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  const top = comments.filter((c) => c.parentId === null);
  const rounds = [...new Set(top.map((c) => c.round))].sort(
    (a, b) => (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER),
  );
  return rounds.map((round) => {
    const inRound = top.filter((c) => c.round === round);
    const groupIds = [...new Set(inRound.map((c) => c.groupId))];
    // Groups in the workshop's group order; the facilitator (no group) last.
    const order = [...ctx.groupName.keys()];
    groupIds.sort(
      (a, b) => (a === null ? 1e9 : order.indexOf(a)) - (b === null ? 1e9 : order.indexOf(b)),
    );
    return {
      round,
      label: round === null ? t('export.outsideRounds') : t('export.round', { n: round + 1 }),
      groups: groupIds.map((groupId) => ({
        groupId,
        label:
          groupId === null
            ? t('export.fromFacilitator')
            : t('export.fromGroup', {
                group: ctx.groupName.get(groupId) ?? t('export.unknownPerson'),
              }),
        comments: inRound
          .filter((c) => c.groupId === groupId)
          .map((c) => {
            const shapeId = 'shapeId' in c.pin ? c.pin.shapeId : null;
            const pinnedShape = shapeId ? byId.get(shapeId) : undefined;
            return {
              id: c.id,
              kind: c.kind,
              kindLabel: t(c.kind === 'suggestion' ? 'export.suggestion' : 'export.comment'),
              text: c.text,
              proposal: c.proposal,
              author: name(c.authorId, c.authorName),
              status: c.status,
              statusLabel: t(STATUS_KEYS[c.status]),
              created: created(c.createdAt),
              pinnedTo: shapeId
                ? { shapeId, text: pinnedShape ? shapeText(pinnedShape) : '' }
                : null,
              replies: (replies.get(c.id) ?? []).map((r) => ({
                id: r.id,
                author: name(r.authorId, r.authorName),
                text: r.text,
                created: created(r.createdAt),
              })),
            };
          }),
      })),
    };
  });
}

function reportVotes(
  data: WorkshopData,
  state: WorkshopState,
  ctx: Pick<Ctx, 't' | 'groupName' | 'currentVoteId'>,
): ReportVote[] {
  const { t } = ctx;
  // Every vote with stored dots, plus the current one; earlier ones by their first dot.
  const first = new Map<string, number>();
  for (const b of data.boards)
    for (const d of b.dots) first.set(d.voteId, Math.min(first.get(d.voteId) ?? d.at, d.at));
  const current = state.vote;
  const earlier = [...first.keys()]
    .filter((id) => id !== current?.id)
    .sort((a, b) => (first.get(a) ?? 0) - (first.get(b) ?? 0));
  const ids = [...earlier, ...(current ? [current.id] : [])];
  return ids.map((voteId, i) => {
    const isCurrent = voteId === current?.id;
    const boardIds = isCurrent ? new Set(current?.boardIds) : new Set<string>();
    const boards: ReportVoteBoard[] = [];
    for (const b of data.boards) {
      const dots = b.dots.filter((d) => d.voteId === voteId);
      if (dots.length === 0 && !boardIds.has(b.board.id)) continue;
      const byShape = new Map<string, number>();
      for (const d of dots) byShape.set(d.shapeId, (byShape.get(d.shapeId) ?? 0) + 1);
      const shapes = new Map(b.shapes.map((s) => [s.id, s]));
      const group =
        b.board.groupId === null ? t('export.plenary') : (ctx.groupName.get(b.board.groupId) ?? '');
      boards.push({
        boardId: b.board.id,
        boardName: b.board.name,
        groupName: group,
        title: !group || b.board.name.includes(group) ? b.board.name : `${b.board.name} (${group})`,
        total: dots.length,
        items: [...byShape.entries()]
          .map(([shapeId, n]) => {
            const s = shapes.get(shapeId);
            return { shapeId, text: s ? shapeText(s) : '', dots: n };
          })
          .sort((a, b) => b.dots - a.dots),
      });
    }
    return {
      id: voteId,
      current: isCurrent,
      label: isCurrent ? t('export.voteCurrent') : t('export.voteEarlier', { n: i + 1 }),
      state: isCurrent ? (current?.state ?? null) : null,
      dotsPerPerson: isCurrent ? (current?.dots ?? null) : null,
      started: isCurrent ? iso(current?.startedAt) : iso(first.get(voteId)),
      total: boards.reduce((n, b) => n + b.total, 0),
      boards,
    };
  });
}
