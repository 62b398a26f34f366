import { LOCALE_NAMES, type TextKey } from '@torg/shared';
import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  boardFlags,
  type Report,
  type ReportComment,
  reportDay,
  reportMoment,
  reportText,
} from './report.js';
import { summaryText } from './report-summary.js';
import { mapStrings, safeText } from './safe-text.js';

type Block = Paragraph | Table;

/** A board's picture for the Word file: a PNG, and the page it goes on. */
export interface DocxPicture {
  png: Uint8Array;
  /** The PNG's size in px (for its shape on the page). */
  width: number;
  height: number;
  landscape: boolean;
  /** A section's title; null for the whole board. */
  title: string | null;
}

/** Where a picture goes on the page (points), as in the PDF: the same pages, the same margins. */
export interface DocxPageAreas {
  paper: 'a4' | 'a3';
  margin: number;
  landscape: { w: number; h: number };
  portrait: { w: number; h: number };
}

/** Word's page margins in twentieths of a point. */
const twips = (pt: number) => Math.round(pt * 20);
/** Word's picture sizes are px at 96 to the inch. */
const px = (pt: number) => Math.floor((pt * 96) / 72);

/**
 * Runs for text that may hold line breaks (Word keeps them as breaks in one paragraph); the
 * report's texts have gone through `safeText`, so `\n` is the only line break left.
 */
function runs(text: string, opts: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...opts }));
}

const heading = (text: string, level: 1 | 2 | 3 | 4) =>
  new Paragraph({
    heading:
      level === 1
        ? HeadingLevel.HEADING_1
        : level === 2
          ? HeadingLevel.HEADING_2
          : level === 3
            ? HeadingLevel.HEADING_3
            : HeadingLevel.HEADING_4,
    children: runs(text),
  });

const para = (...children: TextRun[]) => new Paragraph({ children });

const bullet = (children: TextRun[], level = 0) => new Paragraph({ bullet: { level }, children });

/** "Label: value" with the label in bold. */
const fact = (label: string, value: string, level = 0) =>
  bullet([new TextRun({ text: `${label}: `, bold: true }), ...runs(value)], level);

function commentBlocks(c: ReportComment, t: (k: TextKey) => string): Block[] {
  const out: Block[] = [
    bullet([
      new TextRun({ text: `${c.kindLabel} (${c.statusLabel})`, bold: true }),
      new TextRun({ text: ` – ${c.author}: ` }),
      ...runs(c.text),
    ]),
  ];
  if (c.pinnedTo) out.push(fact(t('export.pinnedTo'), c.pinnedTo.text, 1));
  if (c.proposal) out.push(fact(t('export.proposal'), c.proposal, 1));
  for (const r of c.replies) out.push(fact(`${t('export.reply')} – ${r.author}`, r.text, 1));
  return out;
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: runs(text, { bold }) })] });
}

/**
 * The report as a Word document, an editable draft of the written report: real headings
 * (Heading 1 for the title, 2 per board and for the votes, 3 for a board's parts, 4 for
 * sections and rounds), bullet lists for content and feedback, a table per board of vote
 * results.
 */
