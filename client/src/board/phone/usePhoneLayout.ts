import { useEffect, useState } from 'react';

/**
 * The phone layout's one switch: a screen narrower than 600 CSS px, whatever the pointer (a
 * small laptop window gets it too, and it works with a mouse). Touch alone does not decide: a
 * tablet has the room for the desktop layout.
 */
export const PHONE_QUERY = '(max-width: 600px)';

export function usePhoneLayout(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia?.(PHONE_QUERY).matches ?? false);
  useEffect(() => {
    const query = window.matchMedia?.(PHONE_QUERY);
    if (!query) return;
    const on = () => setPhone(query.matches);
    on();
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, []);
  return phone;
}
