// Turns the bytes of a text file into a string, reporting what a careful reader would want to know:
// a BOM, CRLF line ends, bytes that are not UTF-8 (with their line), NUL bytes (binary file).

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export interface DecodedText {
  text: string;
  /** The file has a NUL byte: it is not text, and `text` is empty. */
  binary: boolean;
  bom: boolean;
  crlf: boolean;
  /** 1-based lines holding bytes that are not valid UTF-8 (decoded there as U+FFFD). */
  invalidLines: number[];
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.includes(0)) return { text: '', binary: true, bom: false, crlf: false, invalidLines: [] };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const invalidLines: number[] = [];
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    text = lenientUtf8.decode(body);
    // Decode line by line to find where the bad bytes are.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= body.length; i++) {
      if (i === body.length || body[i] === 0x0a) {
        try {
          strictUtf8.decode(body.subarray(start, i));
        } catch {
          invalidLines.push(line);
        }
        line++;
        start = i + 1;
      }
    }
  }
  const crlf = text.includes('\r\n');
  if (crlf) text = text.replace(/\r\n?/g, '\n');
  return { text, binary: false, bom, crlf, invalidLines };
}

/** 1-based line and column of a UTF-16 offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
