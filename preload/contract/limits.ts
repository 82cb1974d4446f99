/**
 * Plain constants shared by the contract's schemas and the renderer, without zod: the renderer (and the
 * sandboxed preload) import these at run time and only types from the schema files, so that zod stays
 * in main, where the validation happens.
 */

/** Limits shared by every schema: nothing unbounded crosses the contract. */
export const LIMITS = {
  id: 128,
  name: 200,
  text: 2000,
  host: 253,
  path: 4096,
  list: 5000,
  /** A whole file carried as text (an imported profile, an exported draft, a report): 10 MiB. */
  file: 10 * 1024 * 1024,
} as const;

/** A guide step or section anchor: "input", "power-on". */
export const ANCHOR_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A link to a guide, optionally at a step: "guide:no-signal#input". */
export const GUIDE_LINK_PATTERN = /^guide:([a-z0-9]+(?:-[a-z0-9]+)*)(?:#([a-z0-9]+(?:-[a-z0-9]+)*))?$/;

/** The web preview's upload endpoint for chosen files, and the header carrying the file's name. */
export const UPLOAD_PATH = '/files';
export const UPLOAD_NAME_HEADER = 'x-classe-file-name';
