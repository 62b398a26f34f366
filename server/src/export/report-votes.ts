import { shapeText, type WorkshopState } from '@torg/shared';
import { iso, type ReportContext } from './report-context.js';
import type { ReportVote, ReportVoteBoard } from './report-model.js';
import type { WorkshopData } from './source.js';

/** Every vote of the workshop (oldest first, the current one last) with its dots per board. */
export function reportVotes(
  data: WorkshopData,
  state: WorkshopState,
  ctx: Pick<ReportContext, 't' | 'groupName' | 'currentVoteId'>,
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
