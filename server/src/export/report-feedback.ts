import { type Comment, type Shape, shapeText } from '@torg/shared';
import { iso, type ReportContext, STATUS_KEYS } from './report-context.js';
import type { ReportFeedbackRound } from './report-model.js';

/** A board's top-level comments and suggestions by market round, then by the group that gave them. */
export function feedback(
  comments: readonly Comment[],
  byId: Map<string, Shape>,
  ctx: ReportContext,
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
