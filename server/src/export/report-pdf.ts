import { LOCALE_NAMES } from '@torg/shared';
import PDFDocument from 'pdfkit';
import { collectGarbage, drawBoardOnPage } from './board.js';
import { PDF_FONTS, pdfOutput } from './fonts.js';
import type { Progress } from './jobs.js';
import {
  boardFlags,
  type Report,
  type ReportBoard,
  reportDay,
  reportMoment,
  reportText,
} from './report.js';
import type { BoardPictures } from './report-pictures.js';
import { summaryText } from './report-summary.js';
import { mapStrings, safeText } from './safe-text.js';

const MARGIN = 48;
const INK = '#1b1b1b';
const MUTED = '#5a6170';
/** Above a picture: its title and what it shows (points). */
const PICTURE_HEADER = 44;

/** Paper sizes in points (portrait). */
const PAPER = { a4: { w: 595, h: 842 }, a3: { w: 842, h: 1191 } } as const;
export type Paper = keyof typeof PAPER;

/**
 * Where a board's picture goes on a page of `paper` (points), landscape and portrait, inside
 * the page's margin (the Word file's pictures go on the same pages).
 */
export function pictureAreas(paper: Paper) {
  const { w, h } = PAPER[paper];
  return {
    paper,
    margin: MARGIN,
    landscape: { w: h - 2 * MARGIN, h: w - 2 * MARGIN - PICTURE_HEADER },
    portrait: { w: w - 2 * MARGIN, h: h - 2 * MARGIN - PICTURE_HEADER },
  };
}

/**
 * The workshop report as a PDF: a cover (title, date, groups and members), the summary (what
 * the gathering concluded: report-summary.ts), one page per board
 * with the board drawn as vectors (text stays text: selectable and searchable), then per
 * board its content by template section, the market-square feedback by round and visiting
 * group, "+1"s and the vote results. `pictures` has each board's pictures in the report's
 * board order: the whole board, and its sections on pages of their own when the whole board
 * would print its notes' words too small (report-pictures.ts).
 */
