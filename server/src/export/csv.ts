import { type Report, reportText } from './report.js';

/** One RFC 4180 field: quoted when it holds a comma, a quote, a line break or edge spaces. */
function field(value: string | number): string {
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The report as CSV, one row per board object: UTF-8 with a byte-order mark (so spreadsheet
 * programs read æøå right), comma-separated, CRLF line ends, RFC 4180 quoting. The header
 * row is in the report's language; times are ISO 8601; the votes column counts the dots of
 * the current vote (its header says so).
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
      ]);
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
