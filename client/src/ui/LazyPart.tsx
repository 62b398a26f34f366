import {
  Component,
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  type ReactNode,
  Suspense,
  useEffect,
  useState,
} from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { PageLoading } from './PageLoading.js';

/** A chunk of the app that could not be downloaded (offline, or replaced by a new version). */
export class PartLoadError extends Error {
  override name = 'PartLoadError';
}

/** A lazy component whose chunk can be fetched before it renders. */
export type LazyComponent<P> = LazyExoticComponent<ComponentType<P>> & { preload(): Promise<void> };

/**
 * A component that lives in its own chunk (`source`: an `import()` that picks the component
 * out of its module, or a `laterPart` shared with code that starts the download early),
 * downloaded the first time it renders or when `preload` is called. Failures become
 * `PartLoadError`, so `LazyPart` can tell them from a bug in the component.
 *
 * Once the chunk is there it renders at once: React otherwise suspends a lazy component on
 * its first render even when its module has arrived, and then holds the page back until 300 ms
 * after its "Laster …" was shown (React 19's reveal throttle), which made every page 300 ms
 * slower to appear and to open its board (issue 23). An already settled thenable lets React
 * read the component without suspending.
 */
export function lazyComponent<P extends object>(
  source: LaterPart<P> | (() => Promise<ComponentType<P>>),
): LazyComponent<P> {
  const part = typeof source === 'function' ? laterPart(source) : source;
  const component = lazy(() => {
    const ready = part.loaded;
    if (ready) {
      const settled = {
        // biome-ignore lint/suspicious/noThenProperty: a settled thenable is how React.lazy renders without suspending (above)
        then: (resolve: (m: { default: ComponentType<P> }) => void) => resolve({ default: ready }),
      };
      return settled as unknown as Promise<{ default: ComponentType<P> }>;
    }
    return part.load().then(
      (c) => ({ default: c }),
      (err: unknown) => {
        throw new PartLoadError(err instanceof Error ? err.message : String(err), { cause: err });
      },
    );
  });
  return Object.assign(component, {
    preload: () =>
      part.load().then(
        () => undefined,
        () => undefined,
      ),
  });
}

/**
 * Where a lazy part renders: while its chunk downloads, an announced "Laster …"; when the
 * download fails, a message and a way to load the page again (React.lazy remembers a failed
 * import, so trying again means reloading; offline, the service worker has the chunks).
 * `page`: the part is a whole page (the notices sit in the page's `main`).
 */
export function LazyPart({ children, page = true }: { children: ReactNode; page?: boolean }) {
  return (
    <LoadBoundary page={page}>
      <Suspense fallback={<Loading page={page} />}>{children}</Suspense>
    </LoadBoundary>
  );
}

/** A small part of a page in a chunk of its own (see `laterPart` and `Later`). */
export interface LaterPart<P> {
  /** The component once its chunk has arrived. */
  loaded: ComponentType<P> | null;
  load(): Promise<ComponentType<P>>;
  /** Starts the download now (failures are reported when the part is shown). */
  preload(): void;
}

/**
 * A small part of a page in a chunk of its own (`load` picks the component out of its module),
 * downloaded when it is first shown (`Later`) or when `preload` is called, whichever comes
 * first. For what a page does not need to appear: the board's context bar, outline and
 * minimap, fetched once the board is drawn (board/BoardPage.tsx).
 */
export function laterPart<P extends object>(load: () => Promise<ComponentType<P>>): LaterPart<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  const part: LaterPart<P> = {
    loaded: null,
    load: () => {
      loading ??= load().then(
        (component) => {
          part.loaded = component;
          return component;
        },
        (err: unknown) => {
          loading = null;
          throw err;
        },
      );
      return loading;
    },
    preload: () => void part.load().catch(() => {}),
  };
  return part;
}

/**
 * Shows a `laterPart` with `props`: at once when its chunk has arrived (as it has once the
 * board is drawn), else nothing until it arrives, and the reload notice if it cannot.
 */
export function Later<P extends object>({ part, ...props }: { part: LaterPart<P> } & P) {
  const [component, setComponent] = useState(() => part.loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (component) return;
    let live = true;
    part.load().then(
      (c) => live && setComponent(() => c),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [part, component]);
  if (failed) return <LoadFailedNotice page={false} />;
  const Part = component;
  return Part ? <Part {...(props as unknown as P)} /> : null;
}

function Loading({ page }: { page: boolean }) {
  const t = useT();
  if (page) return <PageLoading status={t('load.loading')} />;
  return (
    <p role="status" className="muted lazy-loading">
      {t('load.loading')}
    </p>
  );
}

function LoadFailedNotice({ page }: { page: boolean }) {
  const t = useT();
  const notice = (
    <div className="lazy-failed">
      <p className="error" role="alert">
        {t('load.failed')}
      </p>
      <button type="button" className="btn" onClick={() => window.location.reload()}>
        {t('load.reload')}
      </button>
    </div>
  );
  return page ? <main className="page">{notice}</main> : notice;
}

/** Catches only a chunk that failed to download; any other error goes on up as before. */
class LoadBoundary extends Component<
  { children: ReactNode; page: boolean },
  { error: unknown; caught: boolean }
> {
  override state = { error: null as unknown, caught: false };

  static getDerivedStateFromError(error: unknown): { error: unknown; caught: boolean } {
    return { error, caught: true };
  }

  override render(): ReactNode {
    if (!this.state.caught) return this.props.children;
    if (!(this.state.error instanceof PartLoadError)) throw this.state.error;
    return <LoadFailedNotice page={this.props.page} />;
  }
}
