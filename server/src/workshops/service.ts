import {
  attributionDocId,
  type BoardAccess,
  ballotsDocId,
  boardAccess,
  boardDocId,
  CloseCode,
  commentsDocId,
  type Group,
  IDLE_TIMER,
  instantiateShapes,
  instantiateTemplate,
  MARKET_ROUND_MS,
  type Market,
  type MarketCommand,
  type MarketHost,
  type MarketSetup,
  newId,
  ORIGIN_SERVER,
  type Participant,
  parseDocId,
  participantColor,
  planRoundRobin,
  type RetentionDays,
  type Role,
  readWorkshop,
  retentionDeadline,
  type Shape,
  type TemplateOptions,
  type TimerState,
  validatePlan,
  WORKSHOP_DOC,
  type WorkshopBoard,
  type WorkshopState,
  workshopDocId,
  writeShapes,
} from '@torg/shared';
import type * as Y from 'yjs';
import { type Identity, newGeneration, type TokenSigner } from '../auth/tokens.js';
import type { ClusterBus } from '../cluster/bus.js';
import { type Coordinator, LocalCoordinator } from '../cluster/coordinator.js';
import { CommandError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import type { Room } from '../sync/room.js';
import { generationsCurrent, generationsOf, joiningOpen, putWithNewCodes } from './access.js';
import { CommentService } from './comments.js';
import { accessLock, JoiningControl } from './joining.js';
import { resolveTemplate, type TemplateSource } from './templates.js';
import { VoteService } from './votes.js';

/** What a connection may do on a document, and who it is. */
export interface Authorization {
  access: BoardAccess;
  identity: Identity | null;
  workshopId: string | null;
}

/** A live connection whose rights follow the workshop state (locks, group moves). */
export interface Governed {
  readonly docId: string;
  readonly identity: Identity;
  setAccess(access: BoardAccess): void;
  /** A new stamp for its awareness (after a rename or a group move). */
  setPresence(presence: Record<string, unknown>): void;
  close(code: number, reason: string): void;
}

/**
 * Workshops: the server-authoritative control state. Every change goes through a validated
 * command here and is written into the workshop document with the server origin; clients
 * only read that document. It also decides, and keeps deciding, what each connection may do.
 */
export class WorkshopService {
  private readonly governed = new Map<string, Set<Governed>>();
  /** Called with the id of a workshop that was just deleted (e.g. to drop its exports). */
  readonly onDeleted = new Set<(workshopId: string) => void>();
  private readonly watchers = new Map<string, { room: Room; off: () => void }>();
  /** Comments and suggestions on the workshop's boards (`c.<boardId>` documents). */
  readonly comments: CommentService;
  /** Dot voting (control key `vote`; dots in the `c.<boardId>` documents). */
  readonly votes: VoteService;
  /** Joining open or closed, and code rotation (see `joining.ts`). */
  readonly joining: JoiningControl;

  constructor(
    private readonly storage: Storage,
    private readonly registry: DocRegistry,
    private readonly tokens: TokenSigner,
    private readonly logger: Logger,
    private readonly coordinator: Coordinator = new LocalCoordinator(),
    private readonly bus: ClusterBus | null = null,
    /**
     * `openBoards`: a board id of no workshop is an open scratch board anyone may use (the
     * `TORG_OPEN_BOARDS` setting); off, such an id is 404.
     */
    private readonly options: { openBoards?: boolean; maxPeople?: number } = {},
  ) {
    this.comments = new CommentService(registry, (id) => this.state(id), logger);
    this.votes = new VoteService(registry, logger, coordinator);
    this.joining = new JoiningControl({
      storage,
      coordinator,
      logger,
      mirrorJoinOpen: (workshopId, open) =>
        this.write(workshopId, (doc) => doc.getMap(WORKSHOP_DOC.meta).set('joinOpen', open)),
      signOutJoined: (workshopId) => {
        this.closeJoined(workshopId);
        bus?.publishControl({ type: 'workshop-signed-out', workshopId });
      },
    });
    bus?.onControl((m) => {
      if (m.type === 'workshop-signed-out') return this.closeJoined(m.workshopId);
      if (m.type !== 'workshop-deleted') return;
      this.forget(m.workshopId, m.boardIds).catch((err: unknown) =>
        logger.error('cluster.forget_failed', { workshopId: m.workshopId, error: String(err) }),
      );
    });
  }

  // --- reading ---

  /** Runs `fn` with the workshop's loaded document (loaded for the call if needed). */
  private async withDoc<T>(workshopId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.registry.acquire(workshopDocId(workshopId));
    try {
      return fn(room.doc);
    } finally {
      this.registry.release(room);
    }
  }

  async state(workshopId: string): Promise<WorkshopState> {
    return this.withDoc(workshopId, readWorkshop);
  }

  /**
   * Changes the workshop document after checking its current state. Commands of a workshop
   * run one at a time; in a cluster across all servers, on the stored state (caught up first)
   * and stored before the next runs, so checks like "one host per group" hold everywhere.
   */
  private async write(
    workshopId: string,
    fn: (doc: Y.Doc, state: WorkshopState) => void,
  ): Promise<void> {
    await this.coordinator.exclusive(`workshop:${workshopId}`, async () => {
      const room = await this.registry.acquire(workshopDocId(workshopId));
      try {
        if (this.coordinator.clustered) await this.registry.refresh(room);
        const state = readWorkshop(room.doc);
        if (!state.meta) throw new CommandError(404, 'not_found', 'no such workshop');
        room.doc.transact(() => fn(room.doc, state), ORIGIN_SERVER);
        if (this.coordinator.clustered) await this.registry.flush();
      } finally {
        this.registry.release(room);
      }
    });
  }

  private writeable(state: WorkshopState): void {
    if (state.meta?.ended) throw new CommandError(409, 'workshop_ended', 'the workshop has ended');
  }

  // --- identity ---

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
    const state = await this.state(id.workshopId);
    return state.participants.some((p) => p.id === id.participantId && p.role === id.role)
      ? { ...id, generations: verified.generations }
      : null;
  }

  // --- commands ---

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
    await this.withDoc(workshopId, (doc) => {
      doc.transact(() => {
        const meta = doc.getMap(WORKSHOP_DOC.meta);
        meta.set('title', input.title);
        meta.set('date', input.date);
        meta.set('ended', false);
        meta.set('allLocked', false);
        meta.set('joinOpen', true);
        meta.set('createdAt', record.createdAt);
        const groups = doc.getMap(WORKSHOP_DOC.groups);
        input.groups.forEach((name, order) => {
          const id = newId();
          groups.set(id, { id, name, order } satisfies Group);
        });
        doc.getMap(WORKSHOP_DOC.participants).set(participantId, {
          id: participantId,
          name: input.facilitatorName,
          role: 'facilitator',
          groupId: null,
          joinedAt: Date.now(),
        } satisfies Participant);
        doc.getMap(WORKSHOP_DOC.control).set('timer', IDLE_TIMER);
      }, ORIGIN_SERVER);
    });
    await this.registry.flush();
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
    const state = await this.state(record.id);
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
    const { record, info } = await this.coordinator.exclusive(accessLock(workshopId), async () => {
      const found = await this.openCode(code);
      await this.write(workshopId, (doc, state) => {
        if (groupId && !state.groups.some((g) => g.id === groupId)) {
          throw new CommandError(400, 'unknown_group', 'no such group');
        }
        if (state.participants.length >= (this.options.maxPeople ?? Number.POSITIVE_INFINITY))
          throw new CommandError(409, 'workshop_full', 'this workshop has no room for more people');
        doc.getMap(WORKSHOP_DOC.participants).set(participantId, {
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
    await this.write(workshopId, (doc, state) => {
      if (state.participants.some((p) => p.id === participantId && p.role === 'facilitator'))
        return;
      doc.getMap(WORKSHOP_DOC.participants).set(participantId, {
        id: participantId,
        name,
        role: 'facilitator',
        groupId: null,
        joinedAt: Date.now(),
      } satisfies Participant);
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

  async codes(workshopId: string) {
    const record = await this.storage.getWorkshop(workshopId);
    if (!record) throw new CommandError(404, 'not_found', 'no such workshop');
    return {
      joinCode: record.joinCode,
      observerCode: record.observerCode,
      joinOpen: joiningOpen(record, (await this.state(workshopId)).meta),
    };
  }

  async renameParticipant(workshopId: string, participantId: string, name: string) {
    await this.write(workshopId, (doc, state) => {
      const p = state.participants.find((x) => x.id === participantId);
      if (!p) throw new CommandError(404, 'not_found', 'no such participant');
      doc.getMap(WORKSHOP_DOC.participants).set(participantId, { ...p, name });
    });
  }

  async renameGroup(workshopId: string, groupId: string, name: string) {
    await this.write(workshopId, (doc, state) => {
      const g = state.groups.find((x) => x.id === groupId);
      if (!g) throw new CommandError(404, 'not_found', 'no such group');
      doc.getMap(WORKSHOP_DOC.groups).set(groupId, { ...g, name });
    });
  }

  async moveParticipant(workshopId: string, participantId: string, groupId: string | null) {
    await this.write(workshopId, (doc, state) => {
      const p = state.participants.find((x) => x.id === participantId);
      if (!p) throw new CommandError(404, 'not_found', 'no such participant');
      if (p.role !== 'participant')
        throw new CommandError(400, 'not_a_participant', 'only participants belong to groups');
      if (groupId && !state.groups.some((g) => g.id === groupId))
        throw new CommandError(400, 'unknown_group', 'no such group');
      doc.getMap(WORKSHOP_DOC.participants).set(participantId, { ...p, groupId });
    });
  }

  /**
   * A new phase: one board per group (or one plenary board), each filled with the
   * template's objects by the server. `template` is a builtin id or `saved:<templateId>`.
   */
  async newPhase(
    workshopId: string,
    input: { name: string; template: string; plenary: boolean; options?: TemplateOptions },
  ) {
    const source = await resolveTemplate(this.storage, input.template, workshopId);
    if (!source)
      throw new CommandError(400, 'unknown_template', `no such template: ${input.template}`);
    const phaseId = newId();
    const boards: WorkshopBoard[] = [];
    await this.write(workshopId, (doc, state) => {
      this.writeable(state);
      doc.getMap(WORKSHOP_DOC.phases).set(phaseId, {
        id: phaseId,
        name: input.name,
        template: input.template,
        order: state.phases.length,
      });
      const now = Date.now();
      const owners: (Group | null)[] = input.plenary ? [null] : state.groups;
      for (const g of owners) {
        const id = newId();
        const board: WorkshopBoard = {
          id,
          name: g ? `${input.name} – ${g.name}` : input.name,
          groupId: g?.id ?? null,
          phaseId,
          template: input.template,
          archived: false,
          locked: false,
          createdAt: now,
        };
        boards.push(board);
        doc.getMap(WORKSHOP_DOC.boards).set(id, board);
      }
    });
    await this.storage.addBoards(
      workshopId,
      boards.map((b) => b.id),
    );
    for (const b of boards) await this.fillBoard(b.id, source, input.options ?? {});
    await this.registry.flush();
    return { phaseId, boardIds: boards.map((b) => b.id) };
  }

  /** Writes a fresh copy of the template's objects into a board, in one transaction. */
  private async fillBoard(
    boardId: string,
    source: TemplateSource,
    options: TemplateOptions,
  ): Promise<void> {
    if (source.kind === 'builtin' && source.id === 'blank') return;
    const shapes: Shape[] =
      source.kind === 'builtin'
        ? instantiateTemplate(source.id, options, 'nb')
        : instantiateShapes(source.shapes);
    if (shapes.length === 0) return;
    const room = await this.registry.acquire(boardDocId(boardId));
    try {
      writeShapes(room.doc, shapes, ORIGIN_SERVER);
    } finally {
      this.registry.release(room);
    }
  }

  async updateBoard(
    workshopId: string,
    boardId: string,
    patch: { name?: string; archived?: boolean; locked?: boolean },
  ) {
    await this.write(workshopId, (doc, state) => {
      const b = state.boards.find((x) => x.id === boardId);
      if (!b) throw new CommandError(404, 'not_found', 'no such board');
      doc.getMap(WORKSHOP_DOC.boards).set(boardId, { ...b, ...patch });
    });
  }

  async lockAll(workshopId: string, locked: boolean) {
    await this.write(workshopId, (doc, state) => {
      doc.getMap(WORKSHOP_DOC.meta).set('allLocked', locked);
      // "Unlock all" also lifts the single-board locks, so it means what it says.
      if (!locked)
        for (const b of state.boards)
          if (b.locked) doc.getMap(WORKSHOP_DOC.boards).set(b.id, { ...b, locked: false });
    });
  }

  async message(workshopId: string, text: string) {
    await this.write(workshopId, (doc) => {
      doc.getMap(WORKSHOP_DOC.control).set('message', { text: text.trim(), at: Date.now() });
    });
  }

  async timer(
    workshopId: string,
    cmd:
      | { action: 'start'; durationMs: number }
      | { action: 'pause' }
      | { action: 'resume' }
      | { action: 'add'; ms: number }
      | { action: 'reset' },
  ) {
    await this.write(workshopId, (doc, state) => {
      const now = Date.now();
      const t = state.timer;
      const remaining =
        t.state === 'running' && t.endsAt ? Math.max(0, t.endsAt - now) : t.remainingMs;
      let next: TimerState;
      switch (cmd.action) {
        case 'start':
          next = {
            state: 'running',
            durationMs: cmd.durationMs,
            endsAt: now + cmd.durationMs,
            remainingMs: cmd.durationMs,
          };
          break;
        case 'pause':
          next =
            t.state === 'running'
              ? { ...t, state: 'paused', endsAt: null, remainingMs: remaining }
              : t;
          break;
        case 'resume':
          next = t.state === 'paused' ? { ...t, state: 'running', endsAt: now + t.remainingMs } : t;
          break;
        case 'add': {
          const left = Math.max(0, remaining + cmd.ms);
          next =
            t.state === 'running'
              ? { ...t, durationMs: t.durationMs + cmd.ms, endsAt: now + left, remainingMs: left }
              : {
                  ...t,
                  durationMs: Math.max(0, t.durationMs + cmd.ms),
                  remainingMs: left,
                  state: t.state === 'idle' ? 'paused' : t.state,
                };
          break;
        }
        case 'reset':
          next = IDLE_TIMER;
          break;
      }
      doc.getMap(WORKSHOP_DOC.control).set('timer', next);
    });
  }

  /**
   * Sets up the market square for a phase (state `setup`, round 0): the groups' boards in
   * that phase, the plan (round-robin over those groups unless given) and the hosts.
   */
  async setupMarket(workshopId: string, input: MarketSetup): Promise<Market> {
    let market: Market | null = null;
    await this.write(workshopId, (doc, state) => {
      this.writeable(state);
      const current = state.market?.state;
      if (current === 'running' || current === 'paused')
        throw new CommandError(409, 'market_running', 'end the running market square first');
      if (!state.phases.some((p) => p.id === input.phaseId))
        throw new CommandError(400, 'unknown_phase', 'no such phase');
      const boardIds: Record<string, string> = {};
      for (const g of state.groups) {
        const board = state.boards.find(
          (b) => b.phaseId === input.phaseId && b.groupId === g.id && !b.archived,
        );
        if (board) boardIds[g.id] = board.id;
      }
      const groupIds = Object.keys(boardIds);
      const plan = input.plan ?? planRoundRobin(groupIds);
      const problems = validatePlan(plan, groupIds);
      if (problems.length > 0) {
        const list = problems
          .map((p) => `round ${p.round}: ${p.problem}${p.groupId ? ` (${p.groupId})` : ''}`)
          .join('; ');
        throw new CommandError(400, 'invalid_plan', `invalid plan: ${list}`);
      }
      const hostIds = [...new Set(input.hostIds ?? [])];
      const hostGroups = new Set<string | null>();
      for (const h of hostIds) {
        const p = state.participants.find((x) => x.id === h && x.role === 'participant');
        if (!p) throw new CommandError(400, 'unknown_participant', `no such participant: ${h}`);
        if (hostGroups.has(p.groupId))
          throw new CommandError(400, 'two_hosts', 'one host per group');
        hostGroups.add(p.groupId);
      }
      const roundMs = input.roundMs ?? MARKET_ROUND_MS.default;
      market = {
        phaseId: input.phaseId,
        boardIds,
        plan,
        hostIds,
        roundMs,
        state: 'setup',
        round: 0,
        endsAt: null,
        remainingMs: roundMs,
      };
      doc.getMap(WORKSHOP_DOC.control).set('market', market);
    });
    if (!market) throw new Error('unreachable');
    return market;
  }

  /**
   * Runs the market's rounds, in the timer's style: `endsAt` while running, `remainingMs`
   * while paused. Commands that do not apply to the current state leave it as it is.
   */
  async marketCommand(workshopId: string, cmd: MarketCommand): Promise<Market> {
    let result: Market | null = null;
    await this.write(workshopId, (doc, state) => {
      this.writeable(state);
      const m = state.market;
      if (!m) throw new CommandError(409, 'no_market', 'no market square is set up');
      const now = Date.now();
      const remaining =
        m.state === 'running' && m.endsAt !== null ? Math.max(0, m.endsAt - now) : m.remainingMs;
      const ended: Market = { ...m, state: 'ended', endsAt: null, remainingMs: 0 };
      let next: Market = m;
      switch (cmd.action) {
        case 'start':
          next = {
            ...m,
            state: 'running',
            round: 0,
            endsAt: now + m.roundMs,
            remainingMs: m.roundMs,
          };
          break;
        case 'pause':
          if (m.state === 'running')
            next = { ...m, state: 'paused', endsAt: null, remainingMs: remaining };
          break;
        case 'resume':
          if (m.state === 'paused') next = { ...m, state: 'running', endsAt: now + m.remainingMs };
          break;
        case 'extend':
          if (m.state === 'running' && m.endsAt !== null) {
            // In overtime the extra time counts from now, not from the passed end.
            const endsAt = Math.max(m.endsAt, now) + cmd.ms;
            next = { ...m, endsAt, remainingMs: endsAt - now };
          } else if (m.state === 'paused') next = { ...m, remainingMs: m.remainingMs + cmd.ms };
          break;
        case 'next':
          if (m.state === 'running' || m.state === 'paused')
            next =
              m.round + 1 >= m.plan.length
                ? ended
                : {
                    ...m,
                    state: 'running',
                    round: m.round + 1,
                    endsAt: now + m.roundMs,
                    remainingMs: m.roundMs,
                  };
          break;
        case 'end':
          next = ended;
          break;
      }
      result = next;
      if (next !== m) doc.getMap(WORKSHOP_DOC.control).set('market', next);
    });
    if (!result) throw new Error('unreachable');
    return result;
  }

  /**
   * Picks who stays home to present for a group, or nobody, before the rounds start: the
   * facilitator for any group, a participant for their own group (themselves or another
   * member). One host per group: the pick replaces the group's earlier one.
   */
  async setMarketHost(identity: Identity, input: MarketHost): Promise<Market> {
    let result: Market | null = null;
    await this.write(identity.workshopId, (doc, state) => {
      this.writeable(state);
      const m = state.market;
      if (!m) throw new CommandError(409, 'no_market', 'no market square is set up');
      if (m.state !== 'setup')
        throw new CommandError(409, 'market_started', 'hosts are picked before the rounds start');
      if (!(input.groupId in m.boardIds))
        throw new CommandError(404, 'not_found', 'no such group on the market square');
      if (identity.role === 'observer')
        throw new CommandError(403, 'forbidden', 'observers only watch');
      if (identity.role === 'participant') {
        const me = state.participants.find((p) => p.id === identity.participantId);
        if (me?.groupId !== input.groupId)
          throw new CommandError(403, 'forbidden', 'only for your own group');
      }
      const host = input.participantId;
      if (
        host !== null &&
        !state.participants.some(
          (p) => p.id === host && p.role === 'participant' && p.groupId === input.groupId,
        )
      )
        throw new CommandError(400, 'unknown_participant', 'the host must be a group member');
      const inGroup = new Set(
        state.participants.filter((p) => p.groupId === input.groupId).map((p) => p.id),
      );
      const hostIds = m.hostIds.filter((h) => !inGroup.has(h));
      if (host !== null) hostIds.push(host);
      result = { ...m, hostIds };
      doc.getMap(WORKSHOP_DOC.control).set('market', result);
    });
    if (!result) throw new Error('unreachable');
    return result;
  }

  async bring(
    workshopId: string,
    boardId: string,
    viewport: { x: number; y: number; w: number; h: number } | null,
  ) {
    await this.write(workshopId, (doc, state) => {
      if (!state.boards.some((b) => b.id === boardId))
        throw new CommandError(404, 'not_found', 'no such board');
      doc.getMap(WORKSHOP_DOC.control).set('bring', { boardId, viewport, at: Date.now() });
    });
  }

  /** Ends the gathering: boards read-only, and joining closed (the facilitator may reopen it). */
  async end(workshopId: string) {
    await this.write(workshopId, (doc) => {
      doc.getMap(WORKSHOP_DOC.meta).set('ended', true);
    });
    await this.joining.setOpen(workshopId, false);
  }

  /**
   * Sets automatic deletion `days` after the gathering (null: off). Stored on the workshop's
   * row (the retention job reads it there) and mirrored into the meta for the console.
   */
  async setRetention(workshopId: string, days: RetentionDays | null) {
    const current = await this.state(workshopId);
    if (!current.meta) throw new CommandError(404, 'not_found', 'no such workshop');
    const retention =
      days === null ? null : { days, ...retentionDeadline(current.meta.date, days) };
    if (!(await this.storage.setWorkshopRetention(workshopId, retention)))
      throw new CommandError(404, 'not_found', 'no such workshop');
    await this.write(workshopId, (doc) => {
      doc.getMap(WORKSHOP_DOC.meta).set('retention', retention);
    });
    this.logger.info('workshop.retention', { workshopId, days });
    return { retention };
  }

  /**
   * Deletes the workshop: its ids tombstoned (never usable again, except by restoring its
   * backup), connections closed, documents, images and rows removed.
   */
  async delete(workshopId: string) {
    const record = await this.storage.getWorkshop(workshopId);
    if (!record) throw new CommandError(404, 'not_found', 'no such workshop');
    const boardIds = await this.storage.workshopBoards(workshopId);
    // First, so no id of it is ever an open board, even while the rest is being removed.
    await this.storage.access.addTombstones([workshopId, ...boardIds], Date.now());
    await this.forget(workshopId, boardIds);
    await this.storage.deleteWorkshop(workshopId);
    this.bus?.publishControl({ type: 'workshop-deleted', workshopId, boardIds });
    this.logger.info('workshop.deleted', { workshopId, boards: boardIds.length });
  }

  /**
   * Closes every connection to a deleted workshop's documents on this server and removes
   * the documents and images (called on the server that deleted it, and on every other).
   */
  private async forget(workshopId: string, boardIds: readonly string[]): Promise<void> {
    for (const conn of this.governed.get(workshopId) ?? [])
      conn.close(CloseCode.deleted, 'workshop deleted');
    this.governed.delete(workshopId);
    this.unwatch(workshopId);
    const wDoc = workshopDocId(workshopId);
    const room = await this.registry.acquire(wDoc).catch(() => null);
    if (room) {
      for (const m of [...room.members])
        (m as Partial<Governed>).close?.(CloseCode.deleted, 'workshop deleted');
      this.registry.release(room);
    }
    for (const id of boardIds) {
      await this.registry.destroyDoc(boardDocId(id));
      await this.registry.destroyDoc(commentsDocId(id));
      await this.registry.destroyDoc(ballotsDocId(id));
      await this.registry.destroyDoc(attributionDocId(id));
      await this.storage.deleteBoardAssets(id);
    }
    await this.registry.destroyDoc(wDoc);
    for (const listener of this.onDeleted) listener(workshopId);
  }

  // --- access control ---

  /**
   * What a connection with this token may do on a document. Workshop and comments documents:
   * members read, nobody writes (the server writes them from commands). Workshop boards: the
   * shared rule. Open boards (only with `openBoards`, never a tombstoned id): anyone writes.
   */
  async authorize(docId: string, token: string | null): Promise<Authorization | CommandError> {
    const parsed = parseDocId(docId);
    if (!parsed) return new CommandError(400, 'invalid_doc_id', 'invalid document id');
    const workshopId =
      parsed.kind === 'workshop' ? parsed.id : await this.storage.boardWorkshop(parsed.id);
    if (parsed.kind === 'workshop' && !(await this.storage.getWorkshop(parsed.id))) {
      return new CommandError(404, 'not_found', 'no such workshop');
    }
    if (!workshopId) {
      // Open scratch boards have no comments: only workshop boards do.
      if (parsed.kind === 'comments') return new CommandError(404, 'not_found', 'no such board');
      // Only with open boards on; a deleted workshop's board never comes back as one.
      if (!this.options.openBoards) return new CommandError(404, 'not_found', 'no such board');
      if ((await this.storage.access.tombstoned([parsed.id])).length > 0)
        return new CommandError(404, 'not_found', 'no such board');
      return { access: 'write', identity: null, workshopId: null };
    }
    const identity = await this.identify(token);
    if (!identity)
      return new CommandError(401, 'unauthenticated', 'a valid token for this workshop is needed');
    if (identity.workshopId !== workshopId)
      return new CommandError(403, 'forbidden', 'this token is for another workshop');
    if (parsed.kind === 'workshop' || parsed.kind === 'comments')
      return { access: 'read', identity, workshopId };
    return { access: await this.boardAccessFor(identity, parsed.id), identity, workshopId };
  }

  async boardAccessFor(identity: Identity, boardId: string): Promise<BoardAccess> {
    const state = await this.state(identity.workshopId);
    return this.accessIn(state, identity, boardId);
  }

  private accessIn(state: WorkshopState, identity: Identity, boardId: string): BoardAccess {
    const board = state.boards.find((b) => b.id === boardId);
    return board ? boardAccess(state, board, identity) : 'read';
  }

  /** Who a connection is, as others see it in awareness (stamped by the server). */
  async presence(identity: Identity): Promise<Record<string, unknown>> {
    return this.presenceIn(await this.state(identity.workshopId), identity);
  }

  private presenceIn(state: WorkshopState, identity: Identity): Record<string, unknown> {
    const p = state.participants.find((x) => x.id === identity.participantId);
    return {
      name: p?.name ?? '?',
      role: identity.role,
      groupId: p?.groupId ?? null,
      participantId: identity.participantId,
      color: participantColor(identity.participantId),
    };
  }

  /**
   * Closes this server's connections of the workshop's participants and observers (their
   * tokens were just revoked by a sign-out); facilitators stay.
   */
  private closeJoined(workshopId: string): void {
    for (const conn of this.governed.get(workshopId) ?? [])
      if (conn.identity.role !== 'facilitator')
        conn.close(CloseCode.signedOut, 'signed out by the facilitator');
  }

  /** Keeps a connection's rights in step with the workshop state until it closes. */
  async govern(conn: Governed): Promise<() => void> {
    const wid = conn.identity.workshopId;
    let set = this.governed.get(wid);
    if (!set) {
      set = new Set();
      this.governed.set(wid, set);
    }
    set.add(conn);
    await this.watch(wid);
    // A sign-out between the token check at the upgrade and now closed the set without this
    // connection: check its token's generations again (any later sign-out finds it in the set).
    const { generations, role } = conn.identity;
    const record = await this.storage.getWorkshop(wid);
    if (generations && (!record || !generationsCurrent(record, role, generations)))
      conn.close(CloseCode.signedOut, 'signed out by the facilitator');
    return () => {
      const s = this.governed.get(wid);
      s?.delete(conn);
      if (s && s.size === 0) {
        this.governed.delete(wid);
        this.unwatch(wid);
      }
    };
  }

  private async watch(workshopId: string): Promise<void> {
    if (this.watchers.has(workshopId)) return;
    const room = await this.registry.acquire(workshopDocId(workshopId));
    if (this.watchers.has(workshopId)) {
      this.registry.release(room);
      return;
    }
    room.holds++;
    const onUpdate = () => this.recompute(workshopId, room.doc);
    room.doc.on('update', onUpdate);
    this.watchers.set(workshopId, { room, off: () => room.doc.off('update', onUpdate) });
  }

  private unwatch(workshopId: string): void {
    const w = this.watchers.get(workshopId);
    if (!w) return;
    this.watchers.delete(workshopId);
    w.off();
    w.room.holds--;
    this.registry.release(w.room);
  }

  /** A lock, a group move or the end: every affected connection gets its new rights at once. */
  private recompute(workshopId: string, doc: Y.Doc): void {
    const state = readWorkshop(doc);
    for (const conn of this.governed.get(workshopId) ?? []) {
      const parsed = parseDocId(conn.docId);
      if (!parsed) continue;
      const stillMember = state.participants.some((p) => p.id === conn.identity.participantId);
      if (!stillMember) {
        conn.close(CloseCode.readOnly, 'no longer a member of this workshop');
        continue;
      }
      if (parsed.kind === 'board') conn.setAccess(this.accessIn(state, conn.identity, parsed.id));
      conn.setPresence(this.presenceIn(state, conn.identity));
    }
  }
}
