/** A copy of `set` with `key` in it (`on`) or not: what a checkbox in a list of them sets. */
export function toggled<T>(set: ReadonlySet<T>, key: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}
