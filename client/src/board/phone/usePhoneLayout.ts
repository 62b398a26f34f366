import { useEffect, useState } from 'react';

/**
 * The phone layout's one switch: a screen narrower than 600 CSS px or lower than 480, whatever
 * the pointer (a small laptop window gets it too, and it works with a mouse). Touch alone does
 * not decide: a tablet has the room for the desktop layout. Low: a phone on its side, a 1280 ×
 * 800 laptop at 200 % (640 × 400): the desktop's header and toolbar left the board a strip of
 * 120 px there, with the zoom controls and the banners on top of each other (WCAG 1.4.4, 1.3.4).
 */
export const PHONE_QUERY = '(max-width: 600px), (max-height: 480px)';

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
