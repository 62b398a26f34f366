import { useEffect, useState } from 'react';
import { signInOutcome } from '../accounts/account-api.js';
import { useAuthStatus } from '../accounts/useAuthStatus.js';
import { useT } from '../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../i18n/LocaleSwitch.js';
import { CreateWorkshopForm } from './home/CreateWorkshopForm.js';
import { FacilitatorCard } from './home/FacilitatorCard.js';
import { ImportWorkshopForm } from './home/ImportWorkshopForm.js';
import { JoinCodeForm } from './home/JoinCodeForm.js';
import { MyWorkshops } from './home/MyWorkshops.js';
import { ScratchBoard } from './home/ScratchBoard.js';
import type { SignInNotice } from './home/SignInMessage.js';
import './home/home.css';

/**
 * The start page. Participants first: join with a code, no account. Then the facilitators:
 * signed out, how to sign in; signed in, their own gatherings, a new one, an import. The open
 * board without a gathering only where the server allows open boards.
 */
export function HomePage() {
  const t = useT();
  const { auth, reload } = useAuthStatus();
  const [notice, setNotice] = useState<SignInNotice | null>(() =>
    signInOutcome(window.location.search),
  );
  const status = auth.kind === 'ready' ? auth.status : null;
  const facilitator = status?.facilitator ?? null;

  useEffect(() => {
    document.title = t('app.name');
    // The sign-in's report is shown once: a reload or a bookmark should not repeat it.
    if (signInOutcome(window.location.search))
      window.history.replaceState(window.history.state, '', window.location.pathname);
  }, [t]);

  /** The server no longer knows this session (signed out elsewhere, expired). */
  const sessionLost = () => {
    setNotice('expired');
    reload();
  };

  return (
    <main className="page page-wide home">
      <header className="home-header">
        <h1>{t('app.name')}</h1>
        <LocaleSwitch />
      </header>
      <p className="tagline">{t('app.tagline')}</p>
      <div className="home-columns home-top">
        <JoinCodeForm />
        <FacilitatorCard
          auth={auth}
          notice={facilitator ? null : notice}
          onRetry={reload}
          onSignedOut={() => {
            setNotice(null);
            reload();
          }}
        />
      </div>
      {facilitator && (
        <div className="home-columns home-desk" key={facilitator.id}>
          <div className="home-side">
            <MyWorkshops onSignedOut={sessionLost} />
            <ImportWorkshopForm onSignedOut={sessionLost} />
          </div>
          <CreateWorkshopForm accountName={facilitator.name} onSignedOut={sessionLost} />
        </div>
      )}
      {/* The open board is a side door: last, in the left column. */}
      {status?.openBoards && (
        <div className="home-columns home-more">
          <ScratchBoard />
        </div>
      )}
    </main>
  );
}
