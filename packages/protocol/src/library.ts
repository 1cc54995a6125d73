/**
 * The template library of an installation: maps a facilitator saved (or imported) as templates,
 * offered beside the seed loops. The JSON bodies of its API, its limits, and the map file
 * (`.patroonkaart.json`) a template is exported as and imported from: the very file the client's
 * map export writes and its import reads (client/src/export/mapFile.ts), so a template can be
 * imported as a map and an exported map saved as a template.
 */

/** Saved template ids: `lib-` and 22 base64url characters (128 random bits), never a seed's id. */
export const LIBRARY_TEMPLATE_ID_PATTERN = /^lib-[A-Za-z0-9_-]{22}$/;

export function isLibraryTemplateId(id: string): boolean {
  return LIBRARY_TEMPLATE_ID_PATTERN.test(id);
}

/** A template's name: 1-80 characters once trimmed (a file's longer title is cut on import). */
export const MAX_TEMPLATE_NAME_CHARS = 80;
/** A template's one line of description: at most 200 characters once trimmed, '' allowed. */
export const MAX_TEMPLATE_DESCRIPTION_CHARS = 200;
/** Templates one installation keeps: saving or importing one more is refused (`library-full`). */
export const MAX_LIBRARY_TEMPLATES = 100;

/** One saved template, as GET /api/library lists it (and saving or importing answers with it). */
export interface LibraryTemplate {
  id: string;
  name: string;
  description: string;
  /** Loop steps on its map. */
  stepCount: number;
  /** Server ms. */
  createdAt: number;
}

/** GET /api/library: newest first. */
export interface LibraryList {
  templates: LibraryTemplate[];
}

/** POST /api/rooms/<roomId>/template (facilitator token): the room's map as a template. */
export interface SaveTemplateRequest {
  name: string;
  description?: string;
}

export const MAP_FILE_FORMAT = 'patroonkaart';
export const MAP_FILE_VERSION = 1;
/** The largest map file: the client's import, POST /api/library's body and a template's stored map. */
export const MAP_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** The schema a file's records are written in (tldraw's SerializedSchema, kept structural). */
export interface MapFileSchema {
  schemaVersion: number;
  [key: string]: unknown;
}

/**
 * A `.patroonkaart.json` file: the map's shapes and bindings and the schema they are written in.
 * A template's file also carries `template` (its name and description); a reader that does not
 * know the field ignores it, so the two kinds of file are one format.
 */
export interface MapFile {
  format: typeof MAP_FILE_FORMAT;
  version: number;
  /** ISO 8601. */
  exportedAt: string;
  title: string;
  schema: MapFileSchema;
  records: Record<string, unknown>[];
  template?: { name: string; description: string };
}
