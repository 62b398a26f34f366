import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docSnapshot, type Snapshot } from '../src/storage/snapshot.js';
import type { Storage, TemplateRecord, WorkshopRecord } from '../src/storage/storage.js';

/**
 * The behaviour every `Storage` implementation must have, as vitest tests. `place` makes a
 * new, empty place to store in (a temp folder, a fresh database) and returns a function that
 * opens a storage on it; calling that again after closing is "reopening" (a restart).
 */
export type NewPlace = () => Promise<() => Promise<Storage>>;

/** The access fields of a workshop row as a new workshop has them. */
const ACCESS_DEFAULTS = { ownerId: null, tokenGen: 1, joinGen: 0, joinOpen: true } as const;

/** One change to map `m` of `doc`, as the update it produced. */
export function edit(doc: Y.Doc, key: string, value: string): Uint8Array {
  let captured: Uint8Array | null = null;
  const on = (u: Uint8Array) => {
    captured = u;
  };
  doc.on('update', on);
  doc.getMap('m').set(key, value);
  doc.off('update', on);
  if (!captured) throw new Error('no update');
  return captured;
}

/** A document's snapshot as one update (as compaction stores a small document). */
export function wholeSnapshot(doc: Y.Doc): Snapshot {
  return docSnapshot(doc, [Y.encodeStateAsUpdate(doc)]);
}

/** The content of map `m` after applying every update, in order. */
export function rebuild(updates: Uint8Array[]): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getMap('m').toJSON();
}

