import {
  contributeBody,
  countedInputs,
  inputBasis,
  isValidId,
  type RoundOutcome,
  readInputs,
  readRounds,
  stakeholderOf,
} from '@torg/shared';
import { Hono } from 'hono';
import { CommandError } from '../errors.js';
import { budgetKey, clientAddress } from '../security/client-address.js';
import type { WorkshopService } from '../workshops/service.js';
import { body } from './middleware.js';

const noRound = () => new CommandError(404, 'not_found', 'no such round');

/**
 * The contributors' side of an input round: anyone with the link, no account (the edge
 * guard's `contribute` budget per address; the round's own limits in `InputRounds`).
 * `GET` the question, `POST` an answer, and, once the facilitator publishes it, `GET …/outcome`:
 * "Dette gjorde vi med innspillene".
 */
export function inputRoutes(service: WorkshopService, trustProxy: number): Hono {
  const api = new Hono();
  const ids = (workshopId: string, roundId: string) => {
    if (!isValidId(workshopId) || !isValidId(roundId)) throw noRound();
    return { workshopId, roundId };
  };

  api.get('/input/:workshopId/:roundId', async (c) => {
    const { workshopId, roundId } = ids(c.req.param('workshopId'), c.req.param('roundId'));
    await known(service, workshopId);
    c.header('Cache-Control', 'no-store');
    return c.json(await service.inputs.publicRound(workshopId, roundId));
  });

  api.post('/input/:workshopId/:roundId', async (c) => {
    const { workshopId, roundId } = ids(c.req.param('workshopId'), c.req.param('roundId'));
    await known(service, workshopId);
    const answer = await body(c, contributeBody);
    // One budget per address, an IPv6 /64 counting as one (as the edge guard counts them).
    const address = budgetKey(clientAddress(c, trustProxy));
    return c.json(await service.inputs.contribute(workshopId, roundId, answer, address), 201);
  });

  api.get('/input/:workshopId/:roundId/outcome', async (c) => {
    const { workshopId, roundId } = ids(c.req.param('workshopId'), c.req.param('roundId'));
    await known(service, workshopId);
    const state = await service.state(workshopId);
    const found = await service.inputs.read(workshopId, (doc) => {
      const round = readRounds(doc).find((r) => r.id === roundId);
      return round?.published
        ? { round, rounds: readRounds(doc), inputs: readInputs(doc, roundId) }
        : null;
    });
    if (!found || !state.meta) throw noRound();
    const items = await service.followUp.items(await service.series.gatheringsOf(workshopId));
    const shown = found.inputs.filter((i) => i.status === 'approved' && !i.mergedInto);
    const outcome: RoundOutcome = {
      question: found.round.question,
      gathering: state.meta.title,
      locale: state.meta.locale ?? 'nb',
      counts: found.round.stakeholders.map((s) => ({
        label: s.label,
        count: countedInputs(found.inputs).filter((i) => i.stakeholderId === s.id).length,
      })),
      inputs: shown.map((input) => {
        // A merged duplicate's measures count for the input it was merged into.
        const keys = [input, ...found.inputs.filter((d) => d.mergedInto === input.id)].map((i) =>
          inputBasis(i.id),
        );
        const measures = items.filter((item) => keys.some((k) => item.measure.basedOn.includes(k)));
        return {
          text: input.text,
          stakeholder: stakeholderOf(found.rounds, input)?.label ?? '',
          name: input.name,
          measures: measures.map((m) => ({
            text: m.text,
            status: m.measure.status,
            due: m.measure.due,
          })),
        };
      }),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(outcome);
  });

  return api;
}

/** 404 for a gathering that does not exist (before any document is opened for it). */
async function known(service: WorkshopService, workshopId: string): Promise<void> {
  if (!(await service.members.exists(workshopId))) throw noRound();
}
