/**
 * The diagrams of the guides, bundled with the renderer. A guide names them `images/<name>.svg`
 * (main checked that the file exists); this maps the name to the URL Vite gave the file. Nothing
 * else can be shown: a name that is not here is rendered as its description.
 */
const files = import.meta.glob<string>('../../../assets/guides/images/*.svg', { query: '?url', import: 'default', eager: true });

const BY_NAME = new Map(Object.entries(files).map(([path, url]) => [`images/${path.slice(path.lastIndexOf('/') + 1)}`, url]));

export function guideImageUrl(src: string): string | null {
  return BY_NAME.get(src) ?? null;
}