export function storageContract(name: string, place: NewPlace): void {
  describe(`Storage contract: ${name}`, () => {
    const opened: Storage[] = [];
    /** A new place and a storage on it, plus a way to reopen the same place. */
    async function fresh(): Promise<{ store: Storage; reopen: () => Promise<Storage> }> {
      const open = await place();
      const reopen = async () => {
        const s = await open();
        opened.push(s);
        return s;
      };
      return { store: await reopen(), reopen };
    }
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it('loads the updates of a document in append order; unknown documents are empty', async () => {
      const { store } = await fresh();
      const doc = new Y.Doc();
      const updates = ['a', 'b', 'c', 'd'].map((k) => edit(doc, k, k.toUpperCase()));
      await store.append([{ docId: 'b.one', update: updates[0] as Uint8Array }]);
      await store.append([
        { docId: 'b.one', update: updates[1] as Uint8Array },
        { docId: 'b.one', update: updates[2] as Uint8Array },
      ]);
      await store.append([{ docId: 'b.one', update: updates[3] as Uint8Array }]);
      await store.append([]);
      const loaded = await store.load('b.one');
      expect(loaded.map((u) => Array.from(u))).toEqual(updates.map((u) => Array.from(u)));
      expect(await store.load('b.unknown')).toEqual([]);
    });

    it('appends updates of several documents in one call', async () => {
      const { store } = await fresh();
      const d1 = new Y.Doc();
      const d2 = new Y.Doc();
      const d3 = new Y.Doc();
      await store.append([
        { docId: 'b.d1', update: edit(d1, 'k', '1a') },
        { docId: 'b.d2', update: edit(d2, 'k', '2a') },
        { docId: 'b.d1', update: edit(d1, 'j', '1b') },
        { docId: 'b.d3', update: edit(d3, 'k', '3a') },
      ]);
      expect(rebuild(await store.load('b.d1'))).toEqual({ k: '1a', j: '1b' });
      expect(rebuild(await store.load('b.d2'))).toEqual({ k: '2a' });
      expect(rebuild(await store.load('b.d3'))).toEqual({ k: '3a' });
      expect(await store.load('b.d1')).toHaveLength(2);
    });

    it('compact replaces the log with one update of the same content', async () => {
      const { store } = await fresh();
      const doc = new Y.Doc();
      for (let i = 0; i < 20; i++)
        await store.append([{ docId: 'b.c', update: edit(doc, `k${i}`, `v${i}`) }]);
      doc.getMap('m').delete('k3');
      await store.append([{ docId: 'b.other', update: edit(new Y.Doc(), 'x', 'y') }]);
      await store.compact('b.c', wholeSnapshot(doc));
      const log = await store.load('b.c');
      expect(log).toHaveLength(1);
      expect(rebuild(log)).toEqual(doc.getMap('m').toJSON());
      expect(rebuild(log)).not.toHaveProperty('k3');
      // Later appends go after the snapshot; other documents are untouched.
      await store.append([{ docId: 'b.c', update: edit(doc, 'after', 'yes') }]);
      expect(rebuild(await store.load('b.c'))).toEqual(doc.getMap('m').toJSON());
      expect(rebuild(await store.load('b.other'))).toEqual({ x: 'y' });
      // Compacting a document that has no log stores the snapshot.
      const fromBackup = new Y.Doc();
      edit(fromBackup, 'restored', 'yes');
      await store.compact('b.new', wholeSnapshot(fromBackup));
      expect(rebuild(await store.load('b.new'))).toEqual({ restored: 'yes' });
    });

    it('compact keeps updates the snapshot does not contain (appended by another server)', async () => {
      const { store } = await fresh();
      const mine = new Y.Doc();
      const a = edit(mine, 'a', 'from this server');
      await store.append([{ docId: 'b.shared', update: a }]);
      // Another server holding the same board appends B; this server never saw it.
      const theirs = new Y.Doc();
      Y.applyUpdate(theirs, a);
      const b = edit(theirs, 'b', 'from the other server');
      await store.append([{ docId: 'b.shared', update: b }]);
      await store.compact('b.shared', wholeSnapshot(mine));
      expect(rebuild(await store.load('b.shared'))).toEqual({
        a: 'from this server',
        b: 'from the other server',
      });
      // And the snapshot's own content that was not in the log (e.g. a delete) is kept too.
      mine.getMap('m').delete('a');
      await store.compact('b.shared', wholeSnapshot(mine));
      expect(rebuild(await store.load('b.shared'))).toEqual({ b: 'from the other server' });
    });

    it('compact stores a snapshot in parts as they are, in order, before what it lacks', async () => {
      const { store } = await fresh();
      const mine = new Y.Doc();
      // A big document's snapshot is its slices: updates that apply one after the other.
      const parts = [edit(mine, 'a', '1'), edit(mine, 'b', '2'), edit(mine, 'c', '3')];
      await store.append(parts.map((update) => ({ docId: 'b.parts', update })));
      await store.compact('b.parts', docSnapshot(mine, parts));
      expect(await store.load('b.parts')).toEqual(parts);

      // A row the snapshot lacks (another server's) stays, after the parts.
      const theirs = new Y.Doc();
      for (const p of parts) Y.applyUpdate(theirs, p);
      await store.append([{ docId: 'b.parts', update: edit(theirs, 'd', 'theirs') }]);
      mine.getMap('m').delete('a');
      const again = [Y.encodeStateAsUpdate(mine)];
      await store.compact('b.parts', docSnapshot(mine, again));
      const log = await store.load('b.parts');
      expect(log).toHaveLength(2);
      expect(log[0]).toEqual(again[0]);
      expect(rebuild(log)).toEqual({ b: '2', c: '3', d: 'theirs' });
    });

    it('delete removes one document and nothing else', async () => {
      const { store } = await fresh();
      await store.append([
        { docId: 'b.gone', update: edit(new Y.Doc(), 'k', 'v') },
        { docId: 'b.stay', update: edit(new Y.Doc(), 'k', 'w') },
      ]);
      await store.delete('b.gone');
      await store.delete('b.never-existed');
      expect(await store.load('b.gone')).toEqual([]);
      expect(rebuild(await store.load('b.stay'))).toEqual({ k: 'w' });
    });

    it('stores assets byte for byte, refuses a duplicate id, deletes them per board', async () => {
      const { store } = await fresh();
      const bytes = new Uint8Array(256 * 3);
      for (let i = 0; i < bytes.length; i++) bytes[i] = i % 256;
      const before = Date.now();
      await store.putAsset({
        id: 'img1',
        boardId: 'board1',
        mime: 'image/png',
        width: 640,
        height: 480,
        data: bytes,
      });
      await store.putAsset({
        id: 'img2',
        boardId: 'board1',
        mime: 'image/jpeg',
        width: 1,
        height: 2,
        data: new Uint8Array([1]),
      });
      await store.putAsset({
        id: 'img3',
        boardId: 'board2',
        mime: 'image/webp',
        width: 3,
        height: 4,
        data: new Uint8Array([2, 3]),
      });

      const got = await store.getAsset('img1');
      expect(got).not.toBeNull();
      expect(got?.id).toBe('img1');
      expect(got?.boardId).toBe('board1');
      expect(got?.mime).toBe('image/png');
      expect(got?.width).toBe(640);
      expect(got?.height).toBe(480);
      expect(typeof got?.createdAt).toBe('number');
      expect(got?.createdAt).toBeGreaterThanOrEqual(before - 1000);
      expect(got?.createdAt).toBeLessThanOrEqual(Date.now() + 1000);
      expect(got?.data).toBeInstanceOf(Uint8Array);
      expect(Array.from(got?.data ?? [])).toEqual(Array.from(bytes));
      // A buffer of its own: the view covers its whole ArrayBuffer.
      expect(got?.data.byteOffset).toBe(0);
      expect(got?.data.buffer.byteLength).toBe(bytes.length);
      expect(await store.getAsset('nope')).toBeNull();

      await expect(
        store.putAsset({
          id: 'img1',
          boardId: 'board9',
          mime: 'image/png',
          width: 1,
          height: 1,
          data: new Uint8Array([9]),
        }),
      ).rejects.toThrow();
      expect((await store.getAsset('img1'))?.boardId).toBe('board1');

      await store.deleteBoardAssets('board1');
      expect(await store.getAsset('img1')).toBeNull();
      expect(await store.getAsset('img2')).toBeNull();
      expect((await store.getAsset('img3'))?.mime).toBe('image/webp');
    });

    it('indexes workshops: codes, boards, deletion', async () => {
      const { store } = await fresh();
      const w: WorkshopRecord = {
        id: 'w1',
        joinCode: 'JOIN-111',
        observerCode: 'OBS-111',
        createdAt: 1_700_000_000_123,
        ...ACCESS_DEFAULTS,
      };
      const w2: WorkshopRecord = {
        id: 'w2',
        joinCode: 'JOIN-222',
        observerCode: 'OBS-222',
        createdAt: 1_700_000_000_456,
        ownerId: 'facilitator-1',
        tokenGen: 123_456_789,
        joinGen: 3,
        joinOpen: false,
      };
      await store.putWorkshop(w);
      await store.putWorkshop(w2);
      expect(await store.getWorkshop('w1')).toEqual(w);
      expect(await store.getWorkshop('nope')).toBeNull();
      expect(await store.findByCode('JOIN-111')).toEqual(w);
      expect(await store.findByCode('OBS-111')).toEqual(w);
      expect(await store.findByCode('OBS-222')).toEqual(w2);
      expect(await store.findByCode('NOPE')).toBeNull();

      // Codes are unique across workshops, for both kinds.
      await expect(
        store.putWorkshop({
          id: 'w3',
          joinCode: 'JOIN-111',
          observerCode: 'OBS-333',
          createdAt: 1,
          ...ACCESS_DEFAULTS,
        }),
      ).rejects.toThrow();
      await expect(
        store.putWorkshop({
          id: 'w4',
          joinCode: 'JOIN-444',
          observerCode: 'OBS-222',
          createdAt: 1,
          ...ACCESS_DEFAULTS,
        }),
      ).rejects.toThrow();
      await expect(
        store.putWorkshop({ ...w, joinCode: 'JOIN-999', observerCode: 'OBS-999' }),
      ).rejects.toThrow();
      expect(await store.getWorkshop('w3')).toBeNull();
      expect(await store.getWorkshop('w4')).toBeNull();

      await store.addBoards('w1', ['b1', 'b2']);
      await store.addBoards('w1', ['b2', 'b3', 'b3']);
      await store.addBoards('w1', []);
      // A board belongs to the workshop that added it first.
      await store.addBoards('w2', ['b9', 'b1']);
      expect((await store.workshopBoards('w1')).sort()).toEqual(['b1', 'b2', 'b3']);
      expect(await store.workshopBoards('w2')).toEqual(['b9']);
      expect(await store.boardWorkshop('b3')).toBe('w1');
      expect(await store.boardWorkshop('b1')).toBe('w1');
      expect(await store.boardWorkshop('open-board')).toBeNull();
      expect(await store.workshopBoards('nope')).toEqual([]);

      await store.deleteWorkshop('w1');
      expect(await store.getWorkshop('w1')).toBeNull();
      expect(await store.findByCode('JOIN-111')).toBeNull();
      expect(await store.workshopBoards('w1')).toEqual([]);
      expect(await store.boardWorkshop('b2')).toBeNull();
      expect(await store.getWorkshop('w2')).toEqual(w2);
      expect(await store.boardWorkshop('b9')).toBe('w2');
      // The codes are free again.
      await store.putWorkshop({
        id: 'w5',
        joinCode: 'JOIN-111',
        observerCode: 'OBS-111',
        createdAt: 5,
        ...ACCESS_DEFAULTS,
      });
      expect((await store.findByCode('OBS-111'))?.id).toBe('w5');
    });

    it('keeps when workshops are deleted automatically, and finds those past their time', async () => {
      const { store, reopen } = await fresh();
      const record = (id: string): WorkshopRecord => ({
        id,
        joinCode: `JOIN-${id}`,
        observerCode: `OBS-${id}`,
        createdAt: 1_700_000_000_000,
        ...ACCESS_DEFAULTS,
      });
      for (const id of ['early', 'late', 'never', 'cleared']) await store.putWorkshop(record(id));
      const t = 1_800_000_000_000;
      expect(await store.setWorkshopRetention('early', { days: 30, deleteAfter: t })).toBe(true);
      expect(await store.setWorkshopRetention('late', { days: 365, deleteAfter: t + 1000 })).toBe(
        true,
      );
      expect(await store.setWorkshopRetention('cleared', { days: 90, deleteAfter: t - 5 })).toBe(
        true,
      );
      expect(await store.setWorkshopRetention('cleared', null)).toBe(true);
      expect(await store.setWorkshopRetention('nope', { days: 30, deleteAfter: t })).toBe(false);

      expect(await store.expiredWorkshops(t - 1)).toEqual([]);
      expect(await store.expiredWorkshops(t)).toEqual(['early']);
      expect(await store.expiredWorkshops(t + 5000)).toEqual(['early', 'late']);
      // The record itself is unchanged by the setting.
      expect(await store.getWorkshop('early')).toEqual(record('early'));

      const again = await reopen();
      expect(await again.expiredWorkshops(t + 5000)).toEqual(['early', 'late']);
      await again.deleteWorkshop('early');
      expect(await again.expiredWorkshops(t + 5000)).toEqual(['late']);
    });

    it('indexes the gatherings of a series in the order they were made', async () => {
      const { store, reopen } = await fresh();
      const record = (id: string, createdAt: number): WorkshopRecord => ({
        id,
        joinCode: `JOIN-${id}`,
        observerCode: `OBS-${id}`,
        createdAt,
        ...ACCESS_DEFAULTS,
      });
      await store.putWorkshop(record('second', 2_000));
      await store.putWorkshop(record('first', 1_000));
      await store.putWorkshop(record('other', 1_500));
      expect(await store.seriesWorkshops('series1')).toEqual([]);
      expect(await store.setWorkshopSeries('second', 'series1')).toBe(true);
      expect(await store.setWorkshopSeries('first', 'series1')).toBe(true);
      expect(await store.setWorkshopSeries('other', 'series2')).toBe(true);
      expect(await store.setWorkshopSeries('nope', 'series1')).toBe(false);
      expect(await store.seriesWorkshops('series1')).toEqual(['first', 'second']);
      // The record itself is unchanged by it.
      expect(await store.getWorkshop('first')).toEqual(record('first', 1_000));

      const again = await reopen();
      expect(await again.seriesWorkshops('series1')).toEqual(['first', 'second']);
      expect(await again.setWorkshopSeries('first', null)).toBe(true);
      await again.deleteWorkshop('second');
      expect(await again.seriesWorkshops('series1')).toEqual([]);
      expect(await again.seriesWorkshops('series2')).toEqual(['other']);
    });

    it('keeps templates: oldest first, rename and delete tell whether there was one', async () => {
      const { store } = await fresh();
      const t = (id: string, createdAt: number): TemplateRecord => ({
        id,
        ownerId: 'owner-a',
        name: `Mal ${id} – æøå`,
        shapes: JSON.stringify([{ id: `s-${id}`, text: 'ü' }]),
        plan: null,
        createdAt,
      });
      await store.putTemplate(t('t-b', 2_000));
      await store.putTemplate(t('t-c', 1_000));
      await store.putTemplate(t('t-a', 2_000));
      await store.putTemplate(t('T-z', 2_000));
      expect((await store.listTemplates(['owner-a'])).map((x) => x.id)).toEqual([
        't-c',
        'T-z',
        't-a',
        't-b',
      ]);
      // Another owner's templates are not listed.
      await store.putTemplate({ ...t('t-other', 500), ownerId: 'owner-b' });
      expect((await store.listTemplates(['owner-b'])).map((x) => x.id)).toEqual(['t-other']);
      expect((await store.listTemplates([])).map((x) => x.id)).toEqual([]);
      expect(
        (await store.listTemplates(['owner-a', 'owner-b'])).map((x) => x.id).slice(0, 2),
      ).toEqual(['t-other', 't-c']);
      expect(await store.getTemplate('t-a')).toEqual(t('t-a', 2_000));
      // A gathering template keeps its plan of the day.
      const plan = JSON.stringify({
        dayStart: '09:00',
        steps: [{ kind: 'break', title: 'Pause' }],
      });
      await store.putTemplate({ ...t('t-plan', 500), shapes: '[]', plan });
      expect((await store.getTemplate('t-plan'))?.plan).toBe(plan);
      expect(await store.deleteTemplate('t-plan')).toBe(true);
      expect(await store.getTemplate('nope')).toBeNull();
      await expect(store.putTemplate(t('t-a', 3_000))).rejects.toThrow();

      expect(await store.renameTemplate('t-a', 'Nytt navn')).toBe(true);
      expect((await store.getTemplate('t-a'))?.name).toBe('Nytt navn');
      expect(await store.renameTemplate('nope', 'x')).toBe(false);

      expect(await store.deleteTemplate('t-b')).toBe(true);
      expect(await store.deleteTemplate('t-b')).toBe(false);
      expect((await store.listTemplates(['owner-a'])).map((x) => x.id)).toEqual([
        't-c',
        'T-z',
        't-a',
      ]);
    });

    it('access: workshop access fields, owners, tombstones', async () => {
      const { store, reopen } = await fresh();
      const base = { createdAt: 10, ...ACCESS_DEFAULTS };
      await store.putWorkshop({
        ...base,
        id: 'wa',
        joinCode: 'JA',
        observerCode: 'OA',
        ownerId: 'f1',
      });
      await store.putWorkshop({
        ...base,
        id: 'wb',
        joinCode: 'JB',
        observerCode: 'OB',
        ownerId: 'f1',
        createdAt: 20,
      });
      await store.putWorkshop({ ...base, id: 'wc', joinCode: 'JC', observerCode: 'OC' });
      expect((await store.access.workshopsOwnedBy('f1')).map((w) => w.id)).toEqual(['wb', 'wa']);
      expect(await store.access.workshopsOwnedBy('f2')).toEqual([]);

      expect(
        await store.access.updateWorkshopAccess('wa', {
          joinCode: 'JA2',
          joinGen: 5,
          joinOpen: false,
          tokenGen: 2_000_000_000,
        }),
      ).toBe(true);
      const wa = await store.getWorkshop('wa');
      expect(wa).toMatchObject({
        joinCode: 'JA2',
        observerCode: 'OA',
        joinGen: 5,
        joinOpen: false,
      });
      expect(wa?.tokenGen).toBe(2_000_000_000);
      expect(await store.findByCode('JA')).toBeNull();
      expect((await store.findByCode('JA2'))?.id).toBe('wa');
      expect(await store.access.updateWorkshopAccess('nope', { joinOpen: false })).toBe(false);
      expect(await store.access.updateWorkshopAccess('wa', {})).toBe(true);
      // A code that another workshop has is refused, and nothing changes.
      await expect(store.access.updateWorkshopAccess('wb', { joinCode: 'JC' })).rejects.toThrow();
      expect((await store.getWorkshop('wb'))?.joinCode).toBe('JB');

      await store.access.addTombstones(['wz', 'b1', 'b2'], 99);
      await store.access.addTombstones(['b1'], 100);
      expect((await store.access.tombstoned(['b1', 'b3', 'wz'])).sort()).toEqual(['b1', 'wz']);
      expect(await store.access.tombstoned([])).toEqual([]);
      await store.access.removeTombstones(['b1']);
      const again = await reopen();
      expect((await again.access.tombstoned(['b1', 'b2', 'wz'])).sort()).toEqual(['b2', 'wz']);
      expect((await again.getWorkshop('wa'))?.joinOpen).toBe(false);
    });

    it('access: facilitator accounts and one-time invites', async () => {
      const { store } = await fresh();
      const a = {
        id: 'f1',
        subject: 'oidc:https://idp|u1',
        name: 'Kari',
        org: 'kommune',
        createdAt: 5,
        sessionGen: 0,
      };
      expect(await store.access.countFacilitators()).toBe(0);
      await store.access.putFacilitator(a);
      expect(await store.access.getFacilitator('f1')).toEqual(a);
      expect(await store.access.findFacilitatorBySubject(a.subject)).toEqual(a);
      expect(await store.access.findFacilitatorBySubject('oidc:other|u1')).toBeNull();
      await expect(store.access.putFacilitator({ ...a, id: 'f2' })).rejects.toThrow();
      await store.access.updateFacilitator('f1', { name: 'Kari N.', org: null });
      expect(await store.access.getFacilitator('f1')).toMatchObject({ name: 'Kari N.', org: null });
      expect(await store.access.countFacilitators()).toBe(1);
      await store.access.endSessions('f1');
      await store.access.endSessions('f1');
      expect((await store.access.getFacilitator('f1'))?.sessionGen).toBe(2);
      expect((await store.access.findFacilitatorBySubject(a.subject))?.sessionGen).toBe(2);

      const invite = {
        id: 'i1',
        tokenHash: 'h1',
        name: 'Ola',
        createdAt: 1,
        expiresAt: 1000,
        usedAt: null,
      };
      await store.access.putInvite(invite);
      await store.access.putInvite({ ...invite, id: 'i2', tokenHash: 'h2', expiresAt: 50 });
      expect(await store.access.claimInvite('h2', 50)).toBeNull(); // expired
      expect(await store.access.claimInvite('nope', 10)).toBeNull();
      // Two claims at once: exactly one gets it.
      const both = await Promise.all([
        store.access.claimInvite('h1', 10),
        store.access.claimInvite('h1', 11),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
      expect(both.find(Boolean)).toMatchObject({ id: 'i1', name: 'Ola' });
      expect(await store.access.claimInvite('h1', 12)).toBeNull();
      // Found used or not (the caller decides), by hash only.
      expect((await store.access.findInvite('h1'))?.usedAt).toBeGreaterThanOrEqual(10);
      expect(await store.access.findInvite('h2')).toMatchObject({ id: 'i2', usedAt: null });
      expect(await store.access.findInvite('nope')).toBeNull();
    });

    it('sharedSetting: the first value stored wins', async () => {
      const { store, reopen } = await fresh();
      expect(await store.sharedSetting('token-secret', 'first')).toBe('first');
      expect(await store.sharedSetting('token-secret', 'second')).toBe('first');
      expect(await store.sharedSetting('other', 'x')).toBe('x');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.sharedSetting('raced', `v${i}`)),
      );
      expect(new Set(results).size).toBe(1);
      await store.close();
      const again = await reopen();
      expect(await again.sharedSetting('token-secret', 'third')).toBe('first');
      expect(await again.sharedSetting('raced', 'late')).toBe(results[0]);
    });

    it('keeps export jobs: file bytes, cancel requests, deletion per job, workshop and expiry', async () => {
      const { store, reopen } = await fresh();
      const job = (id: string, workshopId: string, expiresAt: number) => ({
        id,
        workshopId,
        info: JSON.stringify({ id, state: 'running' }),
        expiresAt,
      });
      await store.putExportJob(job('j1', 'w1', 1000));
      await expect(store.putExportJob(job('j1', 'w1', 1000))).rejects.toThrow();
      expect(await store.getExportJob('w1', 'j1')).toEqual({
        ...job('j1', 'w1', 1000),
        cancelRequested: false,
        fileSize: null,
      });
      // Another workshop sees nothing of it; unknown jobs are null.
      expect(await store.getExportJob('w2', 'j1')).toBeNull();
      expect(await store.getExportJob('w1', 'nope')).toBeNull();
      expect(await store.getExportFile('w1', 'j1')).toBeNull();

      // Progress, then the file (every byte value, and more than a page of them).
      const running = { ...job('j1', 'w1', 2000), unlessCancelRequested: true };
      expect(await store.updateExportJob({ ...running, info: '{"done":1}' })).toBe(true);
      expect((await store.getExportJob('w1', 'j1'))?.info).toBe('{"done":1}');
      const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
      expect(
        await store.updateExportJob({ ...running, info: '{"state":"done"}', file: bytes }),
      ).toBe(true);
      expect(await store.getExportJob('w1', 'j1')).toMatchObject({
        info: '{"state":"done"}',
        expiresAt: 2000,
        fileSize: bytes.length,
      });
      const file = await store.getExportFile('w1', 'j1');
      expect(file && Buffer.from(file).equals(Buffer.from(bytes))).toBe(true);
      // An update without `file` leaves it; one of another workshop or job changes nothing.
      expect(await store.updateExportJob({ ...running, info: '{"x":1}' })).toBe(true);
      expect((await store.getExportFile('w1', 'j1'))?.length).toBe(bytes.length);
      expect(await store.updateExportJob({ ...running, workshopId: 'w2' })).toBe(false);
      expect(await store.updateExportJob({ ...running, id: 'nope' })).toBe(false);
      expect(await store.getExportFile('w2', 'j1')).toBeNull();

      // A cancel request stops conditional writes, not unconditional ones.
      await store.putExportJob(job('j2', 'w1', 1000));
      expect(await store.requestExportCancel('w2', 'j2')).toBe(false);
      expect(await store.requestExportCancel('w1', 'j2')).toBe(true);
      expect((await store.getExportJob('w1', 'j2'))?.cancelRequested).toBe(true);
      const j2 = { ...job('j2', 'w1', 3000), file: new Uint8Array([1]) };
      expect(await store.updateExportJob({ ...j2, unlessCancelRequested: true })).toBe(false);
      expect(await store.getExportJob('w1', 'j2')).toMatchObject({
        expiresAt: 1000,
        fileSize: null,
      });
      expect(
        await store.updateExportJob({
          ...j2,
          info: '{"state":"cancelled"}',
          file: null,
          unlessCancelRequested: false,
        }),
      ).toBe(true);
      expect((await store.getExportJob('w1', 'j2'))?.info).toBe('{"state":"cancelled"}');
      expect(await store.requestExportCancel('w1', 'nope')).toBe(false);

      // Kept across a restart.
      await store.close();
      const again = await reopen();
      expect((await again.getExportFile('w1', 'j1'))?.length).toBe(bytes.length);

      // Deletion: one job (of its workshop only), every job of a workshop, expired ones.
      expect(await again.deleteExportJob('w2', 'j1')).toBe(false);
      expect(await again.deleteExportJob('w1', 'j2')).toBe(true);
      expect(await again.deleteExportJob('w1', 'j2')).toBe(false);
      await again.putExportJob(job('j3', 'w2', 5000));
      await again.putExportJob(job('j4', 'w2', 9000));
      await again.putExportJob(job('j5', 'w3', 500));
      await again.deleteWorkshopExportJobs('w3');
      expect(await again.getExportJob('w3', 'j5')).toBeNull();
      expect(await again.deleteExpiredExportJobs(4999)).toBe(1);
      expect(await again.getExportJob('w1', 'j1')).toBeNull();
      expect(await again.deleteExpiredExportJobs(5000)).toBe(1);
      expect(await again.getExportJob('w2', 'j3')).toBeNull();
      expect(await again.getExportJob('w2', 'j4')).not.toBeNull();
    });

    it('reopening keeps everything', async () => {
      const { store, reopen } = await fresh();
      const doc = new Y.Doc();
      await store.append([{ docId: 'b.keep', update: edit(doc, 'a', '1') }]);
      await store.compact('b.keep', wholeSnapshot(doc));
      await store.append([{ docId: 'b.keep', update: edit(doc, 'b', '2') }]);
      await store.putAsset({
        id: 'img',
        boardId: 'b',
        mime: 'image/png',
        width: 1,
        height: 1,
        data: new Uint8Array([0, 255]),
      });
      const w = { id: 'w', joinCode: 'J', observerCode: 'O', createdAt: 42, ...ACCESS_DEFAULTS };
      await store.putWorkshop(w);
      await store.addBoards('w', ['keep']);
      await store.putTemplate({
        id: 't',
        ownerId: 'o',
        name: 'T',
        shapes: '[]',
        plan: '{}',
        createdAt: 7,
      });
      await store.sharedSetting('k', 'v');
      await store.close();

      const again = await reopen();
      expect(rebuild(await again.load('b.keep'))).toEqual({ a: '1', b: '2' });
      expect(Array.from((await again.getAsset('img'))?.data ?? [])).toEqual([0, 255]);
      expect(await again.getWorkshop('w')).toEqual(w);
      expect(await again.boardWorkshop('keep')).toBe('w');
      expect(await again.listTemplates(['o'])).toEqual([
        { id: 't', ownerId: 'o', name: 'T', shapes: '[]', plan: '{}', createdAt: 7 },
      ]);
      expect(await again.sharedSetting('k', 'other')).toBe('v');
      // And it still takes writes.
      await again.append([{ docId: 'b.keep', update: edit(doc, 'c', '3') }]);
      expect(rebuild(await again.load('b.keep'))).toEqual({ a: '1', b: '2', c: '3' });
    });
  });
}
