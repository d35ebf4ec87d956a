// Detects and repairs UTF-8 text that was once decoded as Windows-1252 ("ðŸ”¥" for "🔥").

// Windows-1252 bytes 0x80–0x9F and the characters they decode to. The five undefined bytes
// (81 8D 8F 90 9D) are commonly passed through as C1 controls, so those map to themselves.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const charToByte = new Map<number, number>();
for (let b = 0xa0; b <= 0xff; b++) charToByte.set(b, b);
CP1252_HIGH.forEach((cp, i) => charToByte.set(cp, 0x80 + i));

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface MojibakeRepair {
  /** UTF-16 offset of the damaged run in the input. */
  offset: number;
  found: string;
  repaired: string;
}

/** Runs of characters that Windows-1252 encodes to bytes >= 0x80: the only places mojibake can be. */
function* highRuns(text: string): Generator<{ offset: number; run: string }> {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const cp = i < text.length ? text.charCodeAt(i) : -1;
    const inRun = cp >= 0x80 && charToByte.has(cp);
    if (inRun && start < 0) start = i;
    if (!inRun && start >= 0) {
      yield { offset: start, run: text.slice(start, i) };
      start = -1;
    }
  }
}

function encodeCp1252(run: string): Uint8Array {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) bytes[i] = charToByte.get(run.charCodeAt(i))!;
  return bytes;
}

function decodeCp1252(bytes: Uint8Array): string | undefined {
  let out = '';
  for (const b of bytes) {
    if (b < 0x80) return undefined; // a repaired run never contains ASCII
    out += String.fromCharCode(b >= 0xa0 ? b : CP1252_HIGH[b - 0x80]!);
  }
  return out;
}

/**
 * Repairs every run that decodes as strict UTF-8 and whose repair round-trips exactly
 * (re-encoding the repaired text as UTF-8 and reading it as Windows-1252 gives the run back).
 * Anything else is left as it is: legitimate "é" or "Ã" on their own are never touched.
 */
export function repairMojibake(text: string): { text: string; repairs: MojibakeRepair[] } {
  const repairs: MojibakeRepair[] = [];
  let out = '';
  let last = 0;
  for (const { offset, run } of highRuns(text)) {
    if (run.length < 2) continue;
    let repaired: string;
    try {
      repaired = strictUtf8.decode(encodeCp1252(run));
    } catch {
      continue;
    }
    if (decodeCp1252(new TextEncoder().encode(repaired)) !== run) continue;
    repairs.push({ offset, found: run, repaired });
    out += text.slice(last, offset) + repaired;
    last = offset + run.length;
  }
  return { text: repairs.length ? out + text.slice(last) : text, repairs };
}

/** True when the text still holds a repairable mojibake run. */
export function hasMojibake(text: string): boolean {
  return repairMojibake(text).repairs.length > 0;
}
