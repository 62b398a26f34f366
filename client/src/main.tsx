import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './App.js';
import { LocaleProvider } from './i18n/LocaleProvider.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// The page's own chunks first (named in its head, so mostly there already): rendered before
// they arrive, React would show "Laster …" and hold the page back 300 ms (ui/LazyPart.tsx).
void preloadPage(window.location.pathname).then(() =>
  createRoot(root).render(
    <StrictMode>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </StrictMode>,
  ),
);

// The service worker keeps the app shell for offline reloads (production builds only; it
// needs a secure context, which localhost and HTTPS are). Registered after the page has
// loaded: installing it downloads the shell, which must not share a slow network with the
// page's own first load.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((err: unknown) => {
      console.warn('service worker registration failed', err);
    });
  });
}
