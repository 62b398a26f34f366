import {
  type Group,
  IDLE_TIMER,
  newId,
  type Participant,
  type Role,
  writeGroup,
  writeMeta,
  writeParticipant,
  writeTimer,
} from '@torg/shared';
import { type Identity, newGeneration, type TokenSigner } from '../auth/tokens.js';
import { CommandError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import { generationsCurrent, generationsOf, joiningOpen, putWithNewCodes } from './access.js';
import { accessLock } from './joining.js';
import { assertNotEnded, type WorkshopDocs } from './workshop-state.js';

/**
 * Who belongs to a workshop: making one, joining with a code, extra facilitators, names and
 * groups of the people in it, and the tokens that say who a request is.
 */
export class MembershipService {
  constructor(
    private readonly storage: Storage,
    private readonly docs: WorkshopDocs,
    private readonly tokens: TokenSigner,
    private readonly logger: Logger,
    private readonly options: { maxPeople?: number } = {},
  ) {}

  /**
   * Verifies a token, that it is of the workshop's current generations (not revoked by an
   * import or a sign-out) and that its participant still exists in its workshop.
   */
  async identify(token: string | undefined | null): Promise<Identity | null> {
    const verified = this.tokens.verify(token);
    if (!verified) return null;
    const id = verified.identity;
    const record = await this.storage.getWorkshop(id.workshopId);
    if (!record || !generationsCurrent(record, id.role, verified.generations)) return null;
    const state = await this.docs.state(id.workshopId);
    return state.participants.some((p) => p.id === id.participantId && p.role === id.role)
      ? { ...id, generations: verified.generations }
      : null;
  }

  /**
   * `owner`: the facilitator account that owns it (whose id is also its facilitator
   * participant's id), or none for a workshop made with the administrator token.
   */
  async create(
    input: { title: string; date: string; groups: string[]; facilitatorName: string },
    owner: { ownerId: string | null; participantId?: string } = { ownerId: null },
  ) {
    const workshopId = newId();
    const participantId = owner.participantId ?? newId();
    const record = await putWithNewCodes(this.storage, {
      id: workshopId,
      createdAt: Date.now(),
      ownerId: owner.ownerId,
      tokenGen: newGeneration(),
      joinGen: 0,
      joinOpen: true,
    });
    await this.docs.create(workshopId, (doc) => {
      writeMeta(doc, {
        title: input.title,
        date: input.date,
        ended: false,
        allLocked: false,
        joinOpen: true,
        createdAt: record.createdAt,
      });
      input.groups.forEach((name, order) => {
        writeGroup(doc, { id: newId(), name, order } satisfies Group);
      });
      writeParticipant(doc, {
        id: participantId,
        name: input.facilitatorName,
        role: 'facilitator',
        groupId: null,
        joinedAt: Date.now(),
      });
      writeTimer(doc, IDLE_TIMER);
    });
    await this.docs.flush();
    const token = this.tokens.sign(
      { workshopId, participantId, role: 'facilitator' },
      generationsOf(record),
    );
    this.logger.info('workshop.created', { workshopId, groups: input.groups.length });
    return {
      workshopId,
      participantId,
      token,
      joinCode: record.joinCode,
      observerCode: record.observerCode,
    };
  }

  /** Whether there is such a workshop (before a public route opens any document for an id). */
  async exists(workshopId: string): Promise<boolean> {
    return (await this.storage.getWorkshop(workshopId)) !== null;
  }

  /**
   * What a code admits to; 404 for no workshop's current code, 403 `joining_closed` while the
   * facilitator has closed joining (or the workshop has ended and it was not reopened).
   */
  async lookupCode(code: string) {
    return (await this.openCode(code)).info;
  }

  private async openCode(code: string) {
    const record = await this.storage.findByCode(code);
    if (!record) throw new CommandError(404, 'unknown_code', 'no workshop has this code');
    const state = await this.docs.state(record.id);
    if (!state.meta) throw new CommandError(404, 'unknown_code', 'no workshop has this code');
    if (!joiningOpen(record, state.meta))
      throw new CommandError(403, 'joining_closed', 'joining this workshop is closed');
    const role: Role = record.observerCode === code ? 'observer' : 'participant';
    const info = {
      workshopId: record.id,
      title: state.meta.title,
      date: state.meta.date,
      role,
      groups: role === 'participant' ? state.groups.map((g) => ({ id: g.id, name: g.name })) : [],
      ended: state.meta.ended,
    };
    return { record, info };
  }

  async join(code: string, name: string, groupId: string | null | undefined) {
    const { workshopId } = (await this.openCode(code)).info;
    const participantId = newId();
    // Checked again and stored in order with closing and rotating: no join slips past either
    // (a token signed just before a sign-out is of the old generation, so dead too).
    const coordinator = this.docs.coordinator;
    const { record, info } = await coordinator.exclusive(accessLock(workshopId), async () => {
      const found = await this.openCode(code);
      await this.docs.change(workshopId, (doc, state) => {
        if (groupId && !state.groups.some((g) => g.id === groupId)) {
          throw new CommandError(400, 'unknown_group', 'no such group');
        }
        if (state.participants.length >= (this.options.maxPeople ?? Number.POSITIVE_INFINITY))
          throw new CommandError(409, 'workshop_full', 'this workshop has no room for more people');
        writeParticipant(doc, {
          id: participantId,
          name,
          role: found.info.role,
          groupId: found.info.role === 'participant' ? (groupId ?? null) : null,
          joinedAt: Date.now(),
        } satisfies Participant);
      });
      return found;
    });
    const token = this.tokens.sign(
      { workshopId, participantId, role: info.role },
      generationsOf(record),
    );
    return { workshopId, participantId, token, role: info.role };
  }

  /** A new facilitator; with `participantId` (the owner's account), kept if already there. */
  async addFacilitator(workshopId: string, name: string, participantId = newId()) {
    await this.docs.change(workshopId, (doc, state) => {
      if (state.participants.some((p) => p.id === participantId && p.role === 'facilitator'))
        return;
      writeParticipant(doc, {
        id: participantId,
        name,
        role: 'facilitator',
        groupId: null,
        joinedAt: Date.now(),
      });
    });
    const record = await this.storage.getWorkshop(workshopId);
    if (!record) throw new CommandError(404, 'not_found', 'no such workshop');
    return {
      participantId,
      token: this.tokens.sign(
        { workshopId, participantId, role: 'facilitator' },
        generationsOf(record),
      ),
    };
  }

  /**
   * The screen in the room ("Storskjerm"): one observer of the workshop, always the same
   * (opening its link again reuses it), named in the gathering's language. Its token shows
   * everything read-only and, unlike other observers', the join code (see `screenJoin`).
   */
  async addScreen(workshopId: string, name: string) {
    const participantId = screenId(workshopId);
    await this.docs.change(workshopId, (doc, state) => {
      assertNotEnded(state);
      if (state.participants.some((p) => p.id === participantId)) return;
      writeParticipant(doc, {
        id: participantId,
        name,
        role: 'observer',
        groupId: null,
        joinedAt: Date.now(),
      });
    });
    const record = await this.storage.getWorkshop(workshopId);
    if (!record) throw new CommandError(404, 'not_found', 'no such workshop');
    return {
      token: this.tokens.sign(
        { workshopId, participantId, role: 'observer' },
        generationsOf(record),
      ),
    };
  }

  /** What the room's screen shows people arriving: the join code and whether it admits. */
  async screenJoin(identity: Identity) {
    if (identity.role !== 'facilitator' && identity.participantId !== screenId(identity.workshopId))
      throw new CommandError(403, 'forbidden', 'only the screen in the room shows the join code');
    const { joinCode, joinOpen } = await this.codes(identity.workshopId);
    return { joinCode, joinOpen };
  }

  async codes(workshopId: string) {
    const record = await this.storage.getWorkshop(workshopId);
    if (!record) throw new CommandError(404, 'not_found', 'no such workshop');
    return {
      joinCode: record.joinCode,
      observerCode: record.observerCode,
      joinOpen: joiningOpen(record, (await this.docs.state(workshopId)).meta),
    };
  }

  async renameParticipant(workshopId: string, participantId: string, name: string) {
    await this.docs.change(workshopId, (doc, state) => {
      const p = state.participants.find((x) => x.id === participantId);
      if (!p) throw new CommandError(404, 'not_found', 'no such participant');
      writeParticipant(doc, { ...p, name });
    });
  }

  async renameGroup(workshopId: string, groupId: string, name: string) {
    await this.docs.change(workshopId, (doc, state) => {
      const g = state.groups.find((x) => x.id === groupId);
      if (!g) throw new CommandError(404, 'not_found', 'no such group');
      writeGroup(doc, { ...g, name });
    });
  }

  async moveParticipant(workshopId: string, participantId: string, groupId: string | null) {
    await this.docs.change(workshopId, (doc, state) => {
      const p = state.participants.find((x) => x.id === participantId);
      if (!p) throw new CommandError(404, 'not_found', 'no such participant');
      if (p.role !== 'participant')
        throw new CommandError(400, 'not_a_participant', 'only participants belong to groups');
      if (groupId && !state.groups.some((g) => g.id === groupId))
        throw new CommandError(400, 'unknown_group', 'no such group');
      writeParticipant(doc, { ...p, groupId });
    });
  }
}

/** The participant id of a workshop's screen in the room: one per workshop. */
export function screenId(workshopId: string): string {
  return `screen-${workshopId}`.slice(0, 64);
}
