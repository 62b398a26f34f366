import { z } from '../zod.js';

/** The future journey's options (its milestone years) and the columns they make. */

const year = z.int().check(z.gte(1900), z.lte(2200));

export const templateOptionsSchema = z
  .object({
    firstYear: z.optional(year),
    horizonYear: z.optional(year),
    /** Intermediate milestones between the first year and the horizon. */
    steps: z.optional(z.int().check(z.gte(0), z.lte(6))),
  })
  .check(
    z.refine(
      (o) => (o.firstYear ?? 2020) < (o.horizonYear ?? 2035),
      'the horizon must come after the first milestone',
    ),
  );
export type TemplateOptions = z.infer<typeof templateOptionsSchema>;

export const FUTURE_DEFAULTS = { firstYear: 2020, horizonYear: 2035, steps: 2 } as const;

/** The milestone years of a future journey: first, evenly spaced steps, horizon. */
export function futureYears(options: TemplateOptions = {}): number[] {
  const first = options.firstYear ?? FUTURE_DEFAULTS.firstYear;
  const horizon = options.horizonYear ?? FUTURE_DEFAULTS.horizonYear;
  const steps = Math.min(options.steps ?? FUTURE_DEFAULTS.steps, Math.max(0, horizon - first - 1));
  const years = [first];
  for (let i = 1; i <= steps; i++)
    years.push(Math.round(first + ((horizon - first) * i) / (steps + 1)));
  years.push(horizon);
  return [...new Set(years)];
}

/**
 * The future journey's column headings in time order: the milestone years with "today" placed
 * where the current year falls (a milestone in the current year becomes "today (year)"), so a
 * 2020 milestone is never read as coming after today. `todayIndex` is the "today" column.
 */
export function futureColumns(
  options: TemplateOptions,
  currentYear: number,
  t: (key: 'template.future.today' | 'template.future.todayYear', year: number) => string,
): { labels: string[]; todayIndex: number } {
  const years = futureYears(options);
  const labels: string[] = [];
  let todayIndex = -1;
  for (const year of years) {
    if (todayIndex < 0 && year > currentYear) {
      todayIndex = labels.length;
      labels.push(t('template.future.today', currentYear));
    }
    if (year === currentYear) {
      todayIndex = labels.length;
      labels.push(t('template.future.todayYear', year));
    } else labels.push(String(year));
  }
  if (todayIndex < 0) {
    todayIndex = labels.length;
    labels.push(t('template.future.today', currentYear));
  }
  return { labels, todayIndex };
}
