import type { PlaceholderName } from '../../../preload/contract/guide-document';

export type PlaceholderValues = Partial<Record<PlaceholderName, string>>;

/**
 * The values of `{{it.contact}}`, `{{room.name}}`… in guides. They will come from the IT profile
 * (its contact block) and the chosen room once those reach the renderer; until then every
 * placeholder shows its catalog fallback (« votre service informatique »…), never an empty gap.
 */
export function usePlaceholderValues(): PlaceholderValues {
  return NO_VALUES;
}

const NO_VALUES: PlaceholderValues = {};
