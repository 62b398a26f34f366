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
