import { newId } from '../ids.js';
import type { Locale } from '../locale/index.js';
import { isBoxShape, type Shape } from '../schema.js';
import type { Terminal } from '../shapes/connector.js';
import {
  FUTURE_DEFAULTS,
  futureColumns,
  futureYears,
  type TemplateOptions,
} from './future-columns.js';
import { rowGrid, TemplateBuilder } from './layout.js';

export const BUILTIN_TEMPLATES = [
  'blank',
  'future',
  'stakeholders',
  'journey',
  'insights',
  'goals',
] as const;
export type BuiltinTemplateId = (typeof BUILTIN_TEMPLATES)[number];

export function isBuiltinTemplate(value: unknown): value is BuiltinTemplateId {
  return typeof value === 'string' && (BUILTIN_TEMPLATES as readonly string[]).includes(value);
}

export {
  FUTURE_DEFAULTS,
  futureColumns,
  futureYears,
  type TemplateOptions,
  templateOptionsSchema,
} from './future-columns.js';

const COL = 460;
const ROW = 470;

function future(b: TemplateBuilder, options: TemplateOptions, currentYear: number): void {
  const years = futureYears(options);
  const columns = futureColumns(options, currentYear, (key, year) => b.t(key, { year }));
  const horizon = years[years.length - 1] ?? FUTURE_DEFAULTS.horizonYear;
  b.text({
    x: 0,
    y: -150,
    w: 1600,
    text: b.t('template.future.title', { first: years[0] ?? '', horizon }),
    size: 'xl',
    bold: true,
  });
  const grid = rowGrid(b, {
    x: 0,
    y: 0,
    columns: columns.labels,
    rows: [
      { key: 'future.trends', title: b.t('template.future.trends'), color: 'blue' },
      { key: 'future.meaning', title: b.t('template.future.meaning'), color: 'grey' },
      { key: 'future.actions', title: b.t('template.future.actions'), color: 'green' },
      { key: 'future.who', title: b.t('template.future.who'), color: 'pink' },
    ],
    colW: COL,
    rowH: ROW,
  });
  // The suggested trends, in "today" on the trends row.
  const todayX = grid.columnX(columns.todayIndex);
  const trends = [
    'template.future.trend1',
    'template.future.trend2',
    'template.future.trend3',
    'template.future.trend4',
  ] as const;
  trends.forEach((key, i) => {
    b.sticky({
      x: todayX + 20 + (i % 2) * 215,
      y: grid.rowY(0) + 20 + Math.floor(i / 2) * 215,
      text: b.t(key),
      color: 'blue',
    });
  });
  const visionX = grid.right + 140;
  b.frame({
    x: visionX,
    y: grid.rowY(0),
    w: 1000,
    h: grid.bottom - grid.rowY(0),
    name: b.t('template.future.vision', { horizon }),
    section: 'future.vision',
    color: 'yellow',
  });
  b.text({
    x: visionX + 30,
    y: grid.rowY(0) + 24,
    w: 940,
    text: b.t('template.future.visionGuide', { horizon }),
    guide: true,
  });
}

function stakeholders(b: TemplateBuilder): void {
  const Q = 900;
  const left = 560;
  b.text({
    x: 0,
    y: -150,
    w: 1600,
    text: b.t('template.stakeholders.title'),
    size: 'xl',
    bold: true,
  });
  b.frame({
    x: 0,
    y: 0,
    w: 480,
    h: 2 * Q + 40,
    name: b.t('template.stakeholders.unplaced'),
    section: 'stakeholders.unplaced',
    color: 'white',
  });
  // Influence up, interest right.
  b.frame({
    x: left,
    y: 0,
    w: Q,
    h: Q,
    name: b.t('template.stakeholders.keepSatisfied'),
    section: 'stakeholders.keepSatisfied',
    color: 'yellow',
  });
  b.frame({
    x: left + Q + 40,
    y: 0,
    w: Q,
    h: Q,
    name: b.t('template.stakeholders.manageClosely'),
    section: 'stakeholders.manageClosely',
    color: 'pink',
  });
  b.frame({
    x: left,
    y: Q + 40,
    w: Q,
    h: Q,
    name: b.t('template.stakeholders.monitor'),
    section: 'stakeholders.monitor',
    color: 'grey',
  });
  b.frame({
    x: left + Q + 40,
    y: Q + 40,
    w: Q,
    h: Q,
    name: b.t('template.stakeholders.keepInformed'),
    section: 'stakeholders.keepInformed',
    color: 'green',
  });
  b.text({
    x: left + 2 * Q + 80,
    y: 0,
    w: 260,
    text: b.t('template.stakeholders.influence'),
    size: 'l',
    bold: true,
  });
  b.text({
    x: left + 2 * Q - 260,
    y: 2 * Q + 70,
    w: 300,
    text: b.t('template.stakeholders.interest'),
    size: 'l',
    bold: true,
  });
  const cards = [
    'template.stakeholders.employees',
    'template.stakeholders.users',
    'template.stakeholders.relatives',
    'template.stakeholders.unions',
    'template.stakeholders.politicians',
    'template.stakeholders.userOrgs',
    'template.stakeholders.management',
  ] as const;
  cards.forEach((key, i) => {
    b.sticky({
      x: 20 + (i % 2) * 220,
      y: 20 + Math.floor(i / 2) * 300,
      size: 'm',
      color: 'orange',
      text: `${b.t(key)}\n\n${b.t('template.stakeholders.cardFields')}`,
    });
  });
}