export async function reportPdf(
  typed: Report,
  pictures: readonly BoardPictures[],
  progress: Progress = () => undefined,
  signal?: AbortSignal,
  paper: Paper = 'a4',
): Promise<Uint8Array> {
  // Control characters and lone surrogates would garble or break the font layout.
  const report = mapStrings(typed, safeText);
  const t = (key: Parameters<typeof reportText>[1], params?: Record<string, string | number>) =>
    reportText(report, key, params);
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    autoFirstPage: false,
    bufferPages: false,
    info: { Title: report.title, Creator: 'Torg' },
    lang: LOCALE_NAMES[report.locale].tag,
    displayTitle: true,
  });
  const output = pdfOutput(pdf);
  // Text pages (cover, summary, content) are portrait; pictures as they are wide or tall.
  const textPage = () => pdf.addPage({ size: 'A4', layout: 'portrait', margin: MARGIN });
  const width = () => pdf.page.width - 2 * MARGIN;

  const heading = (text: string, size: number) => {
    pdf
      .font(PDF_FONTS.bold)
      .fontSize(size)
      .fillColor(INK)
      .text(text, MARGIN, undefined, { width: width() });
    pdf.moveDown(0.4);
  };
  /** A bold line over a list (a group, a section, a round, a vote). */
  const subheading = (text: string) => {
    pdf
      .font(PDF_FONTS.bold)
      .fontSize(12)
      .fillColor(INK)
      .text(text, MARGIN, undefined, { width: width() });
  };
  const para = (text: string, opts: { size?: number; color?: string; indent?: number } = {}) => {
    pdf
      .font(PDF_FONTS.regular)
      .fontSize(opts.size ?? 11)
      .fillColor(opts.color ?? INK)
      .text(text, MARGIN + (opts.indent ?? 0), undefined, { width: width() - (opts.indent ?? 0) });
  };
  const bullet = (text: string, indent = 12) => para(`•  ${text}`, { indent });

  // Cover.
  const total = 2 + report.boards.length * 2;
  let done = 0;
  textPage();
  pdf.moveDown(3);
  heading(report.title, 30);
  para(`${t('export.date')}: ${reportDay(report)}`, { size: 14 });
  para(`${t('export.generated')}: ${reportMoment(report, report.generatedAt)}`, {
    size: 11,
    color: MUTED,
  });
  if (report.anonymised) para(t('export.anonymised'), { size: 11, color: MUTED });
  pdf.moveDown(1.5);
  heading(t('export.groups'), 16);
  for (const g of report.groups) {
    subheading(g.name);
    para(g.members.length > 0 ? g.members.join(', ') : '–', { indent: 12, color: MUTED });
    pdf.moveDown(0.3);
  }
  if (report.facilitators.length > 0) {
    pdf.moveDown(0.5);
    para(`${t('export.facilitators')}: ${report.facilitators.join(', ')}`, { color: MUTED });
  }
  progress(++done, total);

  // The summary: what the gathering came to, first, on a page of its own.
  textPage();
  const summary = summaryText(report);
  heading(t('export.summary'), 22);
  for (const fact of summary.facts) para(fact, { color: MUTED });
  for (const block of summary.blocks) {
    pdf.moveDown(block.level === 1 ? 0.8 : 0.3);
    if (block.level === 1) heading(block.heading, 14);
    else subheading(block.heading);
    if (block.items.length === 0 && block.empty) para(block.empty, { color: MUTED });
    block.items.forEach((item, i) => {
      if (block.numbered) para(`${i + 1}.  ${item}`, { indent: 12 });
      else bullet(item);
    });
  }
  progress(++done, total);

  /** A page with a picture under its title, landscape or portrait as the picture is. */
  const picturePage = (title: string, subtitle: string, svg: string, landscape: boolean) => {
    pdf.addPage({
      size: paper.toUpperCase(),
      layout: landscape ? 'landscape' : 'portrait',
      margin: MARGIN,
    });
    pdf
      .font(PDF_FONTS.bold)
      .fontSize(16)
      .fillColor(INK)
      .text(title, MARGIN, MARGIN, { width: width(), lineBreak: false, ellipsis: true });
    pdf
      .font(PDF_FONTS.regular)
      .fontSize(10)
      .fillColor(MUTED)
      .text(subtitle, MARGIN, MARGIN + 22, { width: width(), lineBreak: false, ellipsis: true });
    const top = MARGIN + PICTURE_HEADER;
    drawBoardOnPage(pdf, svg, { x: MARGIN, y: top, w: width(), h: pdf.page.height - top - MARGIN });
  };

  // Each board on a page, then its sections where the whole board prints its notes too small.
  // After each page the event loop may run: a ZIP's pictures are drawn on other threads
  // meanwhile, and each needs this thread for a moment to start the next.
  const letOthersRun = () => new Promise((resolve) => setImmediate(resolve));
  for (const [i, board] of report.boards.entries()) {
    signal?.throwIfAborted();
    const subtitle = `${board.groupName} · ${board.phaseName}`;
    const picture = pictures[i];
    picturePage(board.name, subtitle, picture?.whole ?? '', true);
    await letOthersRun();
    for (const part of picture?.parts ?? []) {
      picturePage(`${board.name}: ${part.title}`, subtitle, part.svg, part.landscape);
      await letOthersRun();
    }
    // Drawing a big board leaves much garbage behind; collected now, it never piles up. Once
    // per board, not per page: a full collection costs 30 ms, a board's sections are many.
    collectGarbage();
    progress(++done, total);
  }

  // Each board's content, feedback and votes, from a page of its own.
  for (const board of report.boards) {
    signal?.throwIfAborted();
    textPage();
    boardContent(board);
    progress(++done, total);
  }

  function boardContent(board: ReportBoard) {
    const flags = boardFlags(report, board);
    heading(`${board.name}${flags ? ` (${flags})` : ''}`, 18);
    para(`${board.groupName} · ${board.phaseName}`, { color: MUTED });
    pdf.moveDown(0.8);
    heading(t('export.content'), 14);
    if (board.sections.length === 0) para(t('export.noContent'), { color: MUTED });
    for (const section of board.sections) {
      subheading(section.title);
      if (section.items.length === 0) para(t('export.noContent'), { indent: 12, color: MUTED });
      for (const item of section.items) bullet(item.text.replace(/\s+/g, ' ').trim());
      pdf.moveDown(0.4);
    }
    if (board.feedback.length > 0) {
      pdf.moveDown(0.6);
      heading(t('export.feedback'), 14);
      for (const round of board.feedback) {
        subheading(round.label);
        for (const group of round.groups) {
          para(group.label, { indent: 8, color: MUTED });
          for (const c of group.comments) {
            const proposal = c.proposal ? ` → ${t('export.quoted', { text: c.proposal })}` : '';
            bullet(`${c.kindLabel} (${c.statusLabel}), ${c.author}: ${c.text}${proposal}`, 16);
            for (const r of c.replies) para(`↳ ${r.author}: ${r.text}`, { indent: 32 });
          }
        }
        pdf.moveDown(0.3);
      }
    }
    if (board.plusOnes.length > 0) {
      pdf.moveDown(0.6);
      heading(t('export.plusOnes'), 14);
      for (const p of board.plusOnes) bullet(`${p.text || '–'}: +${p.count}`);
    }
    const votes = report.votes.flatMap((v) =>
      v.boards.filter((b) => b.boardId === board.id).map((b) => ({ vote: v, board: b })),
    );
    if (votes.length > 0) {
      pdf.moveDown(0.6);
      heading(t('export.votes'), 14);
      for (const { vote, board: vb } of votes) {
        subheading(`${vote.label} (${t('export.voteTotal', { count: vb.total })})`);
        for (const item of vb.items) bullet(`${item.text || '–'}: ${item.dots}`);
      }
    }
  }

  return output();
}
