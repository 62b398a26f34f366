import type { TextKey } from '@torg/shared';
import { escapeMarkdown, markdownLines } from './markdown-escape.js';
import {
  boardFlags,
  type Report,
  type ReportComment,
  reportDay,
  reportMoment,
  reportText,
} from './report.js';
import { summaryText } from './report-summary.js';

/** One line of text people typed (names, titles, cells): inert, line breaks as spaces. */
const one = escapeMarkdown;
/** A text people typed that may span lines (a list item's), inert, continued at `indent`. */
const lines = (text: string, indent = '  ') => markdownLines(text, indent);

function commentLines(c: ReportComment, t: (k: TextKey) => string): string[] {
  const out = [`- **${c.kindLabel}** (${c.statusLabel}) – ${one(c.author)}: ${lines(c.text)}`];
  if (c.pinnedTo) out.push(`  - ${t('export.pinnedTo')}: ${lines(c.pinnedTo.text, '    ')}`);
  if (c.proposal) out.push(`  - ${t('export.proposal')}: ${lines(c.proposal, '    ')}`);
  for (const r of c.replies)
    out.push(`  - ${t('export.reply')} – ${one(r.author)}: ${lines(r.text, '    ')}`);
  return out;
}

/**
 * The report in Markdown: the title, the facts of the gathering (date, groups and members,
 * phases, the market square), then per board its content by template section, the feedback
 * by round and visiting group, "+1", and last the results of the dot votes.
 */
export function reportMarkdown(report: Report): string {
  const t = (key: TextKey, params: Record<string, string | number> = {}) =>
    reportText(report, key, params);
  const out: string[] = [];
  const para = (...lines: string[]) => out.push(...lines, '');

  para(`# ${one(report.title)}`);
  const facts = [`- **${t('export.date')}:** ${reportDay(report)}`];
  if (report.facilitators.length > 0)
    facts.push(
      `- **${t('export.facilitators')}:** ${report.facilitators.map((n) => one(n)).join(', ')}`,
    );
  if (report.observers.length > 0)
    facts.push(`- **${t('export.observers')}:** ${report.observers.map((n) => one(n)).join(', ')}`);
  facts.push(`- **${t('export.generated')}:** ${reportMoment(report, report.generatedAt)}`);
  para(...facts);
  if (report.anonymised) para(`_${t('export.anonymised')} ${t('export.contentNote')}_`);

  const summary = summaryText(report);
  para(`## ${t('export.summary')}`);
  para(...summary.facts.map((line) => `- ${one(line)}`));
  for (const block of summary.blocks) {
    para(`${block.level === 1 ? '###' : '####'} ${one(block.heading)}`);
    if (block.items.length === 0 && block.empty) para(block.empty);
    else if (block.items.length > 0)
      para(...block.items.map((item, i) => `${block.numbered ? `${i + 1}.` : '-'} ${one(item)}`));
  }

  para(`## ${t('export.groups')}`);
  for (const g of report.groups)
    out.push(
      `- **${one(g.name)}:** ${g.members.length > 0 ? g.members.map((n) => one(n)).join(', ') : t('export.noMembers')}`,
    );
  if (report.unassigned.length > 0)
    out.push(`- **${t('export.unassigned')}:** ${report.unassigned.map((n) => one(n)).join(', ')}`);
  out.push('');

  if (report.phases.length > 0) {
    para(`## ${t('export.phases')}`);
    report.phases.forEach((p, i) => {
      out.push(`${i + 1}. ${one(p.name)}`);
    });
    out.push('');
  }

  if (report.market) {
    para(`## ${t('export.market')}`);
    for (const r of report.market.rounds) {
      out.push(
        `- **${r.label}:** ${r.visits.map((v) => one(t('export.marketVisit', v))).join('; ')}`,
      );
    }
    if (report.market.hosts.length > 0)
      out.push(
        `- **${t('export.marketHosts')}:** ${report.market.hosts.map((h) => `${one(h.name)} (${one(h.group)})`).join(', ')}`,
      );
    out.push('');
  }

  for (const board of report.boards) {
    const flags = boardFlags(report, board);
    para(`## ${one(board.name)}${flags ? ` (${flags})` : ''}`);
    para(
      `- **${t('export.group')}:** ${one(board.groupName)}`,
      `- **${t('export.phase')}:** ${one(board.phaseName)}`,
    );
    para(`### ${t('export.content')}`);
    if (board.sections.length === 0) para(t('export.noContent'));
    for (const s of board.sections) {
      para(`#### ${one(s.title)}`);
      if (s.items.length === 0) para(t('export.noContent'));
      else para(...s.items.map((i) => `- ${lines(i.text)}`));
    }
    para(`### ${t('export.feedback')}`);
    if (board.feedback.length === 0) para(t('export.noFeedback'));
    for (const round of board.feedback) {
      para(`#### ${round.label}`);
      for (const g of round.groups) {
        para(`**${one(g.label)}**`);
        para(...g.comments.flatMap((c) => commentLines(c, t)));
      }
    }
    if (board.plusOnes.length > 0) {
      para(`### ${t('export.plusOnes')}`);
      para(
        ...board.plusOnes.map(
          (p) => `- ${lines(p.text)} – ${t('export.plusOneCount', { count: p.count })}`,
        ),
      );
    }
  }

  para(`## ${t('export.votes')}`);
  if (report.votes.length === 0) para(t('export.noVotes'));
  for (const v of report.votes) {
    para(`### ${v.label}`, '', t('export.voteTotal', { count: v.total }));
    for (const b of v.boards) {
      para(`#### ${one(b.title)}`);
      if (b.items.length === 0) {
        para(t('export.noVotes'));
        continue;
      }
      para(
        `| ${t('export.voteObject')} | ${t('export.voteDots')} |`,
        '| --- | ---: |',
        ...b.items.map((i) => `| ${one(i.text)} | ${i.dots} |`),
      );
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