function journey(b: TemplateBuilder): void {
  const stages = ['before', 'firstContact', 'assessment', 'service', 'after'] as const;
  b.text({ x: 0, y: -150, w: 1600, text: b.t('template.journey.title'), size: 'xl', bold: true });
  const rows = [
    ['journey.doing', 'template.journey.doing', 'grey'],
    ['journey.touchpoints', 'template.journey.touchpoints', 'blue'],
    ['journey.important', 'template.journey.important', 'yellow'],
    ['journey.experience', 'template.journey.experience', 'white'],
    ['journey.pain', 'template.journey.pain', 'pink'],
    ['journey.opportunities', 'template.journey.opportunities', 'green'],
  ] as const;
  const grid = rowGrid(b, {
    x: 0,
    y: 0,
    columns: stages.map((s) => b.t(`template.journey.${s}`)),
    rows: rows.map(([key, title, color]) => ({ key, title: b.t(title), color })),
    colW: COL,
    rowH: 300,
  });
  const experienceRow = rows.findIndex(([key]) => key === 'journey.experience');
  b.text({
    x: grid.columnX(0) + 16,
    y: grid.rowY(experienceRow) + 12,
    w: COL * stages.length - 32,
    text: b.t('template.journey.experienceGuide'),
    guide: true,
    size: 's',
  });
  stages.forEach((_s, i) => {
    b.sticky({
      x: grid.columnX(i) + 130,
      y: grid.rowY(experienceRow) + 70,
      size: 's',
      color: 'grey',
      text: `${b.t('template.journey.marker')}: 0`,
    });
  });
}

function insights(b: TemplateBuilder): void {
  b.text({ x: 0, y: -150, w: 1600, text: b.t('template.insights.title'), size: 'xl', bold: true });
  b.frame({
    x: 0,
    y: 0,
    w: 1500,
    h: 1000,
    name: b.t('template.insights.insights'),
    section: 'insights.insights',
    color: 'white',
  });
  b.text({ x: 24, y: 20, w: 1400, text: b.t('template.insights.insightsGuide'), guide: true });
  b.frame({
    x: 1600,
    y: 0,
    w: 900,
    h: 470,
    name: b.t('template.insights.important'),
    section: 'insights.important',
    color: 'yellow',
  });
  b.frame({
    x: 1600,
    y: 530,
    w: 900,
    h: 470,
    name: b.t('template.insights.problems'),
    section: 'insights.problems',
    color: 'pink',
  });
  b.frame({
    x: 0,
    y: 1080,
    w: 2500,
    h: 420,
    name: b.t('template.insights.hmw'),
    section: 'insights.howMightWe',
    color: 'green',
  });
  b.text({ x: 24, y: 1100, w: 2400, text: b.t('template.insights.hmwGuide'), guide: true });
}

function goals(b: TemplateBuilder): void {
  const cols = [
    ['goals.goal', 'template.goals.goal', 'yellow'],
    ['goals.measure', 'template.goals.measure', 'blue'],
    ['goals.owner', 'template.goals.owner', 'grey'],
    ['goals.deadline', 'template.goals.deadline', 'grey'],
    ['goals.indicator', 'template.goals.indicator', 'green'],
  ] as const;
  b.text({ x: 0, y: -150, w: 1600, text: b.t('template.goals.title'), size: 'xl', bold: true });
  // Columns are the sections here: each a tall frame.
  cols.forEach(([key, title, color], i) => {
    b.frame({ x: i * (COL + 30), y: 0, w: COL, h: 1400, name: b.t(title), section: key, color });
  });
}

/**
 * The board objects of a built-in template, with fresh ids: a pure function of its arguments
 * (`currentYear` places the future journey's "today" column among its milestones).
 */
export function instantiateTemplate(
  id: BuiltinTemplateId,
  options: TemplateOptions,
  locale: Locale,
  currentYear: number = new Date().getFullYear(),
): Shape[] {
  const b = new TemplateBuilder(locale);
  switch (id) {
    case 'blank':
      break;
    case 'future':
      future(b, options, currentYear);
      break;
    case 'stakeholders':
      stakeholders(b);
      break;
    case 'journey':
      journey(b);
      break;
    case 'insights':
      insights(b);
      break;
    case 'goals':
      goals(b);
      break;
  }
  return b.build();
}

/** A saved template's objects with fresh ids; arrows follow their objects to the copies. */
export function instantiateShapes(shapes: readonly Shape[]): Shape[] {
  const ids = new Map(shapes.map((s) => [s.id, newId()]));
  const remap = (t: Terminal): Terminal =>
    t.kind === 'shape'
      ? ids.has(t.shapeId)
        ? { kind: 'shape', shapeId: ids.get(t.shapeId) ?? '' }
        : { kind: 'point', x: 0, y: 0 }
      : t;
  return shapes.map((s) =>
    isBoxShape(s)
      ? { ...s, id: ids.get(s.id) ?? newId() }
      : { ...s, id: ids.get(s.id) ?? newId(), start: remap(s.start), end: remap(s.end) },
  );
}

export { CONCLUSION_SECTIONS, contentBySection, type SectionContent } from './sections.js';
