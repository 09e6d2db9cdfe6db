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
 * where compressed). pdfkit writes standard-font text as hex strings in TJ arrays, kerning numbers between them.
 */
export function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const shown: string[] = [];
  for (const match of raw.matchAll(/<<((?:(?!>>)[^])*)>>\s*stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf('endstream', start);
    const data = pdf.subarray(start, end);
    const content = (/\/FlateDecode/.test(match[1] ?? '') ? inflateSync(data) : data).toString('latin1');
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
