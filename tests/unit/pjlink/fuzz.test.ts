/**
 * Hostile and broken replies: thousands of random and mutated lines go through the framing, the line
 * parser, every value decoder and the UDP decoder. Nothing may throw, every result keeps its invariants,
 * and the whole run finishes (a catastrophic regex would hang it). Seeded, so a failure is reproducible.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeClass,
  decodeDatagram,
  decodeErrors,
  decodeFreeze,
  decodeHours,
  decodeInput,
  decodeInputList,
  decodeLamps,
  decodeMac,
  decodeMute,
  decodePower,
  decodeResolution,
  decodeText,
  decodeUdpLine,
  describeInput,
  LineSplitter,
  MAX_LINE_BYTES,
  parseLine,
} from '../../../main/services/pjlink/codec';

function prng(seed: number): () => number {
  // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = [
  'PJLINK 0', 'PJLINK 1 498e4a67', 'PJLINK ERRA', '%1POWR=1', '%1POWR=OK', '%1INPT=31', '%2INPT=3A', '%1AVMT=31',
  '%1ERST=012012', '%1LAMP=1234 1 567 0', '%1INST=11 12 31 32 52', '%1NAME=Salle 12', '%1INF1=EPSON', '%1CLSS=Class 1',
  '%1CLSS=Version1', '%2SNUM=X123', '%2INNM=HDMI 1', '%2IRES=1920x1080', '%2IRES=-', '%2FILT=300', '%2FREZ=1',
  '%2ACKN=00:11:22:33:44:55', '%2LKUP=00:11:22:33:44:55', '%1POWR=ERR3', '%1inpt=err2',
];
const ALPHABET = '%=?PJLINKERRAOWINPTAVMT0123456789 xX-*:\r\n\u0000\u00ff\u202eé';

function mutate(line: string, rnd: () => number): string {
  let s = line;
  const ops = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < ops; k++) {
    const i = Math.floor(rnd() * (s.length + 1));
    const c = ALPHABET[Math.floor(rnd() * ALPHABET.length)]!;
    switch (Math.floor(rnd() * 5)) {
      case 0:
        s = s.slice(0, i) + c + s.slice(i);
        break;
      case 1:
        s = s.slice(0, i) + s.slice(i + 1);
        break;
      case 2:
        s = s.slice(0, i) + c + s.slice(i + 1);
        break;
      case 3:
        s = s.slice(0, i);
        break;
      default:
        s = s + s.slice(0, i).repeat(1 + Math.floor(rnd() * 3));
    }
  }
  return s;
}

function randomBytes(rnd: () => number, max: number): Buffer {
  const n = Math.floor(rnd() * max);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  return b;
}

const DECODERS: ((s: string) => unknown)[] = [
  decodePower, decodeInput, decodeInputList, decodeMute, decodeErrors, decodeLamps, decodeResolution, decodeHours, decodeFreeze,
  decodeClass, decodeMac, decodeText, decodeUdpLine, describeInput,
];

function exercise(line: string): void {
  const parsed = parseLine(line);
  expect(['greeting', 'auth-error', 'reply', 'unknown']).toContain(parsed.kind);
  if (parsed.kind === 'reply') {
    expect(parsed.command).toMatch(/^[A-Z0-9]{4}$/);
    expect(parsed.data.length).toBeLessThanOrEqual(line.length);
    for (const decode of DECODERS) decode(parsed.data);
  }
  for (const decode of DECODERS) decode(line);
}

describe('codec fuzz', () => {
  it('survives 5,000 mutated valid lines', () => {
    const rnd = prng(4352);
    for (let n = 0; n < 5000; n++) exercise(mutate(VALID[n % VALID.length]!, rnd));
  });

  it('survives 3,000 random byte strings through the framing, parser and UDP decoder', () => {
    const rnd = prng(20220901);
    const splitter = new LineSplitter();
    for (let n = 0; n < 3000; n++) {
      const bytes = randomBytes(rnd, 400);
      for (const line of splitter.push(bytes)) {
        expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(MAX_LINE_BYTES * 3);
        exercise(line);
      }
      decodeDatagram(bytes);
      exercise(bytes.toString('latin1'));
    }
    const rest = splitter.end();
    if (rest !== null) exercise(rest);
  });

  it('survives pathological inputs (huge, repeated separators, non-strings)', () => {
    exercise('%'.repeat(100_000));
    exercise('%1POWR='.repeat(10_000));
    exercise(' '.repeat(100_000) + 'x');
    exercise('PJLINK ' + ' '.repeat(50_000) + '1');
    exercise('1'.repeat(50_000) + 'x' + '1'.repeat(50_000));
    expect(parseLine(undefined as unknown as string).kind).toBe('unknown');
    expect(parseLine(42 as unknown as string).kind).toBe('unknown');
  });
});
