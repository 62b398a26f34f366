import { type Locale, translate, type WorkshopState } from '@torg/shared';

/**
 * The order participants are numbered in when anonymised: group members group by group (in
 * join order), then everyone else (no group, observers, facilitators) in join order.
 */
function numberingOrder(state: WorkshopState): string[] {
  const order: string[] = [];
  for (const g of state.groups)
    for (const p of state.participants) if (p.groupId === g.id) order.push(p.id);
  for (const p of state.participants) if (!order.includes(p.id)) order.push(p.id);
  return order;
}

/**
 * Names of participants by id, for every writer of an export (report, ZIP, backup). With
 * `anonymise`, each participant is "Deltaker N" ("Participant N"), numbered once for the whole
 * workshop (see `numberingOrder`), so the same person has the same number everywhere; ids the
 * workshop no longer knows get the next numbers. Null (made by the server) is ''.
 *
 * Only name fields are replaced: names people typed into the content of a board are their
 * content and stay as written.
 */
export function nameMap(
  state: WorkshopState,
  anonymise: boolean,
  locale: Locale,
): (participantId: string | null) => string {
  return namer(state, anonymise, locale);
}

/** `nameMap` with a fallback name for people the workshop no longer knows (comment authors). */
export function namer(
  state: WorkshopState,
  anonymise: boolean,
  locale: Locale,
): (participantId: string | null, fallback?: string) => string {
  const numbers = new Map<string, number>();
  for (const id of numberingOrder(state)) numbers.set(id, numbers.size + 1);
  const names = new Map(state.participants.map((p) => [p.id, p.name]));
  return (id, fallback) => {
    if (id === null) return '';
    if (anonymise) {
      let n = numbers.get(id);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(id, n);
      }
      return translate(locale, 'export.participantN', { n });
    }
    return names.get(id) ?? (fallback || translate(locale, 'export.unknownPerson'));
  };
}
