import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Agenda,
  type AgendaStep,
  agendaSchema,
  clockText,
  endDay,
  minutesBehind,
  minutesOfDay,
  nextStep,
  plannedEnd,
  plannedStarts,
  replan,
  startNext,
} from './agenda.js';
import { readAgenda } from './workshop.js';
import { writeAgenda } from './workshop-doc.js';

const step = (id: string, minutes: number, more: Partial<AgendaStep> = {}): AgendaStep => ({
  id,
  kind: 'text',
  title: id,
  minutes,
  skipped: false,
  startedAt: null,
  endedAt: null,
  ...more,
});

// A morning: welcome, the future journey in groups, a break, the market square.
const day: Agenda = {
  dayStart: '09:00',
  steps: [
    step('welcome', 15),
    step('journey', 60, { kind: 'phase', template: 'future' }),
    step('break', 15, { kind: 'break' }),
    step('market', 45, { kind: 'market' }),
  ],
  currentId: null,
};
const times = (a: Agenda) => [...plannedStarts(a).values()].map(clockText);

describe('the plan of the day', () => {
  it('plans each step from the day start and the durations before it', () => {
    expect(times(day)).toEqual(['09:00', '09:15', '10:15', '10:30']);
    expect(clockText(plannedEnd(day))).toBe('11:15');
    expect(agendaSchema.safeParse(day).success).toBe(true);
  });

  it('a skipped step takes no time and is never started', () => {
    const skipped = replan(day, {
      dayStart: '09:00',
      steps: day.steps.map((s) => (s.id === 'break' ? { ...s, skipped: true } : s)),
    });
    if (!skipped) throw new Error('refused');
    expect(times(skipped)).toEqual(['09:00', '09:15', '10:15', '10:15']);
    const a = startNext(startNext(skipped, 1) ?? skipped, 2) ?? skipped;
    expect(nextStep(a)?.id).toBe('market');
  });

  it('"Start neste steg" ends the current step and starts the next, until none is left', () => {
    let a = day;
    for (const [i, id] of ['welcome', 'journey', 'break', 'market'].entries()) {
      a = startNext(a, 1000 * (i + 1)) ?? a;
      expect(a.currentId).toBe(id);
    }
    expect(a.steps.map((s) => [s.startedAt, s.endedAt])).toEqual([
      [1000, 2000],
      [2000, 3000],
      [3000, 4000],
      [4000, null],
    ]);
    expect(startNext(a, 5000)).toBeNull();
    expect(endDay(a, 5000).steps[3]?.endedAt).toBe(5000);
    expect(endDay(a, 5000).currentId).toBeNull();
  });

  it('says how far behind plan the next step will start', () => {
    // Times of day in UTC, to keep the sums plain.
    const at = (h: number, m: number) => Date.UTC(2026, 11, 4, h, m);
    // Before the day: against the first step's start.
    expect(minutesBehind(day, at(8, 50), 'UTC')).toBe(-10);
    // The welcome started 7 minutes late: the journey will too, if it takes its 15 minutes.
    const late = startNext(day, at(9, 7)) ?? day;
    expect(minutesBehind(late, at(9, 10), 'UTC')).toBe(7);
    // …and more once it runs over.
    expect(minutesBehind(late, at(9, 30), 'UTC')).toBe(15);
    // Started early: ahead.
    const early = startNext(day, at(8, 55)) ?? day;
    expect(minutesBehind(early, at(9, 0), 'UTC')).toBe(-5);
    // An evening's plan across midnight: the journey (planned 23.00) started at 22.50, so
    // the break planned at 00.00 comes at 23.50; or, once the journey runs over, at 00.10.
    const evening: Agenda = { ...day, dayStart: '22:45' };
    const night = startNext(startNext(evening, at(22, 45)) ?? day, at(22, 50)) ?? day;
    expect(minutesBehind(night, at(23, 40), 'UTC')).toBe(-10);
    expect(minutesBehind(night, at(0, 10) + 86_400_000, 'UTC')).toBe(10);
    // After the last step: nothing to be behind for.
    let all = day;
    for (let i = 0; i < 4; i++) all = startNext(all, at(9, i)) ?? all;
    expect(minutesBehind(all, at(12, 0), 'UTC')).toBeNull();
  });

  it('an edit keeps what happened: started steps keep their times, cannot go or be skipped', () => {
    const a = startNext(day, 1000) ?? day;
    const edit = (steps: AgendaStep[]) => ({ dayStart: '09:30', steps });
    // Re-timed and reordered: the started step keeps its start, the plan moves.
    const moved = replan(
      a,
      edit([
        { ...step('welcome', 20), startedAt: 99 },
        day.steps[3] as AgendaStep,
        day.steps[1] as AgendaStep,
      ]),
    );
    expect(moved?.steps[0]?.startedAt).toBe(1000);
    expect(moved && times(moved)).toEqual(['09:30', '09:50', '10:35']);
    expect(moved?.currentId).toBe('welcome');
    // Dropping or skipping the started step, or naming a step twice: refused.
    expect(replan(a, edit(day.steps.slice(1)))).toBeNull();
    expect(replan(a, edit([{ ...step('welcome', 15), skipped: true }]))).toBeNull();
    expect(replan(a, edit([step('x1234', 5), step('x1234', 5)]))).toBeNull();
  });

  it('reads the time of day in the gathering’s zone', () => {
    // 08:05 UTC on a December day is 09:05 in Oslo.
    expect(minutesOfDay(Date.UTC(2026, 11, 4, 8, 5), 'Europe/Oslo')).toBe(9 * 60 + 5);
  });

  it('refuses a plan the reader would not accept', () => {
    expect(agendaSchema.safeParse({ ...day, dayStart: '25:00' }).success).toBe(false);
    expect(agendaSchema.safeParse({ ...day, steps: [step('long', 481)] }).success).toBe(false);
    const many = Array.from({ length: 41 }, (_, i) => step(`s${i}xx`, 5));
    expect(agendaSchema.safeParse({ ...day, steps: many }).success).toBe(false);
  });

  it('is stored in the workshop document and read back; a damaged one reads as empty', () => {
    const doc = new Y.Doc();
    expect(readAgenda(doc).steps).toEqual([]);
    writeAgenda(doc, day);
    expect(readAgenda(doc)).toEqual(day);
    expect(() => writeAgenda(doc, { ...day, dayStart: '9' })).toThrow();
    doc.getMap('control').set('agenda', { steps: 'x' });
    expect(readAgenda(doc).steps).toEqual([]);
  });
});
