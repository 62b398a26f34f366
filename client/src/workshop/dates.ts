/** Today in the browser's time zone as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const p = (v: number) => String(v).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
