import type { Market, marketCommandBody, marketHostBody, marketSetupBody } from '@torg/shared';
import { enc, type Input, request } from '../api.js';

/** The market square's commands (facilitators set up and steer; a group picks its host). */
export const marketApi = {
  setup: (id: string, token: string, body: Input<typeof marketSetupBody>) =>
    request<{ market: Market }>('POST', `/api/workshops/${enc(id)}/market`, { token, body }),
  host: (id: string, token: string, body: Input<typeof marketHostBody>) =>
    request<{ market: Market }>('POST', `/api/workshops/${enc(id)}/market/host`, { token, body }),
  command: (id: string, token: string, body: Input<typeof marketCommandBody>) =>
    request<{ market: Market }>('POST', `/api/workshops/${enc(id)}/market/command`, {
      token,
      body,
    }),
};
