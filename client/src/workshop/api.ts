import {
  type addCommentBody,
  type bringBody,
  type Comment,
  type createWorkshopBody,
  type Dot,
  isValidId,
  type joinBody,
  type Market,
  type MessageKey,
  type marketCommandBody,
  type marketHostBody,
  type marketSetupBody,
  type newPhaseBody,
  type RetentionDays,
  ROLES,
  type Role,
  type Shape,
  type StartVote,
  type timerBody,
  type updateBoardBody,
  type Vote,
} from '@torg/shared';

/** A request body's type, from its zod schema in @torg/shared (zod is not a client dependency). */
type Input<T extends { _zod: { input: unknown } }> = T['_zod']['input'];

/**
 * The workshops API (docs/workshops-api.md) as typed functions, and the tokens the browser
 * keeps for it (`localStorage["torg.token.<workshopId>"]`).
 */

const TOKEN_PREFIX = 'torg.token.';

export function getToken(workshopId: string): string | null {
  try {
    return localStorage.getItem(TOKEN_PREFIX + workshopId);
  } catch {
    return null;
  }
}

export function setToken(workshopId: string, token: string): void {
  localStorage.setItem(TOKEN_PREFIX + workshopId, token);
}

export function clearToken(workshopId: string): void {
  localStorage.removeItem(TOKEN_PREFIX + workshopId);
}

/**
 * A facilitator link carries the token in the fragment (`/w/<id>#t=<token>`, never sent to
 * a server). Stores it and removes it from the address bar. Returns whether one was found.
 */
