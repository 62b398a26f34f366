import { expect } from 'vitest';
import { E2E_ADMIN_TOKEN } from './server-process.js';

/** A gathering made the way a script makes one (administrator token). */
export async function createGathering(
  baseUrl: string,
  title: string,
  groups: string[] = ['Gruppe Nord', 'Gruppe Sør'],
) {
  const res = await fetch(`${baseUrl}/api/workshops`, {
    method: 'POST',
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, date: '2026-11-23', groups, facilitatorName: 'Kari' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { workshopId: string; token: string; joinCode: string };
}

/**
 * The facilitator starts a phase (as the console does, everyone moved to their group's new
 * board); its id and its boards' ids.
 */
export async function startPhase(
  baseUrl: string,
  gathering: { workshopId: string; token: string },
  name: string,
  template: string,
) {
  const res = await fetch(`${baseUrl}/api/workshops/${gathering.workshopId}/phases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gathering.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, template, moveEveryone: true }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { phaseId: string; boardIds: string[] };
}
