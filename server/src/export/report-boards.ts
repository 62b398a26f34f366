import { contentBySection, isFurniture, readingOrder, type Shape, shapeText } from '@torg/shared';
import { iso, type ReportContext, TYPE_KEYS } from './report-context.js';
import { feedback } from './report-feedback.js';
import type { ReportBoard, ReportObject, ReportSection } from './report-model.js';
import type { BoardData } from './source.js';

/**
 * One board of the report: its content by template section, every object with its counts
 * (one CSV row each), the feedback it got, and its "+1"s.
 */
export function reportBoard(data: BoardData, ctx: ReportContext): ReportBoard {
  const { board, shapes } = data;
  const { t, name } = ctx;
  const byId = new Map(shapes.map((s) => [s.id, s]));
  const other = t('export.otherSection');
  // A template's example (a suggested trend) that no person has changed: on the board and in
  // the CSV (marked), but not in the lists of what the group wrote.
  const prefilled = (id: string) =>
    byId.get(id)?.prefilled === true && !data.attribution.get(id)?.updatedBy;

  // Sections, and where each object sits.
  const sectionOf = new Map<string, { key: string; title: string }>();
  const sections: ReportSection[] = [];
  for (const s of contentBySection(shapes)) {
    for (const item of s.items) sectionOf.set(item.id, { key: s.key, title: s.title });
    sections.push({
      key: s.key,
      title: s.title,
      items: s.items
        .filter((i) => i.text.trim() !== '' && !prefilled(i.id))
        .map((i) => ({ ...i, typeLabel: t(TYPE_KEYS[i.type]) })),
    });
  }
  const sectionFrames = new Set(
    shapes.filter((s) => s.type === 'frame' && s.section).map((s) => s.id),
  );
  // A template's scaffolding (titles, column headings, guides; older boards: guide texts) is
  // structure, not content: it stays out of the lists (the board's picture still shows it).
  const isStructure = (s: Shape) => isFurniture(s) || (s.type === 'text' && s.guide === true);
  // Outside every section: reading order, top to bottom then left to right.
  const outside = shapes
    .filter((s) => !sectionOf.has(s.id) && !sectionFrames.has(s.id) && !isStructure(s))
    .map((s) => ({ s, ...topLeft(s, byId) }))
    .sort(readingOrder)
    .map((p) => p.s);
  const otherItems = outside
    .filter((s) => shapeText(s).trim() !== '' && !prefilled(s.id))
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

  // Every object: section order first, then the rest (a template's furniture left out; frames
  // people drew and guides of boards made before furniture was marked stay in).
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
  for (const s of shapes) if (!isFurniture(s)) push(s);
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
      prefilled: prefilled(s.id),
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
