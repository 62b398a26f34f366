import { type WorkshopState, writeMeta } from '@torg/shared';
import type { TokenSigner } from '../auth/tokens.js';
import type { ClusterBus } from '../cluster/bus.js';
import { type Coordinator, LocalCoordinator } from '../cluster/coordinator.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { DocRegistry } from '../sync/doc-registry.js';
import { AgendaService } from './agenda.js';
import { BoardAuthors } from './authors.js';
import { BoardCopier } from './board-copy.js';
import { BoardService } from './boards.js';
import { CommentService } from './comments.js';
import { FollowUp } from './follow-up.js';
import { InputRounds } from './input-rounds.js';
import { JoiningControl } from './joining.js';
import { LifecycleService } from './lifecycle.js';
import { LiveAccess } from './live-access.js';
import { MarketService } from './market.js';
import { MembershipService } from './membership.js';
import { PresentationService } from './presentation.js';
import { SeriesService } from './series.js';
import { ThemeService } from './themes.js';
import { TimerService } from './timer.js';
import { VoteService } from './votes.js';
import { WorkshopDocs } from './workshop-state.js';

export type { Authorization, Governed } from './live-access.js';

/**
 * Workshops: the server-authoritative control state, as small services with one job each,
 * built and wired together here. Every change goes through a validated command of one of
 * them and is written into the workshop document (through `WorkshopDocs.change`) with the
 * server origin; clients only read that document. Routes call the service they need.
 */
export class WorkshopService {
  /** Reading the workshop document, and the one way commands change it. */
  readonly docs: WorkshopDocs;
  /** Making a workshop, joining, facilitators, names and groups of people, tokens. */
  readonly members: MembershipService;
  /** What each connection may do, at the upgrade and while it is open. */
  readonly access: LiveAccess;
  /** Phases, boards, locks, the message and "bring everyone here". */
  readonly boards: BoardService;
  /** The facilitator's timer. */
  readonly timer: TimerService;
  /** The market square's setup, hosts and rounds. */
  readonly market: MarketService;
  /** Ending, automatic deletion and deleting a workshop. */
  readonly lifecycle: LifecycleService;
  /** Comments and suggestions on the workshop's boards (`c.<boardId>` documents). */
  readonly comments: CommentService;
  /** Dot voting (control key `vote`; dots in the `c.<boardId>` documents). */
  readonly votes: VoteService;
  /** Joining open or closed, and code rotation (see `joining.ts`). */
  readonly joining: JoiningControl;
  /** Who made each object of a board (for the label on hover and focus). */
  readonly authors: BoardAuthors;
  /** The plan of the day and "Start neste steg" (drives the services above). */
  readonly agenda: AgendaService;
  /** Presentation mode: a board shown to everyone, section by section. */
  readonly presentation: PresentationService;
  /** Series of gatherings: the next gathering, boards brought forward, the assignment. */
  readonly series: SeriesService;
  /** Input rounds for stakeholders outside the room (`i.<workshopId>` documents). */
  readonly inputs: InputRounds;
  /** Measures on the boards, their owners, due dates and status, across a series. */
  readonly followUp: FollowUp;
  /** Themes across boards ("Mye er sammenfallende"). */
  readonly themes: ThemeService;

  constructor(
    storage: Storage,
    registry: DocRegistry,
    tokens: TokenSigner,
    logger: Logger,
    coordinator: Coordinator = new LocalCoordinator(),
    bus: ClusterBus | null = null,
    /**
     * `openBoards`: a board id of no workshop is an open scratch board anyone may use (the
     * `TORG_OPEN_BOARDS` setting); off, such an id is 404. `maxPeople`: per workshop.
     */
    options: { openBoards?: boolean; maxPeople?: number } = {},
  ) {
    const docs = new WorkshopDocs(registry, coordinator);
    this.docs = docs;
    this.members = new MembershipService(storage, docs, tokens, logger, options);
    this.access = new LiveAccess(storage, registry, docs, (t) => this.members.identify(t), options);
    this.boards = new BoardService(storage, registry, docs);
    this.timer = new TimerService(docs);
    this.market = new MarketService(docs);
    this.comments = new CommentService(registry, (id) => docs.state(id), logger);
    this.votes = new VoteService(registry, logger, coordinator);
    this.authors = new BoardAuthors(registry, (id) => docs.state(id));
    this.presentation = new PresentationService(docs, this.timer);
    this.agenda = new AgendaService(docs, coordinator, {
      boards: this.boards,
      market: this.market,
      votes: this.votes,
      timer: this.timer,
      presentation: this.presentation,
    });
    this.series = new SeriesService(
      storage,
      docs,
      this.members,
      new BoardCopier(storage, registry, docs),
    );
    this.inputs = new InputRounds(registry, coordinator, docs);
    this.followUp = new FollowUp(registry, docs);
    this.themes = new ThemeService(registry, coordinator, docs);
    this.joining = new JoiningControl({
      storage,
      coordinator,
      logger,
      mirrorJoinOpen: (workshopId, open) =>
        docs.change(workshopId, (doc) => writeMeta(doc, { joinOpen: open })),
      signOutJoined: (workshopId) => {
        this.access.closeJoined(workshopId);
        bus?.publishControl({ type: 'workshop-signed-out', workshopId });
      },
    });
    this.lifecycle = new LifecycleService(
      storage,
      registry,
      docs,
      this.joining,
      this.access,
      logger,
      bus,
    );
    bus?.onControl((m) => {
      if (m.type === 'workshop-signed-out') return this.access.closeJoined(m.workshopId);
      if (m.type !== 'workshop-deleted') return;
      this.lifecycle
        .forget(m.workshopId, m.boardIds)
        .catch((err: unknown) =>
          logger.error('cluster.forget_failed', { workshopId: m.workshopId, error: String(err) }),
        );
    });
  }

  /** The workshop's state, validated. */
  state(workshopId: string): Promise<WorkshopState> {
    return this.docs.state(workshopId);
  }
}
