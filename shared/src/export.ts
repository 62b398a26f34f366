import { LOCALE_IDS } from './locale/messages.js';
import { z } from './zod.js';

/** What a whole workshop can be exported as (facilitators). */
export const WORKSHOP_EXPORT_FORMATS = ['pdf', 'docx', 'csv', 'md', 'json', 'zip'] as const;
export type WorkshopExportFormat = (typeof WORKSHOP_EXPORT_FORMATS)[number];

/** What one board can be exported as (anyone who may read it). */
export const BOARD_EXPORT_FORMATS = ['svg', 'png', 'pdf'] as const;

export const workshopExportBody = z.object({
  format: z.enum(WORKSHOP_EXPORT_FORMATS),
  /** Participants become "Deltaker 1, 2, …" in every file of the export. */
  anonymise: z._default(z.boolean(), false),
  /**
   * The language of the report's headings and labels; left out, the gathering's report
   * language (chosen in the console, Bokmål until then).
   */
  locale: z.optional(z.enum(LOCALE_IDS)),
  /** The paper of the boards' pictures in the PDF and Word report: A3 prints them larger. */
  paper: z._default(z.enum(['a4', 'a3']), 'a4'),
});
export type WorkshopExportRequest = z.infer<typeof workshopExportBody>;
