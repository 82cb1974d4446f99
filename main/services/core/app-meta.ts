/** Product identity, shared by the app, the web preview, the CLI and the report. */
export const APP_NAME = 'Classe numérique';
export const APP_ID = 'fr.herault.tne.classe-numerique';
/** Folder name for per-user data outside Electron (web preview, CLI). */
export const APP_DIR_NAME = 'classe-numerique';
