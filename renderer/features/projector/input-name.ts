import type { TFunction } from 'i18next';
import type { ProjectorInput } from '../../../preload/contract/projector';

/** The projector's own name for an input (INNM), else its type name ("HDMI 1", "Ordinateur (VGA) 1"). */
export function inputLabel(t: TFunction, input: Pick<ProjectorInput, 'name' | 'typeKey' | 'number'>): string {
  return input.name ?? t(input.typeKey, { number: input.number });
}

const TYPES: Record<string, string> = { '1': 'rgb', '2': 'video', '3': 'digital', '4': 'storage', '5': 'network', '6': 'internal' };

/** A label for an input code alone (the status knows the code, the input list knows the name). */
export function codeLabel(t: TFunction, code: string, inputs: ProjectorInput[] | undefined): string {
  const known = inputs?.find((i) => i.code === code);
  if (known) return inputLabel(t, known);
  const type = TYPES[code[0] ?? ''];
  return type ? t(`pjlink:input_type.${type}`, { number: code[1] ?? '' }) : code;
}
