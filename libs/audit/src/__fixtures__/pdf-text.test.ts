import { deflateSync } from 'node:zlib';
import { pdfLines, pdfText } from './pdf-text';

/** A one-stream PDF body as pdfkit writes it: the dictionary with its length, the compressed bytes, `endstream`. */
function pdfWithStream(content: string): { pdf: Buffer; compressed: Buffer } {
  const compressed = deflateSync(Buffer.from(content, 'latin1'));
  const pdf = Buffer.concat([
    Buffer.from(`1 0 obj\n<<\n/Length ${compressed.length}\n/Filter /FlateDecode\n>>\nstream\n`, 'latin1'),
    compressed,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
  return { pdf, compressed };
}

const hex = (text: string): string => Buffer.from(text, 'latin1').toString('hex');

describe('pdfText, the tests’ reader of the PDFs we make', () => {
  it('reads a compressed stream whose last byte is a carriage return (it once dropped it and read nothing)', () => {
    let found: { pdf: Buffer; compressed: Buffer } | undefined;
    // The stream's last byte is its Adler-32's lowest, the sum of its bytes modulo 256: a comment of `a`s (97, odd)
    // as long as needed reaches every value.
    for (let padding = 0; found === undefined && padding < 256; padding++) {
      const candidate = pdfWithStream(`BT [<${hex('Case file')}>] TJ ET\n%${'a'.repeat(padding)}`);
      if (candidate.compressed.at(-1) === 0x0d) found = candidate;
    }
    expect(found).toBeDefined();
    expect(pdfText(found?.pdf ?? Buffer.alloc(0))).toBe('Case file');
  });

  it('maps WinAnsi’s high characters and gives one string per text operator', () => {
    const { pdf } = pdfWithStream('BT [<61> -20 <97> 40.5 <62>] TJ ET BT [<63>] TJ ET');
    expect(pdfLines(pdf)).toEqual(['a—b', 'c']);
  });
});
