import { type MessageKey, WORKSHOP_EXPORT_FORMATS, type WorkshopExportFormat } from '@torg/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { errorKey } from '../api.js';
import { type ExportJob, exportsApi } from '../export/exports-api.js';
import { GatheringLocale } from './GatheringLocale.js';
import type { PanelProps } from './types.js';

const POLL_MS = 400;

const LABEL: Record<WorkshopExportFormat, MessageKey> = {
  pdf: 'exports.pdf',
  docx: 'exports.docx',
  csv: 'exports.csv',
  md: 'exports.md',
  json: 'exports.json',
  zip: 'exports.zip',
};
const HINT: Record<WorkshopExportFormat, MessageKey> = {
  pdf: 'exports.pdfHint',
  docx: 'exports.docxHint',
  csv: 'exports.csvHint',
  md: 'exports.mdHint',
  json: 'exports.jsonHint',
  zip: 'exports.zipHint',
};

/**
 * The whole workshop for the report, in one click per format: the server makes the file as a
 * job; the panel shows its progress, then downloads it. Anonymise turns every participant
 * into "Deltaker 1, 2, …" in every file. Cancelling leaves nothing on the server.
 */
export function ExportPanel({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const { workshopId, token } = ctx;
  const [anonymise, setAnonymise] = useState(false);
  // The boards' pictures in the PDF and Word report on A3: larger, fewer section pages.
  const [a3, setA3] = useState(false);
  const [job, setJob] = useState<ExportJob | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const running = job?.state === 'running';

  // Follow a running job until it ends; a finished one is downloaded at once.
  useEffect(() => {
    if (job?.state !== 'running') return;
    const timer = setTimeout(() => {
      exportsApi.get(workshopId, token, job.id).then(
        ({ job: next }) => {
          if (!alive.current) return;
          setJob(next);
          if (next.state === 'done') {
            setMessage(t('exports.ready', { name: next.filename ?? '' }));
            exportsApi.download(workshopId, token, next).catch((err: unknown) => {
              setError(t(errorKey(err)));
            });
          }
          if (next.state === 'failed') setError(t('exports.failed'));
        },
        (err: unknown) => setError(t(errorKey(err))),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, workshopId, token, t]);

  const start = (format: WorkshopExportFormat) => {
    setError('');
    setMessage(t('exports.started', { format: t(LABEL[format]) }));
    exportsApi.start(workshopId, token, { format, anonymise, paper: a3 ? 'a3' : 'a4' }).then(
      ({ job: j }) => setJob(j),
      (err: unknown) => {
        setMessage('');
        setError(t(errorKey(err)));
      },
    );
  };

  const cancel = () => {
    if (!job) return;
    exportsApi.cancel(workshopId, token, job.id).then(
      ({ job: j }) => {
        setJob(j);
        setMessage(t('exports.cancelled'));
      },
      (err: unknown) => setError(t(errorKey(err))),
    );
  };

  const percent = job ? Math.round((job.done / Math.max(1, job.total)) * 100) : 0;

  return (
    <section className="card exports" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('exports.title')}</h2>
      <p className="field-hint">{t('exports.hint')}</p>
      <GatheringLocale ctx={ctx} run={run} disabled={running} />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={anonymise}
          disabled={running}
          onChange={(e) => setAnonymise(e.target.checked)}
        />{' '}
        {t('exports.anonymise')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={a3}
          disabled={running}
          onChange={(e) => setA3(e.target.checked)}
        />{' '}
        {t('exports.a3')}
      </label>
      <ul className="export-formats">
        {WORKSHOP_EXPORT_FORMATS.map((f) => (
          <li key={f}>
            <button
              type="button"
              className={f === 'zip' ? 'btn btn-primary' : 'btn'}
              disabled={running}
              aria-describedby={`${headingId}-${f}`}
              onClick={() => start(f)}
            >
              {t(LABEL[f])}
            </button>
            <span id={`${headingId}-${f}`} className="field-hint">
              {t(HINT[f])}
            </span>
          </li>
        ))}
      </ul>
      {job && (
        <div className="export-progress">
          <label htmlFor={`${headingId}-progress`}>
            {t('exports.progress', { format: t(LABEL[job.format as WorkshopExportFormat]) })}
          </label>
          <progress id={`${headingId}-progress`} max={100} value={percent}>
            {percent} %
          </progress>
          <span aria-hidden="true">{percent} %</span>
          {running && (
            <button type="button" className="btn btn-quiet" onClick={cancel}>
              {t('exports.cancel')}
            </button>
          )}
          {job.state === 'done' && (
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() =>
                exportsApi
                  .download(workshopId, token, job)
                  .catch((err: unknown) => setError(t(errorKey(err))))
              }
            >
              {t('exports.downloadAgain')}
            </button>
          )}
        </div>
      )}
      <p role="status" className="field-hint">
        {message}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
