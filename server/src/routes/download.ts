/**
 * `Content-Disposition` for a download: the exact name as RFC 5987 `filename*` (æøå kept) and
 * an ASCII `filename` for old clients (æ → ae, ø → o, å → a, dashes and quotes plain).
 * Characters no file system takes are replaced first.
 */
export function attachment(filename: string): string {
  const clean =
    filename
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly these is the point
      .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/ \./g, '.')
      .trim() || 'torg';
  const ascii = clean
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201a]/g, "'")
    .replace(/[\u201c-\u201e\u00ab\u00bb]/g, '')
    .replace(/[Ææ]/g, (c) => (c === 'Æ' ? 'AE' : 'ae'))
    .replace(/[Øø]/g, (c) => (c === 'Ø' ? 'O' : 'o'))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
