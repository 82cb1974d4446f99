/**
 * Finding an input from what a person or a profile wrote: a code ("31", "3a"), the projector's own
 * name for it (INNM "HDMI1", "USB Display"), or a type name and number in French or English
 * ("HDMI 1", "Ordinateur", "VGA 2", "Réseau"). Matching ignores case, accents, spaces and dashes.
 * The aliases below are for matching only; names shown to people come from the catalogs.
 */
import { describeInput, normalizeInputCode, type InputType } from './codec';
import type { PjlinkInput } from './client';

const TYPE_ALIASES: Record<InputType, string[]> = {
  rgb: ['rgb', 'vga', 'ordinateur', 'computer', 'pc', 'dsub'],
  video: ['video', 'composite', 'svideo'],
  digital: ['hdmi', 'digital', 'numerique', 'dvi', 'displayport', 'dp'],
  storage: ['usb', 'storage', 'stockage', 'memoire'],
  network: ['network', 'reseau', 'lan', 'wifi', 'wireless'],
  internal: ['internal', 'interne'],
};

export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\-_.()]+/g, '');
}

/**
 * The code of the input `spec` designates among `inputs`, or null. Order: exact code, the device's
 * own name (INNM), then type alias + number (a missing number means the first of that type).
 */
export function resolveInputSpec(spec: string, inputs: PjlinkInput[]): string | null {
  const trimmed = spec.trim();
  if (!trimmed) return null;
  const code = normalizeInputCode(trimmed);
  if (code && inputs.some((i) => i.code === code)) return code;
  const folded = foldName(trimmed);
  const byName = inputs.find((i) => i.name && foldName(i.name) === folded);
  if (byName) return byName.code;
  for (const [type, aliases] of Object.entries(TYPE_ALIASES) as [InputType, string[]][]) {
    for (const alias of aliases) {
      if (!folded.startsWith(alias)) continue;
      const number = folded.slice(alias.length);
      if (number !== '' && !/^[0-9a-z]$/.test(number)) continue;
      const ofType = inputs.filter((i) => i.type === type);
      const found = number ? ofType.find((i) => i.number === number.toUpperCase()) : ofType[0];
      if (found) return found.code;
    }
  }
  return null;
}

/** PjlinkInput for a code alone (no INNM), e.g. when INST could not be read. */
export function bareInput(code: string): PjlinkInput | null {
  const description = describeInput(code);
  return description ? { ...description, name: null } : null;
}
