import { entryOf } from './maps.js';

/**
 * Notes grouped by the terms they share: each note a vector of its terms weighted by how rare
 * they are (tf-idf, each term once), compared by cosine, then joined bottom-up by average
 * linkage: the two groups whose notes are on average most alike are joined, until no two
 * groups are alike by `threshold` or more. Average linkage keeps a theme from growing a chain
 * of notes that each resemble only the last one.
 *
 * Only pairs that share a term are ever compared, so a thousand notes take milliseconds, not
 * the million comparisons of every pair.
 */
export function clusterByTerms(
  terms: readonly (readonly string[])[],
  groups: readonly (string | null)[],
  threshold: number,
) {
  const weights = termWeights(terms, groups);
  const similar = similarities(terms, weights);
  return averageLinkage(terms.length, similar, threshold);
}

/**
 * How much a word only one note uses counts: it can make no two notes alike, but a note that
 * says much more than what it shares is less like the others than one that says only that.
 * Fully counted, the rare words of short notes outweigh the word they share (in a board of
 * nine notes, "møter" in "For mange møter i uka" and "Lange møter uten resultat"); not
 * counted, one shared word makes two notes alike however different the rest.
 */
const ONE_NOTE_SHARE = 0.5;

/**
 * Each term's weight: ln(notes / notes with the term), times the share of the groups that
 * use it (a word only one note uses: `ONE_NOTE_SHARE` of that). Across boards the themes wanted are the ones groups share, so a word only one
 * group wrote ("PPT", "byggesak") must not outweigh the word five groups wrote ("ansvar");
 * within one group's board the share is 1 for every word.
 */
export function termWeights(
  terms: readonly (readonly string[])[],
  groups: readonly (string | null)[],
): Map<string, number> {
  const counts = new Map<string, number>();
  const users = new Map<string, Set<string | null>>();
  terms.forEach((list, note) => {
    const group = groups[note] ?? null;
    for (const term of list) {
      counts.set(term, (counts.get(term) ?? 0) + 1);
      entryOf(users, term, () => new Set()).add(group);
    }
  });
  const allGroups = new Set(groups).size || 1;
  const weights = new Map<string, number>();
  for (const [term, n] of counts)
    weights.set(
      term,
      (n < 2 ? ONE_NOTE_SHARE : 1) *
        Math.log(terms.length / n) *
        ((users.get(term)?.size ?? 1) / allGroups),
    );
  return weights;
}

/** The cosine of every pair of notes sharing a term: per note, the later notes it resembles. */
function similarities(
  terms: readonly (readonly string[])[],
  weights: Map<string, number>,
): Map<number, number>[] {
  const norms = terms.map((list) =>
    Math.sqrt(list.reduce((sum, term) => sum + (weights.get(term) ?? 0) ** 2, 0)),
  );
  const postings = new Map<string, number[]>();
  terms.forEach((list, note) => {
    for (const term of list) {
      const notes = postings.get(term);
      if (notes) notes.push(note);
      else postings.set(term, [note]);
    }
  });
  const rows = terms.map(() => new Map<number, number>());
  for (const [term, notes] of postings) {
    const weight = weights.get(term) ?? 0;
    if (notes.length < 2 || weight === 0) continue;
    for (let a = 0; a < notes.length; a++) {
      const i = notes[a] as number;
      const row = rows[i] as Map<number, number>;
      for (let b = a + 1; b < notes.length; b++) {
        const j = notes[b] as number;
        row.set(j, (row.get(j) ?? 0) + weight * weight);
      }
    }
  }
  rows.forEach((row, i) => {
    for (const [j, dot] of row) row.set(j, dot / ((norms[i] ?? 1) * (norms[j] ?? 1)));
  });
  return rows;
}

interface Group {
  members: number[];
  /** Other live groups → the sum of similarities between their notes and ours. */
  near: Map<number, number>;
}

function averageLinkage(count: number, rows: Map<number, number>[], threshold: number): number[][] {
  const groups = new Map<number, Group>();
  for (let i = 0; i < count; i++) groups.set(i, { members: [i], near: new Map() });
  const heap = new PairHeap();
  rows.forEach((row, i) => {
    for (const [j, sim] of row) {
      groups.get(i)?.near.set(j, sim);
      groups.get(j)?.near.set(i, sim);
      if (sim >= threshold) heap.push(sim, i, j);
    }
  });
  let next = count;
  for (let top = heap.pop(); top; top = heap.pop()) {
    const a = groups.get(top.a);
    const b = groups.get(top.b);
    // A pair whose group was joined since is stale; a live pair's average is still current.
    if (!a || !b) continue;
    const id = next++;
    const joined: Group = { members: [...a.members, ...b.members], near: new Map() };
    for (const [other, sum] of [...a.near, ...b.near]) {
      if (other === top.a || other === top.b) continue;
      joined.near.set(other, (joined.near.get(other) ?? 0) + sum);
    }
    groups.delete(top.a);
    groups.delete(top.b);
    for (const [other, sum] of joined.near) {
      const neighbour = groups.get(other) as Group;
      neighbour.near.delete(top.a);
      neighbour.near.delete(top.b);
      neighbour.near.set(id, sum);
      const average = sum / (joined.members.length * neighbour.members.length);
      if (average >= threshold) heap.push(average, other, id);
    }
    groups.set(id, joined);
  }
  return [...groups.values()].map((g) => g.members.sort((x, y) => x - y));
}

/** A max-heap of pairs by similarity; ties go to the older pair, so results never vary. */
class PairHeap {
  private readonly items: { sim: number; a: number; b: number }[] = [];

  push(sim: number, a: number, b: number): void {
    const items = this.items;
    items.push({ sim, a: Math.min(a, b), b: Math.max(a, b) });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { sim: number; a: number; b: number } | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = i * 2 + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && this.above(left, best)) best = left;
        if (right < items.length && this.above(right, best)) best = right;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }

  private above(i: number, j: number): boolean {
    const x = this.items[i] as { sim: number; a: number; b: number };
    const y = this.items[j] as { sim: number; a: number; b: number };
    return x.sim > y.sim || (x.sim === y.sim && (x.a < y.a || (x.a === y.a && x.b < y.b)));
  }

  private swap(i: number, j: number): void {
    const items = this.items;
    [items[i], items[j]] = [items[j] as (typeof items)[number], items[i] as (typeof items)[number]];
  }
}
