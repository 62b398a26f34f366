import type { ThemeReview, ThemeSet, ThemeSetView } from '@torg/shared';
import { request } from '../api.js';

const t = (id: string) => `/api/workshops/${encodeURIComponent(id)}/themes`;

/** Themes across boards (docs/workshops-api.md "Themes"). */
export const themesApi = {
  find: (id: string, token: string, phaseId: string, boardIds?: string[]) =>
    request<ThemeSetView>('POST', t(id), { token, body: { phaseId, boardIds } }),
  get: (id: string, token: string, phaseId: string) =>
    request<{ set: ThemeSetView | null }>('GET', `${t(id)}/${encodeURIComponent(phaseId)}`, {
      token,
    }),
  review: (id: string, token: string, phaseId: string, step: ThemeReview) =>
    request<ThemeSet>('POST', `${t(id)}/${encodeURIComponent(phaseId)}/review`, {
      token,
      body: step,
    }),
  place: (id: string, token: string, phaseId: string, boardId: string) =>
    request<{ shapeIds: string[] }>('POST', `${t(id)}/${encodeURIComponent(phaseId)}/place`, {
      token,
      body: { boardId },
    }),
};
