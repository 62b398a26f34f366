import {
  assignmentBody,
  createSeriesBody,
  followUpCounts,
  inputBasis,
  mergeInputBody,
  moderateInputBody,
  nextGatheringBody,
  openRoundBody,
  placeInputsBody,
  readInputs,
  readRounds,
  renameSeriesBody,
  stakeholderOf,
  suggestionBasis,
  updateMeasureBody,
  updateRoundBody,
} from '@torg/shared';
import { type Context, Hono } from 'hono';
import type { WorkshopService } from '../workshops/service.js';
import { type AuthEnv, authenticate, body, requireRole } from './middleware.js';

/**
 * Between the gatherings (see docs/workshops-api.md "Series, input rounds and follow-up"):
 * the series and its assignment, input rounds and their moderation, and the follow-up of
 * measures. Facilitators of a gathering act for its whole series; members read what their
 * gathering opens with.
 */
export function seriesRoutes(service: WorkshopService): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const facilitator = [authenticate(service), requireRole('facilitator')] as const;
  const member = authenticate(service);
  const wid = (c: Context<AuthEnv>) => c.get('identity').workshopId;
  const ok = { ok: true } as const;

  // The series.
  api.post('/workshops/:workshopId/series', ...facilitator, async (c) =>
    c.json(await service.series.create(wid(c), (await body(c, createSeriesBody)).name), 201),
  );
  api.patch('/workshops/:workshopId/series', ...facilitator, async (c) => {
    await service.series.rename(wid(c), (await body(c, renameSeriesBody)).name);
    return c.json(ok);
  });
  api.delete('/workshops/:workshopId/series', ...facilitator, async (c) => {
    await service.series.leave(wid(c));
    return c.json(ok);
  });
  api.get('/workshops/:workshopId/series', ...facilitator, async (c) =>
    c.json(await service.series.overview(wid(c))),
  );
  api.post('/workshops/:workshopId/series/next', ...facilitator, async (c) =>
    c.json(await service.series.next(c.get('identity'), await body(c, nextGatheringBody)), 201),
  );
  api.post('/workshops/:workshopId/series/enter/:otherId', ...facilitator, async (c) =>
    c.json(await service.series.enter(c.get('identity'), c.req.param('otherId'))),
  );
  api.put('/workshops/:workshopId/assignment', ...facilitator, async (c) => {
    await service.series.setAssignment(wid(c), (await body(c, assignmentBody)).text);
    return c.json(ok);
  });

  // What the gathering opens with: the assignment from the one before, the measures' status.
  api.get('/workshops/:workshopId/brief', member, async (c) => {
    const brief = await service.series.brief(wid(c));
    const earlier = await service.series.earlierGatherings(wid(c));
    return c.json({ ...brief, followUp: await service.followUp.items(earlier) });
  });

  // Follow-up: every measure of the series; the facilitator updates one from the list.
  api.get('/workshops/:workshopId/follow-up', ...facilitator, async (c) => {
    const ids = await service.series.gatheringsOf(wid(c));
    const items = await service.followUp.items(ids, { cached: false });
    return c.json({ items, counts: followUpCounts(items) });
  });
  api.patch('/workshops/:workshopId/follow-up/:boardId/:shapeId', ...facilitator, async (c) => {
    const patch = await body(c, updateMeasureBody);
    const measure = await service.followUp.update(
      await service.series.gatheringsOf(wid(c)),
      c.req.param('boardId'),
      c.req.param('shapeId'),
      patch,
    );
    return c.json(measure);
  });

  // What a measure may build on: approved inputs of the series, accepted suggestions here.
  api.get('/workshops/:workshopId/measure-basis', member, async (c) => {
    const ids = await service.series.gatheringsOf(wid(c));
    const inputs = [];
    for (const id of ids)
      inputs.push(
        ...(await service.inputs.read(id, (doc) => {
          const rounds = readRounds(doc);
          return readInputs(doc)
            .filter((i) => i.status === 'approved')
            .map((i) => ({
              key: inputBasis(i.id),
              text: i.text,
              stakeholder: stakeholderOf(rounds, i)?.label ?? '',
            }));
        })),
      );
    const suggestions = (await service.followUp.suggestions([wid(c)])).map((s) => ({
      key: suggestionBasis(s.id),
      text: s.text,
      board: s.boardName,
    }));
    return c.json({ inputs, suggestions });
  });

  // Input rounds: the facilitator's side (contributors use routes/input.ts).
  api.get('/workshops/:workshopId/rounds', ...facilitator, async (c) =>
    c.json(await service.inputs.list(wid(c))),
  );
  api.post('/workshops/:workshopId/rounds', ...facilitator, async (c) =>
    c.json(await service.inputs.open(wid(c), await body(c, openRoundBody)), 201),
  );
  api.patch('/workshops/:workshopId/rounds/:roundId', ...facilitator, async (c) =>
    c.json(
      await service.inputs.update(wid(c), c.req.param('roundId'), await body(c, updateRoundBody)),
    ),
  );
  api.post('/workshops/:workshopId/inputs/:inputId', ...facilitator, async (c) =>
    c.json(
      await service.inputs.moderate(
        wid(c),
        c.req.param('inputId'),
        (await body(c, moderateInputBody)).status,
      ),
    ),
  );
  api.post('/workshops/:workshopId/inputs/:inputId/merge', ...facilitator, async (c) =>
    c.json(
      await service.inputs.merge(
        wid(c),
        c.req.param('inputId'),
        (await body(c, mergeInputBody)).into,
      ),
    ),
  );
  api.post('/workshops/:workshopId/rounds/:roundId/place', ...facilitator, async (c) => {
    const { boardId, inputIds } = await body(c, placeInputsBody);
    return c.json(await service.inputs.place(wid(c), c.req.param('roundId'), boardId, inputIds));
  });

  // How many approved inputs came from each stakeholder (the stakeholder map shows them).
  api.get('/workshops/:workshopId/inputs/counts', member, async (c) =>
    c.json(await service.inputs.counts(await service.series.gatheringsOf(wid(c)))),
  );

  return api;
}
