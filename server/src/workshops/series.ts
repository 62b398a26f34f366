import {
  MAX_SERIES_GATHERINGS,
  newId,
  type SeriesBrief,
  type SeriesGathering,
  type SeriesLink,
  type SeriesOverview,
  type WorkshopState,
  writeAssignment,
  writeMeta,
  writeSeries,
} from '@torg/shared';
import type { Identity } from '../auth/tokens.js';
import { CommandError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { BoardCopier } from './board-copy.js';
import type { MembershipService } from './membership.js';
import type { WorkshopDocs } from './workshop-state.js';

const noSeries = () => new CommandError(404, 'no_series', 'this gathering is in no series');

/**
 * Series of gatherings ("samlingsrekke", see `shared/src/series.ts`): making one, adding the
 * next gathering with the same groups and boards brought forward, the assignment between
 * gatherings, the overview, and entering another gathering of the series. Whoever facilitates
 * one gathering of a series facilitates them all.
 */
export class SeriesService {
  constructor(
    private readonly storage: Storage,
    private readonly docs: WorkshopDocs,
    private readonly members: MembershipService,
    private readonly copier: BoardCopier,
  ) {}

  /** A new series with this gathering as its first. */
  async create(workshopId: string, name: string): Promise<SeriesLink> {
    const link: SeriesLink = { id: newId(), name, previousId: null };
    await this.docs.change(workshopId, (doc, state) => {
      if (state.series)
        throw new CommandError(409, 'in_series', 'this gathering is in a series already');
      writeSeries(doc, link);
    });
    await this.storage.setWorkshopSeries(workshopId, link.id);
    return link;
  }

  /** Renames the series in every one of its gatherings. */
  async rename(workshopId: string, name: string): Promise<void> {
    const link = await this.linkOf(workshopId);
    for (const id of await this.storage.seriesWorkshops(link.id))
      await this.docs.change(id, (doc, state) => {
        if (state.series?.id === link.id) writeSeries(doc, { ...state.series, name });
      });
  }

  /** Takes this gathering out of its series (its boards and the others' stay as they are). */
  async leave(workshopId: string): Promise<void> {
    await this.linkOf(workshopId);
    await this.docs.change(workshopId, (doc) => writeSeries(doc, null));
    await this.storage.setWorkshopSeries(workshopId, null);
  }

  /** Adds a gathering that is in no series to `seriesId` (the caller may facilitate both). */
  async add(seriesId: string, workshopId: string): Promise<void> {
    const ids = await this.storage.seriesWorkshops(seriesId);
    const first = ids[0];
    if (!first) throw new CommandError(404, 'not_found', 'no such series');
    assertRoom(ids);
    const link = await this.linkOf(first);
    await this.docs.change(workshopId, (doc, state) => {
      if (state.series)
        throw new CommandError(409, 'in_series', 'this gathering is in a series already');
      writeSeries(doc, { ...link, previousId: ids.at(-1) ?? null });
    });
    await this.storage.setWorkshopSeries(workshopId, seriesId);
  }

  /** "Oppdrag til neste samling" ('' clears it); also after the gathering has ended. */
  async setAssignment(workshopId: string, text: string): Promise<void> {
    await this.docs.change(workshopId, (doc) => writeAssignment(doc, { text, at: Date.now() }));
  }

  /**
   * The next gathering of the series: the same groups (names and order), the gathering's
   * language, and copies of the chosen boards (of any gathering of the series), each linking
   * back to the board it copies. The caller facilitates it (same participant id and name).
   */
  async next(
    identity: Identity,
    input: { title: string; date: string; boardIds: string[]; facilitatorName: string },
  ) {
    const from = identity.workshopId;
    const link = await this.linkOf(from);
    const ids = await this.storage.seriesWorkshops(link.id);
    assertRoom(ids);
    const states = await this.statesOf(ids);
    const current = states.get(from);
    const record = await this.storage.getWorkshop(from);
    if (!current?.meta || !record) throw new CommandError(404, 'not_found', 'no such workshop');
    // Every board to bring must be a board of the series; checked before anything is made.
    const sources = input.boardIds.map((boardId) => {
      for (const [workshopId, state] of states) {
        const board = state.boards.find((b) => b.id === boardId);
        if (board) return { workshopId, state, board };
      }
      throw new CommandError(404, 'not_found', `no board ${boardId} in this series`);
    });
    const made = await this.members.create(
      {
        title: input.title,
        date: input.date,
        groups: current.groups.map((g) => g.name),
        facilitatorName: input.facilitatorName,
      },
      { ownerId: record.ownerId, participantId: identity.participantId },
    );
    const locale = current.meta.locale;
    await this.docs.change(made.workshopId, (doc) => {
      writeSeries(doc, { ...link, previousId: from });
      if (locale) writeMeta(doc, { locale });
    });
    await this.storage.setWorkshopSeries(made.workshopId, link.id);
    await this.copier.bringForward(made.workshopId, sources);
    await this.docs.flush();
    return made;
  }

  /** The series of this gathering: its gatherings, their plans, assignments and boards. */
  async overview(workshopId: string): Promise<SeriesOverview> {
    const link = await this.linkOf(workshopId);
    const ids = await this.storage.seriesWorkshops(link.id);
    const states = await this.statesOf(ids);
    const gatherings: SeriesGathering[] = [];
    for (const [id, state] of states) {
      const meta = state.meta;
      if (!meta) continue;
      gatherings.push({
        workshopId: id,
        title: meta.title,
        date: meta.date,
        ended: meta.ended,
        current: id === workshopId,
        agenda: {
          start: state.agenda?.dayStart ?? null,
          steps: (state.agenda?.steps ?? [])
            .filter((s) => !s.skipped)
            .map((s) => ({ name: s.title, minutes: s.minutes })),
        },
        assignment: state.assignment?.text ?? null,
        boards: state.boards
          .filter((b) => !b.archived)
          .map((b) => ({
            id: b.id,
            name: b.name,
            groupId: b.groupId,
            broughtFrom: b.broughtFrom?.boardId ?? null,
          })),
      });
    }
    return { series: { id: link.id, name: link.name }, gatherings: byDate(gatherings) };
  }

  /**
   * What a gathering opens with (every member may read it): its series, and the gathering
   * before it with its assignment.
   */
  async brief(workshopId: string): Promise<SeriesBrief> {
    const link = await this.verifiedLink(workshopId);
    if (!link) return { series: null, previous: null, followUp: [] };
    const previous = await this.previousOf(workshopId, link.id);
    return {
      series: { id: link.id, name: link.name },
      previous: previous?.meta
        ? {
            title: previous.meta.title,
            date: previous.meta.date,
            assignment: previous.assignment?.text ?? null,
          }
        : null,
      followUp: [],
    };
  }

  /**
   * A facilitator token for another gathering of the same series, for the caller (added as
   * its facilitator, with their participant id and name, when not one already).
   */
  async enter(identity: Identity, otherId: string) {
    const link = await this.linkOf(identity.workshopId);
    const ids = await this.storage.seriesWorkshops(link.id);
    if (!ids.includes(otherId))
      throw new CommandError(404, 'not_found', 'no such gathering in this series');
    const me = (await this.docs.state(identity.workshopId)).participants.find(
      (p) => p.id === identity.participantId,
    );
    const entered = await this.members.addFacilitator(
      otherId,
      me?.name ?? 'Fasilitator',
      identity.participantId,
    );
    return { workshopId: otherId, ...entered, role: 'facilitator' as const };
  }

  /** The ids of the gatherings of this gathering's series (just itself when in none). */
  async gatheringsOf(workshopId: string): Promise<string[]> {
    const link = await this.verifiedLink(workshopId);
    return link ? this.storage.seriesWorkshops(link.id) : [workshopId];
  }

  /** The gathering before this one in the series (by date, then by when each was made). */
  private async previousOf(workshopId: string, seriesId: string): Promise<WorkshopState | null> {
    const earlier = await this.earlier(workshopId, seriesId);
    return earlier.at(-1)?.state ?? null;
  }

  /** The ids of the gatherings before this one in its series, oldest first (none: []). */
  async earlierGatherings(workshopId: string): Promise<string[]> {
    const link = await this.verifiedLink(workshopId);
    return link ? (await this.earlier(workshopId, link.id)).map((g) => g.id) : [];
  }

  private async earlier(workshopId: string, seriesId: string) {
    const states = await this.statesOf(await this.storage.seriesWorkshops(seriesId));
    const ordered = byDate(
      [...states.entries()].map(([id, state]) => ({ id, state, date: state.meta?.date ?? '' })),
    );
    const index = ordered.findIndex((g) => g.id === workshopId);
    return index > 0 ? ordered.slice(0, index) : [];
  }

  /**
   * The series of this gathering: its document's link, when the server's index agrees (a
   * gathering is in a series only if both say so: a link alone, e.g. restored from a backup
   * that was not allowed into its series, grants nothing).
   */
  private async linkOf(workshopId: string): Promise<SeriesLink> {
    const link = await this.verifiedLink(workshopId);
    if (!link) throw noSeries();
    return link;
  }

  private async verifiedLink(workshopId: string): Promise<SeriesLink | null> {
    const link = (await this.docs.state(workshopId)).series;
    if (!link) return null;
    const ids = await this.storage.seriesWorkshops(link.id);
    return ids.includes(workshopId) ? link : null;
  }

  /** The states of these gatherings, in the order given (gone ones left out). */
  private async statesOf(ids: readonly string[]): Promise<Map<string, WorkshopState>> {
    const states = new Map<string, WorkshopState>();
    for (const id of ids) {
      const state = await this.docs.state(id);
      if (state.meta) states.set(id, state);
    }
    return states;
  }
}

/** Refuses a gathering more for a series that holds `MAX_SERIES_GATHERINGS` already. */
function assertRoom(ids: readonly string[]): void {
  if (ids.length >= MAX_SERIES_GATHERINGS)
    throw new CommandError(
      409,
      'series_full',
      `a series holds ${MAX_SERIES_GATHERINGS} gatherings`,
    );
}

/** Oldest first: by date, then in the order they were made (the order given). */
function byDate<T extends { date: string }>(gatherings: T[]): T[] {
  return gatherings
    .map((g, i) => ({ g, i }))
    .sort((a, b) => (a.g.date === b.g.date ? a.i - b.i : a.g.date < b.g.date ? -1 : 1))
    .map(({ g }) => g);
}
