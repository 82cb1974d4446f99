import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult, CommandRunner, CommandSpec } from '../../../main/services/display/command-runner';
import type { DisplayDescriptor } from '../../../main/services/display/display-types';

export function xrandrFixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', 'xrandr', name), 'utf8');
}

/**
 * A minimal valid EDID 1.3 base block, for tests that need a projector's EDID (no real one was
 * available): manufacturer id, a 0xFC monitor name, a preferred detailed timing, correct checksum.
 */
export function buildEdid(opts: { manufacturer: string; name: string; width: number; height: number; productCode?: number }): Uint8Array {
  const b = new Uint8Array(128);
  b.set([0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00], 0);
  const [c1, c2, c3] = [...opts.manufacturer].map((c) => c.charCodeAt(0) - 64);
  const id = ((c1 ?? 0) << 10) | ((c2 ?? 0) << 5) | (c3 ?? 0);
  b[8] = id >> 8;
  b[9] = id & 0xff;
  b[10] = (opts.productCode ?? 0x1234) & 0xff;
  b[11] = (opts.productCode ?? 0x1234) >> 8;
  b[18] = 1; // EDID 1.3
  b[19] = 3;
  // Detailed timing 1 (preferred): 65 MHz, active size; the rest of the timing does not matter here.
  b[54] = 0x64;
  b[55] = 0x19;
  b[56] = opts.width & 0xff;
  b[58] = (opts.width >> 8) << 4;
  b[59] = opts.height & 0xff;
  b[61] = (opts.height >> 8) << 4;
  // Descriptor 2: monitor name.
  b.set([0, 0, 0, 0xfc, 0], 72);
  const name = opts.name.slice(0, 13);
  for (let i = 0; i < 13; i++) b[77 + i] = i < name.length ? name.charCodeAt(i) : i === name.length ? 0x0a : 0x20;
  // Descriptors 3 and 4: dummy (tag 0x10).
  b.set([0, 0, 0, 0x10, 0], 90);
  b.set([0, 0, 0, 0x10, 0], 108);
  let sum = 0;
  for (let i = 0; i < 127; i++) sum = (sum + (b[i] ?? 0)) & 0xff;
  b[127] = (256 - sum) & 0xff;
  return b;
}

export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Inserts an EDID property (as `xrandr --props` prints it) right after an output's header line. */
export function withEdid(xrandr: string, output: string, edid: Uint8Array): string {
  const hex = toHex(edid);
  const block = ['\tEDID: ', ...Array.from({ length: hex.length / 32 }, (_, i) => `\t\t${hex.slice(i * 32, i * 32 + 32)}`)].join('\n');
  return xrandr
    .split('\n')
    .map((line) => (line.startsWith(`${output} `) ? `${line}\n${block}` : line))
    .join('\n');
}

export function display(partial: Partial<DisplayDescriptor> & { id: number }): DisplayDescriptor {
  return {
    label: '',
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    scaleFactor: 1,
    internal: false,
    detected: true,
    ...partial,
  };
}

export const LAPTOP = display({ id: 1, label: 'Built-in Retina Display', internal: true, primary: true, bounds: { x: 0, y: 0, width: 1440, height: 900 }, scaleFactor: 2 });

type Reply = Partial<CommandResult> | ((spec: CommandSpec) => Partial<CommandResult>);

/** A scripted CommandRunner: records every call, answers from a queue of rules. */
export class FakeRunner implements CommandRunner {
  readonly calls: CommandSpec[] = [];
  private readonly rules: { match: (spec: CommandSpec) => boolean; reply: Reply; times: number }[] = [];

  on(match: (spec: CommandSpec) => boolean, reply: Reply, times = Infinity): this {
    this.rules.push({ match, reply, times });
    return this;
  }

  async run(spec: CommandSpec): Promise<CommandResult> {
    this.calls.push(spec);
    const rule = this.rules.find((r) => r.times > 0 && r.match(spec));
    if (!rule) return { code: null, stdout: '', stderr: '', error: 'ENOENT' };
    rule.times -= 1;
    const reply = typeof rule.reply === 'function' ? rule.reply(spec) : rule.reply;
    return { code: 0, stdout: '', stderr: '', ...reply };
  }
}

/** Decodes a PowerShell -EncodedCommand argument back to the script. */
export function decodePowerShell(args: readonly string[]): string {
  const i = args.indexOf('-EncodedCommand');
  return Buffer.from(args[i + 1] ?? '', 'base64').toString('utf16le');
}
