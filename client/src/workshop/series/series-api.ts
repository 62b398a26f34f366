import type {
  FollowUpItem,
  InputRound,
  InputStatus,
  Measure,
  MeasureStatus,
  SeriesBrief,
  SeriesLink,
  SeriesOverview,
  StakeholderInput,
} from '@torg/shared';
import { request } from '../api.js';

/** A round with its inputs, as the facilitator's moderation view gets it. */
export interface RoundWithInputs extends InputRound {
  inputs: StakeholderInput[];
}

export interface MeasureBasis {
  inputs: { key: string; text: string; stakeholder: string }[];
  suggestions: { key: string; text: string; board: string }[];
}

const w = (id: string) => `/api/workshops/${encodeURIComponent(id)}`;

/**
 * Between the gatherings (docs/workshops-api.md "Series, input rounds and follow-up"): the
 * series and its assignment, input rounds and their moderation, the follow-up of measures.
 */
export const seriesApi = {
  create: (id: string, token: string, name: string) =>
    request<SeriesLink>('POST', `${w(id)}/series`, { token, body: { name } }),
  rename: (id: string, token: string, name: string) =>
    request('PATCH', `${w(id)}/series`, { token, body: { name } }),
  leave: (id: string, token: string) => request('DELETE', `${w(id)}/series`, { token }),
  overview: (id: string, token: string) =>
    request<SeriesOverview>('GET', `${w(id)}/series`, { token }),
  next: (
    id: string,
    token: string,
    body: { title: string; date: string; boardIds: string[]; facilitatorName: string },
  ) =>
    request<{ workshopId: string; token: string; joinCode: string }>(
      'POST',
      `${w(id)}/series/next`,
      { token, body },
    ),
  enter: (id: string, token: string, otherId: string) =>
    request<{ workshopId: string; token: string }>(
      'POST',
      `${w(id)}/series/enter/${encodeURIComponent(otherId)}`,
      { token },
    ),
  setAssignment: (id: string, token: string, text: string) =>
    request('PUT', `${w(id)}/assignment`, { token, body: { text } }),
  brief: (id: string, token: string) => request<SeriesBrief>('GET', `${w(id)}/brief`, { token }),

  followUp: (id: string, token: string) =>
    request<{ items: FollowUpItem[]; counts: Record<MeasureStatus | 'late', number> }>(
      'GET',
      `${w(id)}/follow-up`,
      { token },
    ),
  updateMeasure: (
    id: string,
    token: string,
    boardId: string,
    shapeId: string,
    body: Partial<Pick<Measure, 'owner' | 'due' | 'status'>>,
  ) =>
    request<Measure>(
      'PATCH',
      `${w(id)}/follow-up/${encodeURIComponent(boardId)}/${encodeURIComponent(shapeId)}`,
      { token, body },
    ),
  measureBasis: (id: string, token: string) =>
    request<MeasureBasis>('GET', `${w(id)}/measure-basis`, { token }),

  rounds: (id: string, token: string) =>
    request<RoundWithInputs[]>('GET', `${w(id)}/rounds`, { token }),
  openRound: (
    id: string,
    token: string,
    body: { question: string; closesAt: number; stakeholders?: string[]; section?: string | null },
  ) => request<InputRound>('POST', `${w(id)}/rounds`, { token, body }),
  updateRound: (
    id: string,
    token: string,
    roundId: string,
    body: Partial<{
      question: string;
      stakeholders: string[];
      closesAt: number;
      closed: boolean;
      published: boolean;
    }>,
  ) =>
    request<InputRound>('PATCH', `${w(id)}/rounds/${encodeURIComponent(roundId)}`, { token, body }),
  moderate: (id: string, token: string, inputId: string, status: InputStatus) =>
    request('POST', `${w(id)}/inputs/${encodeURIComponent(inputId)}`, { token, body: { status } }),
  merge: (id: string, token: string, inputId: string, into: string) =>
    request('POST', `${w(id)}/inputs/${encodeURIComponent(inputId)}/merge`, {
      token,
      body: { into },
    }),
  place: (id: string, token: string, roundId: string, boardId: string, inputIds: string[]) =>
    request<{ shapeIds: string[] }>(
      'POST',
      `${w(id)}/rounds/${encodeURIComponent(roundId)}/place`,
      { token, body: { boardId, inputIds } },
    ),
  counts: (id: string, token: string) =>
    request<{ label: string; count: number }[]>('GET', `${w(id)}/inputs/counts`, { token }),
};

/** The public links of a round: where stakeholders answer, and what came of it. */
export function roundLinks(workshopId: string, roundId: string) {
  const base = `${window.location.origin}/innspill/${workshopId}/${roundId}`;
  return { answer: base, outcome: `${base}/svar` };
}
