import { useT } from '../../i18n/LocaleProvider.js';

/** Why the facilitator is not (or no longer) signed in, when the server told us. */
export type SignInNotice = 'denied' | 'failed' | 'expired';

const KEYS = {
  denied: 'account.denied',
  failed: 'account.failed',
  expired: 'account.expired',
} as const;

export function SignInMessage({ notice }: { notice: SignInNotice }) {
  const t = useT();
  return (
    <p className="error sign-in-message" role="alert">
      {t(KEYS[notice])}
    </p>
  );
}
