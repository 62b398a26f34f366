import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { SQLITE_FILE } from '../src/storage/sqlite-storage.js';
import { inviteSession, workshopBody } from './accounts-support.js';
import { apiCaller, createWorkshop, startTestServer } from './helpers.js';

/**
 * The public side of input rounds and the series as an attacker meets them: answers from the
 * open internet without an account, and a crafted backup that names someone else's series.
 * Every refusal is checked for what it left behind: nothing.
 */

let server: RunningServer & { dataDir: string };
const api = apiCaller(() => server.url);
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  // Behind one proxy: the test picks each request's address with X-Forwarded-For.
  server = await startTestServer({ trustProxy: 1 });
});
afterAll(async () => {
  await server.close();
});

/** Stored rows of a document (its append log), straight from the SQLite file. */
function docRows(docId: string): number {
  const db = new Database(path.join(server.dataDir, SQLITE_FILE), { readonly: true });
  try {
    return (
      db
        .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_id = ?')
        .get(docId)?.n ?? -1
    );
  } finally {
    db.close();
  }
}

async function round() {
  const w = await createWorkshop(api, { title: 'Angrep', groups: ['A', 'B'] });
  const r = await api('POST', `/workshops/${w.workshopId}/rounds`, w.facilitator, {
    question: 'Hva mener du?',
    closesAt: Date.now() + DAY,
  });
  const stakeholder = (r.body.stakeholders as { id: string }[])[0]?.id as string;
  const stored = async () =>
    (
      (await api('GET', `/workshops/${w.workshopId}/rounds`, w.facilitator)).body as unknown as {
        inputs: unknown[];
      }[]
    )[0]?.inputs.length ?? -1;
  return { w, url: `/input/${w.workshopId}/${r.body.id as string}`, stakeholder, stored };
}

describe('answers from the open internet', () => {
  it('refuses too many, too long and unknown answers with nothing stored', async () => {
    const { url, stakeholder, stored } = await round();
    const six = Array.from({ length: 6 }, (_, i) => `Innspill ${i}`);
    expect((await api('POST', url, null, { stakeholderId: stakeholder, inputs: six })).status).toBe(
      400,
    );
    const long = 'x'.repeat(1001);
    expect(
      (await api('POST', url, null, { stakeholderId: stakeholder, inputs: [long] })).status,
    ).toBe(400);
    expect((await api('POST', url, null, { stakeholderId: stakeholder, inputs: [] })).status).toBe(
      400,
    );
    expect(
      (await api('POST', url, null, { stakeholderId: stakeholder, inputs: ['   '] })).status,
    ).toBe(400);
    expect(await stored()).toBe(0);
  });

  it('answers a made-up gathering or round with 404 before any document is opened for it', async () => {
    const made = 'madeupworkshop1';
    for (const path of [`/input/${made}/madeupround01`, `/input/${made}/madeupround01/outcome`])
      expect((await api('GET', path, null)).status).toBe(404);
    expect(
      (
        await api('POST', `/input/${made}/madeupround01`, null, {
          stakeholderId: 'abcd',
          inputs: ['x'],
        })
      ).status,
    ).toBe(404);
    await server.registry.flush();
    expect(docRows(`i.${made}`)).toBe(0);
  });

  it('counts an IPv6 /64 as one address: rotating addresses in it gets no more answers in', async () => {
    const { url, stakeholder, stored } = await round();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await api(
        'POST',
        url,
        null,
        { stakeholderId: stakeholder, inputs: [`Svar fra adresse ${i}`] },
        { 'x-forwarded-for': `2001:db8:1:2::${(i + 1).toString(16)}` },
      );
      statuses.push(r.status);
    }
    // Five at once per address and round, then one a minute: the rest refused, not stored.
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(await stored()).toBe(5);
    // Another network is another address.
    const other = await api(
      'POST',
      url,
      null,
      { stakeholderId: stakeholder, inputs: ['Fra et annet nett'] },
      { 'x-forwarded-for': '2001:db8:9:9::1' },
    );
    expect(other.status).toBe(201);
  });
});

describe('a crafted backup', () => {
  it('naming another account’s series does not put the gathering in it, nor make its importer a facilitator there', async () => {
    const victim = await inviteSession(api, 'Vera');
    const attacker = await inviteSession(api, 'Atle');
    const own = await api('POST', '/workshops', null, workshopBody('Veras samling'), {
      cookie: victim.cookie,
    });
    const veras = { id: own.body.workshopId as string, token: own.body.token as string };
    const series = await api('POST', `/workshops/${veras.id}/series`, veras.token, {
      name: 'Veras rekke',
    });
    const seriesId = series.body.id as string;

    // Atle's own gathering, in a series of his own, backed up, its series id changed to Vera's.
    const his = await api('POST', '/workshops', null, workshopBody('Atles samling'), {
      cookie: attacker.cookie,
    });
    const atles = { id: his.body.workshopId as string, token: his.body.token as string };
    const mine = await api('POST', `/workshops/${atles.id}/series`, atles.token, {
      name: 'Atles rekke',
    });
    const backup = await (
      await fetch(`${server.url}/api/workshops/${atles.id}/backup`, {
        headers: { authorization: `Bearer ${atles.token}` },
      })
    ).text();
    expect((await api('DELETE', `/workshops/${atles.id}`, atles.token)).status).toBe(204);
    const { readWorkshop, workshopDocId } = await import('@torg/shared');
    const Y = await import('yjs');
    const parsed = JSON.parse(backup) as { docs: { id: string; update: string }[] };
    const wDoc = parsed.docs.find((d) => d.id === workshopDocId(atles.id));
    if (!wDoc) throw new Error('no workshop document');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(wDoc.update, 'base64'));
    expect(readWorkshop(doc).series?.id).toBe(mine.body.id);
    doc.getMap('control').set('series', { id: seriesId, name: 'Veras rekke', previousId: null });
    wDoc.update = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');

    const imported = await fetch(`${server.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: attacker.cookie },
      body: JSON.stringify(parsed),
    });
    expect(imported.status).toBe(201);
    const token = ((await imported.json()) as { token: string }).token;

    // Not in Vera's series: no overview, no way into her gathering; hers lists only hers.
    expect((await api('GET', `/workshops/${atles.id}/series`, token)).body.error).toBe('no_series');
    const enter = await api('POST', `/workshops/${atles.id}/series/enter/${veras.id}`, token);
    expect(enter.status).toBe(404);
    const overview = await api('GET', `/workshops/${veras.id}/series`, veras.token);
    expect((overview.body.gatherings as { title: string }[]).map((g) => g.title)).toEqual([
      'Veras samling',
    ]);
    // And its own document no longer claims the series.
    expect((await api('GET', `/workshops/${atles.id}/brief`, token)).body.series).toBeNull();
  });
});
