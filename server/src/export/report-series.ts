import {
  countedInputs,
  type InputRound,
  isLate,
  type MeasureStatus,
  type StakeholderInput,
  stakeholderOf,
  type TextKey,
} from '@torg/shared';
import type { ReportInputRound, ReportMeasure } from './report-model.js';
import type { BoardData } from './source.js';

/** How many of a round's inputs the report quotes (the rest are in the counts). */
export const MAX_QUOTES = 40;

export const MEASURE_STATUS_KEYS: Record<MeasureStatus, TextKey> = {
  planned: 'measure.planned',
  started: 'measure.started',
  done: 'measure.done',
  dropped: 'measure.dropped',
};

/**
 * The measures on the gathering's boards (notes with an owner, a due date and a status), in
 * board order: the follow-up part of the report. Late is judged on the day the report is made.
 */
export function reportMeasures(
  boards: readonly BoardData[],
  groupName: Map<string, string>,
  today: string,
): ReportMeasure[] {
  const out: ReportMeasure[] = [];
  for (const { board, shapes } of boards) {
    if (board.archived) continue;
    for (const shape of shapes) {
      if (shape.type !== 'sticky' || !shape.measure) continue;
      out.push({
        text: shape.text,
        board: board.name,
        group: board.groupId ? (groupName.get(board.groupId) ?? null) : null,
        owner: shape.measure.owner,
        due: shape.measure.due,
        status: shape.measure.status,
        late: isLate(shape.measure, today),
      });
    }
  }
  return out;
}

/**
 * The gathering's input rounds: the question, how many inputs came from each stakeholder type
 * (approved ones and the duplicates merged into them), and the approved inputs as quotes.
 * Names only where the contributor gave one (an anonymised export's source has none).
 */
export function reportInputRounds(inputs: {
  rounds: readonly InputRound[];
  inputs: readonly StakeholderInput[];
}): ReportInputRound[] {
  return inputs.rounds.map((round) => {
    const all = inputs.inputs.filter((i) => i.roundId === round.id);
    const counted = countedInputs(all);
    const quoted = all.filter((i) => i.status === 'approved' && !i.mergedInto);
    return {
      question: round.question,
      counts: round.stakeholders.map((s) => ({
        label: s.label,
        count: counted.filter((i) => i.stakeholderId === s.id).length,
      })),
      quotes: quoted.slice(0, MAX_QUOTES).map((i) => ({
        text: i.text,
        stakeholder: stakeholderOf(inputs.rounds, i)?.label ?? '',
        name: i.name,
      })),
      moreQuotes: Math.max(0, quoted.length - MAX_QUOTES),
    };
  });
}