export async function reportDocx(
  typed: Report,
  pictures: readonly (readonly DocxPicture[])[] = [],
  areas?: DocxPageAreas,
): Promise<Uint8Array> {
  // Every text as XML 1.0 allows it (a control character would make Word refuse the file).
  const report = mapStrings(typed, safeText);
  const t = (key: TextKey, params: Record<string, string | number> = {}) =>
    reportText(report, key, params);
  // The document's sections: text on portrait pages; each picture on a page of its own,
  // landscape or portrait as the PDF has it, at the same size (its words at 8 pt or more).
  const sections: { landscape: boolean; picture: boolean; children: Block[] }[] = [
    { landscape: false, picture: false, children: [] },
  ];
  let body = sections[0]?.children ?? [];
  const newSection = (landscape: boolean, picture = true) => {
    const section = { landscape, picture, children: [] as Block[] };
    sections.push(section);
    body = section.children;
  };
  const picture = (p: DocxPicture, name: string) => {
    if (!areas) return;
    newSection(p.landscape);
    const area = p.landscape ? areas.landscape : areas.portrait;
    const k = Math.min(area.w / p.width, area.h / p.height);
    body.push(heading(p.title ? `${name}: ${p.title}` : name, 4));
    body.push(
      new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: p.png,
            transformation: { width: px(p.width * k), height: px(p.height * k) },
            altText: { name, title: p.title ?? name, description: p.title ?? name },
          }),
        ],
      }),
    );
  };

  body.push(heading(report.title, 1));
  body.push(fact(t('export.date'), reportDay(report)));
  if (report.facilitators.length > 0)
    body.push(fact(t('export.facilitators'), report.facilitators.join(', ')));
  if (report.observers.length > 0)
    body.push(fact(t('export.observers'), report.observers.join(', ')));
  body.push(fact(t('export.generated'), reportMoment(report, report.generatedAt)));
  if (report.anonymised)
    body.push(
      para(
        new TextRun({
          text: `${t('export.anonymised')} ${t('export.contentNote')}`,
          italics: true,
        }),
      ),
    );

  const summary = summaryText(report);
  body.push(heading(t('export.summary'), 2));
  for (const line of summary.facts) body.push(para(...runs(line)));
  for (const block of summary.blocks) {
    body.push(heading(block.heading, block.level === 1 ? 3 : 4));
    if (block.items.length === 0 && block.empty) body.push(para(new TextRun(block.empty)));
    block.items.forEach((item, i) => {
      body.push(block.numbered ? para(...runs(`${i + 1}. ${item}`)) : bullet(runs(item)));
    });
  }

  body.push(heading(t('export.groups'), 2));
  for (const g of report.groups)
    body.push(fact(g.name, g.members.length > 0 ? g.members.join(', ') : t('export.noMembers')));
  if (report.unassigned.length > 0)
    body.push(fact(t('export.unassigned'), report.unassigned.join(', ')));

  if (report.phases.length > 0) {
    body.push(heading(t('export.phases'), 2));
    for (const p of report.phases) body.push(bullet(runs(p.name)));
  }

  if (report.market) {
    body.push(heading(t('export.market'), 2));
    for (const r of report.market.rounds)
      body.push(fact(r.label, r.visits.map((v) => t('export.marketVisit', v)).join('; ')));
    if (report.market.hosts.length > 0)
      body.push(
        fact(
          t('export.marketHosts'),
          report.market.hosts.map((h) => `${h.name} (${h.group})`).join(', '),
        ),
      );
  }

  report.boards.forEach((board, boardIndex) => {
    const flags = boardFlags(report, board);
    body.push(heading(`${board.name}${flags ? ` (${flags})` : ''}`, 2));
    body.push(fact(t('export.group'), board.groupName));
    body.push(fact(t('export.phase'), board.phaseName));
    const boardPictures = pictures[boardIndex] ?? [];
    for (const p of boardPictures) picture(p, board.name);
    if (boardPictures.length > 0 && areas) newSection(false, false);

    body.push(heading(t('export.content'), 3));
    if (board.sections.length === 0) body.push(para(new TextRun(t('export.noContent'))));
    for (const s of board.sections) {
      body.push(heading(s.title, 4));
      if (s.items.length === 0) body.push(para(new TextRun(t('export.noContent'))));
      for (const i of s.items) body.push(bullet(runs(i.text)));
    }

    body.push(heading(t('export.feedback'), 3));
    if (board.feedback.length === 0) body.push(para(new TextRun(t('export.noFeedback'))));
    for (const round of board.feedback) {
      body.push(heading(round.label, 4));
      for (const g of round.groups) {
        body.push(para(new TextRun({ text: g.label, bold: true })));
        for (const c of g.comments) body.push(...commentBlocks(c, t));
      }
    }

    if (board.plusOnes.length > 0) {
      body.push(heading(t('export.plusOnes'), 3));
      for (const p of board.plusOnes)
        body.push(
          bullet([
            ...runs(p.text),
            new TextRun(` – ${t('export.plusOneCount', { count: p.count })}`),
          ]),
        );
    }
  });

  body.push(heading(t('export.votes'), 2));
  if (report.votes.length === 0) body.push(para(new TextRun(t('export.noVotes'))));
  for (const v of report.votes) {
    body.push(heading(v.label, 3));
    body.push(para(new TextRun(t('export.voteTotal', { count: v.total }))));
    for (const b of v.boards) {
      body.push(heading(b.title, 4));
      if (b.items.length === 0) {
        body.push(para(new TextRun(t('export.noVotes'))));
        continue;
      }
      body.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: [cell(t('export.voteObject'), true), cell(t('export.voteDots'), true)],
            }),
            ...b.items.map((i) => new TableRow({ children: [cell(i.text), cell(String(i.dots))] })),
          ],
        }),
      );
      body.push(para());
    }
  }

  const doc = new Document({
    title: report.title,
    creator: 'Torg',
    styles: {
      default: {
        document: { run: { language: { value: LOCALE_NAMES[report.locale].tag } } },
      },
    },
    sections: sections.map((section) => ({
      properties: {
        page: {
          size: {
            // Text on A4; pictures on the report's paper (A3 when chosen). Portrait sizes:
            // docx turns the page for landscape.
            ...(section.picture && areas?.paper === 'a3'
              ? { width: twips(842), height: twips(1191) }
              : {}),
            orientation: section.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          ...(areas
            ? {
                margin: {
                  top: twips(areas.margin),
                  right: twips(areas.margin),
                  bottom: twips(areas.margin),
                  left: twips(areas.margin),
                },
              }
            : {}),
        },
      },
      children: section.children,
    })),
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
