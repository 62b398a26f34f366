import {
  acceptBody,
  addCommentBody,
  agendaNextBody,
  agendaPlanBody,
  bringBody,
  createWorkshopBody,
  DEFAULT_LOCALE,
  gatheringLocaleBody,
  joinBody,
  joiningBody,
  lockAllBody,
  marketCommandBody,
  marketHostBody,
  marketSetupBody,
  messageBody,
  moveParticipantBody,
  newPhaseBody,
  normaliseJoinCode,
  placeDotBody,
  presentBody,
  presentSectionBody,
  renameBody,
  replyBody,
  retentionBody,
  rotateCodesBody,
  setStatusBody,
  showResultsBody,
  startVoteBody,
  templateOptionsSchema,
  timerBody,
  toggleReactionBody,
  translate,
  updateBoardBody,
} from '@torg/shared';
import { type Context, Hono } from 'hono';
import type { AccountService } from '../accounts/account-service.js';
import { ownerOf, requireCreator } from '../accounts/gate.js';
import { CommandError } from '../errors.js';
import type { WorkshopService } from '../workshops/service.js';
import { type AuthEnv, authenticate, body, requireRole, validate } from './middleware.js';

/** Workshop commands (see docs/workshops-api.md). Facilitator commands need that role. */
export function workshopRoutes(service: WorkshopService, accounts: AccountService): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const facilitator = [authenticate(service), requireRole('facilitator')] as const;
  const member = authenticate(service);
  const wid = (c: Context<AuthEnv>) => c.get('identity').workshopId;

  api.get('/time', (c) => c.json({ now: Date.now() }));

  // Only a signed-in facilitator (who then owns it) or the administrator token.
  api.post('/workshops', requireCreator(accounts), async (c) =>
    c.json(
      await service.members.create(await body(c, createWorkshopBody), ownerOf(c.get('creator'))),
      201,
    ),
  );

  api.get('/join/:code', async (c) =>
    c.json(await service.members.lookupCode(normaliseJoinCode(c.req.param('code')))),
  );

  api.post('/join', async (c) => {
    const b = await body(c, joinBody);
    return c.json(await service.members.join(normaliseJoinCode(b.code), b.name, b.groupId), 201);
  });

  api.get('/workshops/:workshopId/me', member, (c) => {
    const id = c.get('identity');
    return c.json({ workshopId: id.workshopId, participantId: id.participantId, role: id.role });
  });

  api.patch('/workshops/:workshopId/me', member, async (c) => {
    const { name } = await body(c, renameBody);
    await service.members.renameParticipant(wid(c), c.get('identity').participantId, name);
    return c.json({ ok: true });
  });

  api.get('/workshops/:workshopId/codes', ...facilitator, async (c) =>
    c.json(await service.members.codes(wid(c))),
  );

  // The screen in the room: its read-only link, and the join code it shows people arriving.
  api.post('/workshops/:workshopId/screen', ...facilitator, async (c) => {
    const meta = (await service.docs.state(wid(c))).meta;
    const name = translate(meta?.locale ?? DEFAULT_LOCALE, 'screen.name');
    return c.json(await service.members.addScreen(wid(c), name));
  });

  api.get('/workshops/:workshopId/screen/join', member, async (c) =>
    c.json(await service.members.screenJoin(c.get('identity'))),
  );

  // Joining open or closed, and new codes (see workshops/joining.ts).
  api.post('/workshops/:workshopId/joining', ...facilitator, async (c) =>
    c.json(await service.joining.setOpen(wid(c), (await body(c, joiningBody)).open)),
  );

  api.post('/workshops/:workshopId/codes/rotate', ...facilitator, async (c) =>
    c.json(await service.joining.rotate(wid(c), await body(c, rotateCodesBody))),
  );

  api.post('/workshops/:workshopId/facilitators', ...facilitator, async (c) => {
    const { name } = await body(c, renameBody);
    return c.json(await service.members.addFacilitator(wid(c), name), 201);
  });

  api.patch('/workshops/:workshopId/groups/:groupId', ...facilitator, async (c) => {
    await service.members.renameGroup(
      wid(c),
      c.req.param('groupId'),
      (await body(c, renameBody)).name,
    );
    return c.json({ ok: true });
  });

  api.post('/workshops/:workshopId/participants/:pid/group', ...facilitator, async (c) => {
    await service.members.moveParticipant(
      wid(c),
      c.req.param('pid'),
      (await body(c, moveParticipantBody)).groupId,
    );
    return c.json({ ok: true });
  });

  api.post('/workshops/:workshopId/phases', ...facilitator, async (c) => {
    const input = await body(c, newPhaseBody);
    // The template's options are checked on their own, against the templates' schema
    // (Hono keeps the parsed body, so it is read once).
    const raw = (await c.req.json()) as { options?: unknown };
    const options = validate(
      templateOptionsSchema,
      raw.options === undefined ? {} : raw.options,
      'options',
    );
    return c.json(await service.boards.newPhase(wid(c), { ...input, options }), 201);
  });

  api.patch('/workshops/:workshopId/boards/:boardId', ...facilitator, async (c) => {
    await service.boards.updateBoard(
      wid(c),
      c.req.param('boardId'),
      await body(c, updateBoardBody),
    );
    return c.json({ ok: true });
  });

  api.post('/workshops/:workshopId/lock', ...facilitator, async (c) => {
    await service.boards.lockAll(wid(c), (await body(c, lockAllBody)).locked);
    return c.json({ ok: true });
  });

  api.post('/workshops/:workshopId/message', ...facilitator, async (c) => {
    await service.boards.message(wid(c), (await body(c, messageBody)).text);
    return c.json({ ok: true });
  });

  api.post('/workshops/:workshopId/timer', ...facilitator, async (c) => {
    await service.timer.command(wid(c), await body(c, timerBody));
    return c.json({ ok: true });
  });

  api.put('/workshops/:workshopId/agenda', ...facilitator, async (c) =>
    c.json({ agenda: await service.agenda.plan(wid(c), await body(c, agendaPlanBody)) }),
  );

  api.post('/workshops/:workshopId/agenda/next', ...facilitator, async (c) => {
    const { currentId } = await body(c, agendaNextBody);
    return c.json({ agenda: await service.agenda.startNext(wid(c), currentId) });
  });

  api.post('/workshops/:workshopId/agenda/end', ...facilitator, async (c) =>
    c.json({ agenda: await service.agenda.end(wid(c)) }),
  );

  api.post('/workshops/:workshopId/market', ...facilitator, async (c) =>
    c.json({ market: await service.market.setup(wid(c), await body(c, marketSetupBody)) }),
  );

  api.post('/workshops/:workshopId/market/host', member, async (c) =>
    c.json({
      market: await service.market.setHost(c.get('identity'), await body(c, marketHostBody)),
    }),
  );

  api.post('/workshops/:workshopId/market/command', ...facilitator, async (c) =>
    c.json({ market: await service.market.command(wid(c), await body(c, marketCommandBody)) }),
  );

  // Presentation mode: the facilitator presents a board; its presenters step the sections.
  api.post('/workshops/:workshopId/presentation', ...facilitator, async (c) =>
    c.json({
      presentation: await service.presentation.present(
        wid(c),
        (await body(c, presentBody)).boardId,
      ),
    }),
  );

  api.post('/workshops/:workshopId/presentation/section', member, async (c) => {
    const { seq, frameId } = await body(c, presentSectionBody);
    return c.json({
      presentation: await service.presentation.show(c.get('identity'), seq, frameId),
    });
  });

  api.post('/workshops/:workshopId/presentation/next', ...facilitator, async (c) =>
    c.json({ presentation: await service.presentation.nextTurn(wid(c)) }),
  );

  api.delete('/workshops/:workshopId/presentation', ...facilitator, async (c) => {
    await service.presentation.stop(wid(c));
    return c.body(null, 204);
  });

  api.post('/workshops/:workshopId/bring', ...facilitator, async (c) => {
    const b = await body(c, bringBody);
    await service.boards.bring(wid(c), b.boardId, b.viewport);
    return c.json({ ok: true });
  });

  // Comments and suggestions (any member; the rules are in the comment service).
  const comments = '/workshops/:workshopId/boards/:boardId/comments';
  const board = (c: Context<AuthEnv>) => c.req.param('boardId') ?? '';
  const comment = (c: Context<AuthEnv>) => c.req.param('commentId') ?? '';

  api.post(comments, member, async (c) => {
    const b = await body(c, addCommentBody);
    return c.json(
      { comment: await service.comments.addComment(c.get('identity'), board(c), b) },
      201,
    );
  });

  api.post(`${comments}/:commentId/replies`, member, async (c) => {
    const { text } = await body(c, replyBody);
    return c.json(
      { comment: await service.comments.reply(c.get('identity'), board(c), comment(c), text) },
      201,
    );
  });

  api.post(`${comments}/:commentId/status`, member, async (c) => {
    const { status } = await body(c, setStatusBody);
    return c.json({
      comment: await service.comments.setStatus(c.get('identity'), board(c), comment(c), status),
    });
  });

  api.post(`${comments}/:commentId/accept`, member, async (c) => {
    // No fields; a body is optional.
    if (c.req.header('content-type')?.includes('json')) await body(c, acceptBody);
    return c.json(await service.comments.accept(c.get('identity'), board(c), comment(c)));
  });

  // Who made each object (any member: names and groups are in the workshop document anyway);
  // `?since=<asOf of the last answer>` for only what is new.
  api.get('/workshops/:workshopId/boards/:boardId/authors', member, async (c) =>
    c.json(
      await service.authors.authors(c.get('identity'), board(c), sinceParam(c.req.query('since'))),
    ),
  );

  api.post('/workshops/:workshopId/boards/:boardId/reactions', member, async (c) => {
    const { shapeId } = await body(c, toggleReactionBody);
    return c.json(await service.comments.toggleReaction(c.get('identity'), board(c), shapeId));
  });

  // Dot voting (see the vote service: budget, roles, results visibility).
  api.post('/workshops/:workshopId/vote', ...facilitator, async (c) =>
    c.json({ vote: await service.votes.start(wid(c), await body(c, startVoteBody)) }),
  );

  api.post('/workshops/:workshopId/vote/close', ...facilitator, async (c) =>
    c.json({ vote: await service.votes.close(wid(c)) }),
  );

  api.post('/workshops/:workshopId/vote/results-visible', ...facilitator, async (c) =>
    c.json({
      vote: await service.votes.showResults(wid(c), (await body(c, showResultsBody)).show),
    }),
  );

  api.get('/workshops/:workshopId/vote/results', member, async (c) =>
    c.json(await service.votes.results(c.get('identity'))),
  );

  api.get('/workshops/:workshopId/vote/ballot', member, async (c) =>
    c.json(await service.votes.ballot(c.get('identity'))),
  );

  api.get('/workshops/:workshopId/vote/mine', member, async (c) =>
    c.json(await service.votes.mine(c.get('identity'))),
  );

  api.post('/workshops/:workshopId/boards/:boardId/dots', member, async (c) => {
    const { shapeId } = await body(c, placeDotBody);
    return c.json(await service.votes.placeDot(c.get('identity'), board(c), shapeId), 201);
  });

  api.delete('/workshops/:workshopId/boards/:boardId/dots/:dotId', member, async (c) =>
    c.json(await service.votes.removeDot(c.get('identity'), board(c), c.req.param('dotId') ?? '')),
  );

  api.post('/workshops/:workshopId/end', ...facilitator, async (c) => {
    await service.lifecycle.end(wid(c));
    return c.json({ ok: true });
  });

  api.patch('/workshops/:workshopId/locale', ...facilitator, async (c) => {
    const { locale } = await body(c, gatheringLocaleBody);
    return c.json(await service.lifecycle.setGatheringLocale(wid(c), locale));
  });

  api.patch('/workshops/:workshopId/retention', ...facilitator, async (c) =>
    c.json(await service.lifecycle.setRetention(wid(c), (await body(c, retentionBody)).days)),
  );

  api.delete('/workshops/:workshopId', ...facilitator, async (c) => {
    await service.lifecycle.delete(wid(c));
    return c.body(null, 204);
  });

  return api;
}

/** `?since=` as a time in ms, null when absent; anything else is a 400 (changes nothing). */
function sinceParam(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const since = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(since))
    throw new CommandError(400, 'invalid_since', 'since must be a time in ms');
  return since;
}
