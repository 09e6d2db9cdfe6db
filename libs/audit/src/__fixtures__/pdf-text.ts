import { inflateSync } from 'node:zlib';

/** pdfkit maps these characters into WinAnsi's 0x80–0x9F; the rest of its text is Latin-1 byte for byte. */
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
};

/**
 * The text a pdfkit document shows, one string per text-showing operator, read from its content streams (inflated
 * where compressed), for tests. pdfkit writes standard-font text as hex strings in TJ arrays, kerning numbers between
 * them. Each stream is read by the `/Length` of its dictionary, never up to the next `endstream`: compressed bytes may
 * end in a carriage return, which a pattern for the line break before `endstream` would take away (a flaky test did).
 */
export function pdfLines(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const shown: string[] = [];
  for (const match of raw.matchAll(/<<((?:(?!>>)[^])*)>>\s*stream\r?\n/g)) {
    const dictionary = match[1] ?? '';
    const start = (match.index ?? 0) + match[0].length;
    const length = /\/Length (\d+)/.exec(dictionary)?.[1];
    const end = length === undefined ? raw.indexOf('endstream', start) : start + Number(length);
    const data = pdf.subarray(start, end);
    const content = (/\/FlateDecode/.test(dictionary) ? inflateSync(data) : data).toString('latin1');
    for (const [, array = ''] of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g)) {
      const bytes = Buffer.from(
        [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => hex).join(''),
        'hex',
      );
      shown.push([...bytes].map((byte) => WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte)).join(''));
    }
  }
  return shown;
}

/** The same text as one string, a line per text-showing operator. */
export function pdfText(pdf: Buffer): string {
  return pdfLines(pdf).join('\n');
}