export function captureFragmentToken(workshopId: string): boolean {
  const m = /(?:^#|&)t=([^&]+)/.exec(window.location.hash);
  if (!m?.[1]) return false;
  setToken(workshopId, decodeURIComponent(m[1]));
  window.history.replaceState(
    window.history.state,
    '',
    window.location.pathname + window.location.search,
  );
  return true;
}

export interface TokenClaims {
  workshopId: string;
  participantId: string;
  role: Role;
}

function base64UrlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/**
 * Reads (does not verify: only the server can) who a token says we are, so the page knows
 * its role even offline. The server checks the signature on every request.
 */
export function decodeToken(token: string): TokenClaims | null {
  try {
    const [payload] = token.split('.');
    if (!payload) return null;
    const p = JSON.parse(base64UrlDecode(payload)) as { w?: unknown; p?: unknown; r?: unknown };
    if (typeof p.w !== 'string' || typeof p.p !== 'string' || !isValidId(p.w)) return null;
    if (!ROLES.includes(p.r as Role)) return null;
    return { workshopId: p.w, participantId: p.p, role: p.r as Role };
  } catch {
    return null;
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The message to show for a failed request. */
export function errorKey(err: unknown): MessageKey {
  if (!(err instanceof ApiError)) return 'error.network';
  if (err.code === 'joining_closed') return 'error.joiningClosed';
  if (err.code === 'workshop_full') return 'error.workshopFull';
  switch (err.status) {
    case 0:
      return 'error.network';
    case 400:
      return 'error.badRequest';
    case 401:
      return 'error.unauthorized';
    case 403:
      return 'error.forbidden';
    case 404:
      return 'error.notFound';
    case 409:
      return 'error.ended';
    // The server's per-address budget (joins, uploads, exports…); it says when to try again.
    case 429:
      return 'error.tooMany';
    default:
      return 'error.unknown';
  }
}

export async function request<T>(
  method: string,
  path: string,
  { body, token }: { body?: unknown; token?: string | null } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    let code = 'error';
    let message = res.statusText;
    try {
      const j = (await res.json()) as { error?: unknown; message?: unknown };
      if (typeof j.error === 'string') code = j.error;
      if (typeof j.message === 'string') message = j.message;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, code, message);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Joined {
  workshopId: string;
  participantId: string;
  token: string;
}

export interface JoinInfo {
  workshopId: string;
  title: string;
  date: string;
  role: 'participant' | 'observer';
  groups: { id: string; name: string }[];
}

const enc = encodeURIComponent;
const commentsPath = (id: string, boardId: string) =>
  `/api/workshops/${enc(id)}/boards/${enc(boardId)}/comments`;

export const api = {
  time: () => request<{ now: number }>('GET', '/api/time'),
  createWorkshop: (body: Input<typeof createWorkshopBody>) =>
    request<Joined & { joinCode: string; observerCode: string }>('POST', '/api/workshops', {
      body,
    }),
  joinInfo: (code: string) => request<JoinInfo>('GET', `/api/join/${enc(code)}`),
  join: (body: Input<typeof joinBody>) =>
    request<Joined & { role: Role }>('POST', '/api/join', { body }),
  me: (id: string, token: string) =>
    request<{ workshopId: string; participantId: string; role: Role }>(
      'GET',
      `/api/workshops/${enc(id)}/me`,
      { token },
    ),
  rename: (id: string, token: string, name: string) =>
    request<unknown>('PATCH', `/api/workshops/${enc(id)}/me`, { token, body: { name } }),
  codes: (id: string, token: string) =>
    request<{ joinCode: string; observerCode: string; joinOpen: boolean }>(
      'GET',
      `/api/workshops/${enc(id)}/codes`,
      { token },
    ),
  setJoining: (id: string, token: string, open: boolean) =>
    request<{ joinOpen: boolean }>('POST', `/api/workshops/${enc(id)}/joining`, {
      token,
      body: { open },
    }),
  rotateCodes: (id: string, token: string, body: { signOut: boolean }) =>
    request<{ joinCode: string; observerCode: string }>(
      'POST',
      `/api/workshops/${enc(id)}/codes/rotate`,
      { token, body },
    ),
  addFacilitator: (id: string, token: string, name: string) =>
    request<{ participantId: string; token: string }>(
      'POST',
      `/api/workshops/${enc(id)}/facilitators`,
      { token, body: { name } },
    ),
  renameGroup: (id: string, token: string, groupId: string, name: string) =>
    request<unknown>('PATCH', `/api/workshops/${enc(id)}/groups/${enc(groupId)}`, {
      token,
      body: { name },
    }),
  moveParticipant: (id: string, token: string, pid: string, groupId: string | null) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/participants/${enc(pid)}/group`, {
      token,
      body: { groupId },
    }),
  newPhase: (id: string, token: string, body: Input<typeof newPhaseBody>) =>
    request<{ phaseId: string; boardIds: string[] }>('POST', `/api/workshops/${enc(id)}/phases`, {
      token,
      body,
    }),
  updateBoard: (id: string, token: string, boardId: string, body: Input<typeof updateBoardBody>) =>
    request<unknown>('PATCH', `/api/workshops/${enc(id)}/boards/${enc(boardId)}`, {
      token,
      body,
    }),
  lockAll: (id: string, token: string, locked: boolean) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/lock`, { token, body: { locked } }),
  message: (id: string, token: string, text: string) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/message`, { token, body: { text } }),
  timer: (id: string, token: string, body: Input<typeof timerBody>) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/timer`, { token, body }),
  bring: (id: string, token: string, body: Input<typeof bringBody>) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/bring`, { token, body }),
  marketSetup: (id: string, token: string, body: Input<typeof marketSetupBody>) =>
    request<{ market: Market }>('POST', `/api/workshops/${enc(id)}/market`, { token, body }),
  marketHost: (id: string, token: string, body: Input<typeof marketHostBody>) =>
    request<{ market: Market }>('POST', `/api/workshops/${enc(id)}/market/host`, { token, body }),
  marketCommand: (id: string, token: string, body: Input<typeof marketCommandBody>) =>
    request<{ market: Market }>('POST', `/api/workshops/${enc(id)}/market/command`, {
      token,
      body,
    }),
  addComment: (id: string, token: string, boardId: string, body: Input<typeof addCommentBody>) =>
    request<{ comment: Comment }>('POST', commentsPath(id, boardId), { token, body }),
  reply: (id: string, token: string, boardId: string, commentId: string, text: string) =>
    request<{ comment: Comment }>(
      'POST',
      `${commentsPath(id, boardId)}/${enc(commentId)}/replies`,
      {
        token,
        body: { text },
      },
    ),
  setCommentStatus: (
    id: string,
    token: string,
    boardId: string,
    commentId: string,
    status: 'open' | 'resolved',
  ) =>
    request<{ comment: Comment }>('POST', `${commentsPath(id, boardId)}/${enc(commentId)}/status`, {
      token,
      body: { status },
    }),
  acceptSuggestion: (id: string, token: string, boardId: string, commentId: string) =>
    request<{ comment: Comment; shapeId: string }>(
      'POST',
      `${commentsPath(id, boardId)}/${enc(commentId)}/accept`,
      { token },
    ),
  startVote: (id: string, token: string, body: StartVote) =>
    request<{ vote: Vote }>('POST', `/api/workshops/${enc(id)}/vote`, { token, body }),
  closeVote: (id: string, token: string) =>
    request<{ vote: Vote }>('POST', `/api/workshops/${enc(id)}/vote/close`, { token }),
  showVoteResults: (id: string, token: string, show: boolean) =>
    request<{ vote: Vote }>('POST', `/api/workshops/${enc(id)}/vote/results-visible`, {
      token,
      body: { show },
    }),
  voteResults: (id: string, token: string) =>
    request<VoteResults>('GET', `/api/workshops/${enc(id)}/vote/results`, { token }),
  myDots: (id: string, token: string) =>
    request<MyDots>('GET', `/api/workshops/${enc(id)}/vote/mine`, { token }),
  placeDot: (id: string, token: string, boardId: string, shapeId: string) =>
    request<{ dotId: string; left: number }>(
      'POST',
      `/api/workshops/${enc(id)}/boards/${enc(boardId)}/dots`,
      { token, body: { shapeId } },
    ),
  removeDot: (id: string, token: string, boardId: string, dotId: string) =>
    request<{ left: number }>(
      'DELETE',
      `/api/workshops/${enc(id)}/boards/${enc(boardId)}/dots/${enc(dotId)}`,
      { token },
    ),
  end: (id: string, token: string) =>
    request<unknown>('POST', `/api/workshops/${enc(id)}/end`, { token }),
  setRetention: (id: string, token: string, days: RetentionDays | null) =>
    request<unknown>('PATCH', `/api/workshops/${enc(id)}/retention`, { token, body: { days } }),
  remove: (id: string, token: string) =>
    request<unknown>('DELETE', `/api/workshops/${enc(id)}`, { token }),
  saveTemplate: (id: string, token: string, boardId: string, name: string) =>
    request<{ templateId: string }>('POST', `/api/workshops/${enc(id)}/templates`, {
      token,
      body: { boardId, name },
    }),
  templates: (token: string) => request<SavedTemplateInfo[]>('GET', '/api/templates', { token }),
  template: (token: string, templateId: string) =>
    request<{ id: string; name: string; shapes: Shape[] }>(
      'GET',
      `/api/templates/${enc(templateId)}`,
      { token },
    ),
  renameTemplate: (token: string, templateId: string, name: string) =>
    request<unknown>('PATCH', `/api/templates/${enc(templateId)}`, { token, body: { name } }),
  deleteTemplate: (token: string, templateId: string) =>
    request<unknown>('DELETE', `/api/templates/${enc(templateId)}`, { token }),
  toggleReaction: (id: string, token: string, boardId: string, shapeId: string) =>
    request<{ reacted: boolean; count: number }>(
      'POST',
      `/api/workshops/${enc(id)}/boards/${enc(boardId)}/reactions`,
      { token, body: { shapeId } },
    ),
};

/** `GET …/vote/results`: per board the objects with dots, most dots first. */
/** A participant's own dots in the current vote (every board of it) and how many are left. */
export interface MyDots {
  voteId: string;
  left: number;
  dots: Dot[];
}

export interface VoteResults {
  voteId: string;
  boards: { boardId: string; items: { shapeId: string; text: string; dots: number }[] }[];
  total: number;
}

export interface SavedTemplateInfo {
  id: string;
  name: string;
  createdAt: number;
  objects: number;
}

/** Removes what this browser kept of a workshop: its token and local copies of its documents. */
export function forgetWorkshop(workshopId: string, boardIds: readonly string[]): void {
  clearToken(workshopId);
  try {
    for (const name of [`w.${workshopId}`, ...boardIds.map((b) => `b.${b}`)])
      indexedDB.deleteDatabase(name);
  } catch {
    // IndexedDB unavailable (private mode): nothing was stored
  }
}

/** Absolute links people share (the page's own origin: the server that served it). */
export const links = {
  participant: (code: string) => `${window.location.origin}/j/${code}`,
  facilitator: (workshopId: string, token: string) =>
    `${window.location.origin}/w/${workshopId}#t=${token}`,
};
