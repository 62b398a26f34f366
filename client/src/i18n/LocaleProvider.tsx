import {
  DEFAULT_LOCALE,
  DEFAULT_MESSAGES,
  formatMessage,
  isLocale,
  type Locale,
  type MessageKey,
  type Messages,
} from '@torg/shared';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

import { allTexts } from './extra-texts.js';

const STORAGE_KEY = 'torg.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface LocaleContextValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

/**
 * Bokmål comes with the app; another language is its own chunk, downloaded when it is chosen
 * (and kept by the service worker for offline reloads).
 */
const LOAD: Record<Locale, () => Promise<Messages>> = {
  nb: () => Promise.resolve(DEFAULT_MESSAGES),
  nn: () => import('@torg/shared/locale/nn').then((m) => m.nn),
  en: () => import('@torg/shared/locale/en').then((m) => m.en),
};

function storedLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}

interface Loaded {
  locale: Locale;
  messages: Messages;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState<Locale>(storedLocale);
  const [loaded, setLoaded] = useState<Loaded | null>(() =>
    wanted === DEFAULT_LOCALE ? { locale: DEFAULT_LOCALE, messages: DEFAULT_MESSAGES } : null,
  );
  const shown = loaded?.locale;
  useEffect(() => {
    if (shown === wanted) return;
    let live = true;
    LOAD[wanted]().then(
      (messages) => live && setLoaded({ locale: wanted, messages }),
      // Not downloadable (offline, never fetched): stay in the language shown, or the default.
      () =>
        live && setLoaded((now) => now ?? { locale: DEFAULT_LOCALE, messages: DEFAULT_MESSAGES }),
    );
    return () => {
      live = false;
    };
  }, [wanted, shown]);
  useEffect(() => {
    if (shown) document.documentElement.lang = shown;
  }, [shown]);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setWanted(next);
  }, []);
  const value = useMemo<LocaleContextValue | null>(
    () =>
      loaded && {
        locale: loaded.locale,
        setLocale,
        // Read at each call: a chunk that loads later (the console) adds its texts first.
        t: (key, params) => formatMessage(allTexts(loaded.locale, loaded.messages), key, params),
      },
    [loaded, setLocale],
  );
  // Only while another language's texts download at the very start (one small request).
  if (!value) return null;
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const ctx = useContext(LocaleContext);
  if (!ctx) throw new Error('useLocale outside LocaleProvider');
  return ctx;
}

export function useT(): Translate {
  return useLocale().t;
}
