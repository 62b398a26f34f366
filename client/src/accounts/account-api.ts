import { ApiError, request } from '../workshop/api.js';

/**
 * The facilitator account routes (sign-in status, invites, own gatherings). The session is an
 * HttpOnly cookie the browser sends by itself: nothing here stores or reads it.
 */

export interface Facilitator {
  id: string;
  name: string;
  org: string | null;
}

export interface AuthStatus {
  signedIn: boolean;
  facilitator: Facilitator | null;
  /** Sign-in through the organisation's identity provider is configured. */
  oidc: boolean;
  /** Open scratch boards (`/b/<id>` without a gathering) are allowed on this server. */
  openBoards: boolean;
}

export interface OwnWorkshop {
  workshopId: string;
  title: string;
  date: string;
  createdAt: number;
  ended: boolean;
  /** The series it belongs to, if any. */
  series: { id: string; name: string } | null;
}

export interface InviteInfo {
  name: string;
  /** When the invite stops working (epoch milliseconds or an ISO date). */
  expiresAt: number | string;
}

const enc = encodeURIComponent;

export const accountApi = {
  status: () => request<AuthStatus>('GET', '/api/auth/status'),
  logout: () => request<void>('POST', '/api/auth/logout'),
  workshops: () => request<OwnWorkshop[]>('GET', '/api/account/workshops'),
  enter: (workshopId: string) =>
    request<{ workshopId: string; participantId: string; token: string; role: 'facilitator' }>(
      'POST',
      `/api/account/workshops/${enc(workshopId)}/enter`,
    ),
  addToSeries: (seriesId: string, workshopId: string) =>
    request('POST', `/api/account/series/${enc(seriesId)}/gatherings`, { body: { workshopId } }),
  invite: (token: string) => request<InviteInfo>('GET', `/api/invites/${enc(token)}`),
  acceptInvite: (token: string) =>
    request<{ facilitator: Facilitator }>('POST', `/api/invites/${enc(token)}/accept`),
};

/**
 * Where "Logg inn" goes: the server's redirect to the identity provider, which brings the
 * person back to `returnTo` (a path on this site) once signed in.
 */
export function signInHref(returnTo = '/'): string {
  return `/auth/login?return=${enc(returnTo)}`;
}

/** `?signin=denied|failed` on the start page: what the sign-in callback reported. */
export type SignInOutcome = 'denied' | 'failed';

export function signInOutcome(search: string): SignInOutcome | null {
  const v = new URLSearchParams(search).get('signin');
  return v === 'denied' || v === 'failed' ? v : null;
}

/** The server's answer when a facilitator-only action comes without a (live) session. */
export function isSignInRequired(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}
