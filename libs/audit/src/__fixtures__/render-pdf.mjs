// Reads a PDF as a reader's viewer does, for tests: pdfjs-dist (Mozilla's PDF.js) extracts each page's text and
// renders page 1 to a PNG (through @napi-rs/canvas, which pdfjs-dist brings for Node). A separate Node process,
// since pdfjs-dist is ES modules only and jest runs the tests as CommonJS.
// Usage: node render-pdf.mjs <file.pdf> <page-1.png>; prints { pages, text: [...], png: { width, height, bytes } }.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const [pdfFile, pngFile] = process.argv.slice(2);
if (!pdfFile || !pngFile) {
  console.error('usage: node render-pdf.mjs <file.pdf> <page-1.png>');
  process.exit(2);
}
// pdfjs-dist 6 expects Node 22's Promise.withResolvers and ArrayBuffer#transferToFixedLength; the project still runs
// on Node 20 (package.json engines), so the test supplies them here, for this process only.
Promise.withResolvers ??= function withResolvers() {
  let resolve, reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
ArrayBuffer.prototype.transferToFixedLength ??= function transferToFixedLength(length = this.byteLength) {
  const copy = new ArrayBuffer(length);
  new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
  return copy;
};
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
const document = await getDocument({
  data: new Uint8Array(readFileSync(pdfFile)),
  // The standard fonts (Helvetica, Courier) are not embedded in the PDF: pdfjs-dist draws them from its own copies.
  standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
  verbosity: 0,
}).promise;

const text = [];
for (let number = 1; number <= document.numPages; number++) {
  const page = await document.getPage(number);
  const content = await page.getTextContent();
  text.push(
    content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
  );
}

const page = await document.getPage(1);
const viewport = page.getViewport({ scale: 1.5 });
const canvasFactory = document.canvasFactory;
const { canvas, context } = canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
await page.render({ canvasContext: context, canvas, viewport }).promise;
writeFileSync(pngFile, canvas.toBuffer('image/png'));

console.log(
  JSON.stringify({
    pages: document.numPages,
    text,
    png: { width: canvas.width, height: canvas.height, bytes: statSync(pngFile).size },
  }),
);
