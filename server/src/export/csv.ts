import { type Report, reportText } from './report.js';

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection"): its first character,
 * after any leading whitespace (Excel skips it), is `=`, `+`, `-`, `@`, a tab or a carriage
 * return, or one of their full-width and small forms (＝＋－＠, ﹦﹢﹣﹫), which Excel folds into
 * the ASCII ones.
 */
const FORMULA_START =
  /^[\s\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/;

/**
 * One field. Text is always quoted (quotes doubled), so separators (`,` and the `;` of
 * Nordic Excel) and line breaks stay inside it, and text that would start a formula gets a
 * leading `'`, as OWASP recommends: the spreadsheet shows it as text. Numbers we write
 * ourselves (votes, comment counts) stay bare numbers.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The report as CSV, one row per board object: UTF-8 with a byte-order mark (so spreadsheet
 * programs read æøå right), comma-separated, CRLF line ends, RFC 4180 quoting (every text
 * cell quoted, formulas neutralised: see `csvField`). The header row is in the report's
 * language; times are ISO 8601; the votes column counts the dots of the current vote (its
 * header says so); the last column marks a template's examples nobody has changed (not the
 * group's words).
 */
export function reportCsv(report: Report): string {
  const t = (key: Parameters<typeof reportText>[1]) => reportText(report, key);
  const rows: (string | number)[][] = [
    [
      t('export.csvWorkshop'),
      t('export.csvGroup'),
      t('export.csvBoard'),
      t('export.csvPhase'),
      t('export.csvSection'),
      t('export.csvType'),
      t('export.csvText'),
      t('export.csvAuthor'),
      t('export.csvCreated'),
      t('export.csvUpdated'),
      t('export.csvVotes'),
      t('export.csvComments'),
      t('export.csvPrefilled'),
    ],
  ];
  for (const board of report.boards)
    for (const o of board.objects)
      rows.push([
        report.title,
        board.groupName,
        board.name,
        board.phaseName,
        o.section,
        o.typeLabel,
        o.text,
        o.author,
        o.created ?? '',
        o.updated ?? '',
        o.votes,
        o.comments,
        o.prefilled ? t('export.csvPrefilledYes') : '',
      ]);
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
