/**
 * The few EDID fields that tell a projector from a monitor: manufacturer PNP id, monitor name
 * (display descriptor 0xFC, e.g. "EPSON PJ") and preferred timing. Hand-written because the format is
 * a fixed 128-byte block (VESA E-EDID 1.3/1.4) and the npm parsers are unmaintained or pull in far more
 * than these 40 lines. The bytes come from the monitor: everything is bounds-checked and the text is
 * sanitised.
 */
import { sanitizeName } from '../core/sanitize';
import type { DisplaySize } from './display-types';

export interface EdidInfo {
  /** PNP manufacturer id, three letters ("SEC" = Seiko Epson, "BNQ" = BenQ). */
  manufacturerId: string;
  productCode: number;
  /** Monitor name (descriptor 0xFC), or "" when absent. */
  name: string;
  /** Preferred timing (first detailed timing descriptor), when present. */
  preferredSize: DisplaySize | null;
  /** False when the block's checksum is wrong (data still returned: some projectors ship bad checksums). */
  checksumValid: boolean;
}

const HEADER = [0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00];

/** Hex as printed by `xrandr --props` (any whitespace) → bytes; null if it is not hex. */
export function edidBytesFromHex(hex: string): Uint8Array | null {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length < 256 || clean.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(clean)) return null;
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function descriptorText(block: Uint8Array, offset: number): string {
  let text = '';
  for (let i = offset + 5; i < offset + 18; i++) {
    const c = block[i] ?? 0x0a;
    if (c === 0x0a || c === 0x00) break;
    // The standard says ASCII; anything else (control bytes, code-page letters) becomes a space.
    text += c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : ' ';
  }
  return sanitizeName(text);
}

/** Parses the 128-byte base block; null when the data is too short or has no EDID header. */
export function parseEdid(bytes: Uint8Array): EdidInfo | null {
  if (bytes.length < 128) return null;
  for (let i = 0; i < HEADER.length; i++) if (bytes[i] !== HEADER[i]) return null;
  const block = bytes.subarray(0, 128);

  const m = ((block[8] ?? 0) << 8) | (block[9] ?? 0);
  const letter = (v: number) => (v >= 1 && v <= 26 ? String.fromCharCode(64 + v) : '?');
  const manufacturerId = letter((m >> 10) & 0x1f) + letter((m >> 5) & 0x1f) + letter(m & 0x1f);
  const productCode = (block[10] ?? 0) | ((block[11] ?? 0) << 8);

  let name = '';
  let preferredSize: DisplaySize | null = null;
  for (let offset = 54; offset <= 108; offset += 18) {
    const pixelClock = (block[offset] ?? 0) | ((block[offset + 1] ?? 0) << 8);
    if (pixelClock !== 0) {
      // A detailed timing; the first one is the preferred mode.
      if (offset === 54) {
        const width = (block[offset + 2] ?? 0) | (((block[offset + 4] ?? 0) & 0xf0) << 4);
        const height = (block[offset + 5] ?? 0) | (((block[offset + 7] ?? 0) & 0xf0) << 4);
        if (width > 0 && height > 0) preferredSize = { width, height };
      }
      continue;
    }
    if (block[offset + 3] === 0xfc && !name) name = descriptorText(block, offset);
  }

  let sum = 0;
  for (const b of block) sum = (sum + b) & 0xff;
  return { manufacturerId, productCode, name, preferredSize, checksumValid: sum === 0 };
}
