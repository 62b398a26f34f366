import { formatJoinCode } from '@torg/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { ShareLink } from '../../ui/CopyButton.js';
import { Modal } from '../../ui/Modal.js';
import { QrCode } from '../../ui/QrCode.js';
import { api, links } from '../api.js';
import { JoiningControls } from './JoiningControls.js';
import type { PanelProps } from './types.js';

/** Links, the join code and its QR code (also full-screen, for the projector). */
export function InvitePanel({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const largeId = useId();
  const { workshopId, token } = ctx;
  const [codes, setCodes] = useState<{
    joinCode: string;
    observerCode: string;
    joinOpen: boolean;
  } | null>(null);
  const [large, setLarge] = useState(false);
  const [coName, setCoName] = useState('');
  const [coLinks, setCoLinks] = useState<{ name: string; url: string }[]>([]);
  const [screenLink, setScreenLink] = useState('');

  useEffect(() => {
    let live = true;
    void run(() =>
      api.codes(workshopId, token).then((c) => {
        if (live) setCodes(c);
      }),
    );

    return () => {
      live = false;
    };
  }, [workshopId, token, run]);

  const participantLink = codes ? links.participant(codes.joinCode) : '';
  // Live from the workshop document (closing or reopening shows at once), else as fetched.
  const joinOpen = ctx.state.meta?.joinOpen ?? codes?.joinOpen ?? true;
  const host = window.location.host;

  const addCo = async (e: FormEvent) => {
    e.preventDefault();
    const name = coName.trim();
    if (!name) return;
    await run(async () => {
      const r = await api.addFacilitator(workshopId, token, name);
      setCoLinks((l) => [...l, { name, url: links.facilitator(workshopId, r.token) }]);
      setCoName('');
    });
  };

  return (
    <section className="card invite" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('console.invite')}</h2>
      {codes ? (
        <div className="invite-grid">
          <div className="qr-box">
            <QrCode
              text={participantLink}
              label={t('console.qrLabel', { link: participantLink })}
            />
            <button type="button" className="btn" onClick={() => setLarge(true)}>
              {t('console.showLarge')}
            </button>
          </div>
          <div className="invite-details">
            <p className="join-code-label">{t('console.joinCode')}</p>
            <p className="join-code" data-testid="join-code">
              {formatJoinCode(codes.joinCode)}
            </p>
            <p className="muted">{t('console.joinAt', { host })}</p>
            <ShareLink label={t('console.participantLink')} url={participantLink} />
            <ShareLink
              label={t('console.observerLink')}
              url={links.participant(codes.observerCode)}
              hint={t('console.observerHint')}
            />
            {screenLink ? (
              <>
                <ShareLink label={t('screen.link')} url={screenLink} hint={t('screen.linkHint')} />
                <a className="btn" href={screenLink} target="_blank" rel="noopener">
                  {t('screen.open')}
                </a>
              </>
            ) : (
              <button
                type="button"
                className="btn"
                title={t('screen.linkHint')}
                onClick={() =>
                  run(() =>
                    api
                      .screen(workshopId, token)
                      .then((s) => setScreenLink(links.screen(workshopId, s.token))),
                  )
                }
              >
                {t('screen.make')}
              </button>
            )}
            <JoiningControls
              ctx={ctx}
              run={run}
              joinOpen={codes.joinOpen}
              onCodes={(fresh) => setCodes((c) => c && { ...c, ...fresh })}
            />
          </div>
        </div>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
      <details className="facilitator-links">
        <summary>{t('console.facilitatorLink')}</summary>
        <ShareLink
          label={t('console.facilitatorLink')}
          url={links.facilitator(workshopId, token)}
          hint={t('console.facilitatorLinkHint')}
        />
        <form className="inline-form co-facilitator" onSubmit={addCo} noValidate>
          <label htmlFor={`${headingId}-co`} className="field-label">
            {t('console.addCoFacilitator')}
          </label>
          <input
            id={`${headingId}-co`}
            className="input"
            placeholder={t('console.coFacilitatorName')}
            aria-label={t('console.coFacilitatorName')}
            value={coName}
            maxLength={80}
            onChange={(e) => setCoName(e.target.value)}
          />
          <button type="submit" className="btn" disabled={!coName.trim()}>
            {t('console.add')}
          </button>
        </form>
        {coLinks.map((c) => (
          <ShareLink
            key={c.url}
            label={t('console.coFacilitatorLink', { name: c.name })}
            url={c.url}
            hint={t('console.facilitatorLinkHint')}
          />
        ))}
      </details>
      <Modal open={large} onClose={() => setLarge(false)} labelledBy={largeId} className="qr-large">
        <h2 id={largeId} className="qr-large-title">
          {ctx.state.meta?.title}
        </h2>
        <div className="qr-large-body">
          <QrCode text={participantLink} label={t('console.qrLabel', { link: participantLink })} />
          <div>
            <p className="muted qr-large-hint">{t('console.joinAt', { host })}</p>
            <p className="join-code join-code-huge">
              {codes ? formatJoinCode(codes.joinCode) : ''}
            </p>
            {!joinOpen && (
              <p className="qr-large-closed" role="status">
                {t('console.joiningClosedLarge')}
              </p>
            )}
            <p className="qr-large-url">{participantLink}</p>
          </div>
        </div>
        <form method="dialog">
          <button type="submit" className="btn btn-primary btn-large">
            {t('console.close')}
          </button>
        </form>
      </Modal>
    </section>
  );
}
