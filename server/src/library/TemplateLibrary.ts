/**
 * The template library of the installation: maps a facilitator saved from a room (or anyone who
 * may create rooms imported from a map file), offered beside the seed loops. A template keeps the
 * loop map only (packages/schema, loopMapRecords), checked like any map (checkMap.ts) and bounded
 * like a map file (MAP_FILE_MAX_BYTES, and at most the fields one update may add), and is stored
 * with the rooms (Storage: TemplateStore). A new room started from one gets its map with new ids
 * (`roomRecords`), as a seed loop's room does. Who may do what is the API's (http/api.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  isLibraryTemplateId,
  type LibraryTemplate,
  MAP_FILE_MAX_BYTES,
  MAX_LIBRARY_TEMPLATES,
  MAX_TEMPLATE_DESCRIPTION_CHARS,
  MAX_TEMPLATE_NAME_CHARS,
  type MapFile,
} from '@patroonkaart/protocol';
import {
  copyWithNewIds,
  type JsonRecord,
  loopMapRecords,
  loopStepCount,
  markTemplateSteps,
  migrateRecords,
} from '@patroonkaart/schema';
import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store';
import type { Logger } from 'pino';
import type { TemplateInfo, TemplateStore } from '../storage/TemplateStore.ts';
import { mapProblem, TEMPLATE_PAGE } from './checkMap.ts';
import { mapFileOf, readMapFile } from './mapFile.ts';

/** Why a template was not stored: each is an HTTP error code (packages/protocol, HTTP_ERRORS). */
export type LibraryRefusal =
  | 'invalid-template'
  | 'not-a-map'
  | 'map-too-new'
  | 'invalid-map'
  | 'empty-map'
  | 'too-large'
  | 'library-full';

export type Stored = { template: LibraryTemplate } | { error: LibraryRefusal };

interface Names {
  name: string;
  description: string;
}

/** One line: every run of whitespace and control characters a single space, trimmed. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: folding control characters is the point
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** A name and description as asked for (POST …/template): refused when missing or too long. */
export function askedNames(name: unknown, description: unknown): Names | null {
  if (typeof name !== 'string' || (description !== undefined && typeof description !== 'string')) return null;
  const names = { name: oneLine(name), description: oneLine(description ?? '') };
  if (names.name === '' || names.name.length > MAX_TEMPLATE_NAME_CHARS) return null;
  if (names.description.length > MAX_TEMPLATE_DESCRIPTION_CHARS) return null;
  return names;
}

/** A file's name and description (its `template`, else its title): cut to the limits, never refused but when empty. */
function fileNames(name: unknown, title: unknown, description: unknown): Names | null {
  const text = (v: unknown) => (typeof v === 'string' ? oneLine(v) : '');
  const chosen = text(name) || text(title);
  if (chosen === '') return null;
  return {
    name: chosen.slice(0, MAX_TEMPLATE_NAME_CHARS).trim(),
    description: text(description).slice(0, MAX_TEMPLATE_DESCRIPTION_CHARS).trim(),
  };
}

export class TemplateLibrary {
  private readonly storage: TemplateStore;
  private readonly schema: StoreSchema<UnknownRecord, unknown>;
  private readonly log: Logger;

  constructor(storage: TemplateStore, schema: StoreSchema<UnknownRecord, unknown>, log: Logger) {
    this.storage = storage;
    this.schema = schema;
    this.log = log;
  }

  /** Every template, newest first. */
  async list(): Promise<LibraryTemplate[]> {
    return (await this.storage.listTemplates()).map(summary);
  }

  async has(id: string): Promise<boolean> {
    return isLibraryTemplateId(id) && (await this.storage.getTemplate(id)) !== null;
  }

  /** A room's map (all its records: the loop map is picked out) as a new template. */
  saveRoomMap(
    records: readonly Record<string, unknown>[],
    name: unknown,
    description: unknown,
  ): Promise<Stored> {
    const names = askedNames(name, description);
    if (!names) return Promise.resolve({ error: 'invalid-template' });
    return this.store(() => loopMapRecords(records, TEMPLATE_PAGE), names, 'room');
  }

  /** A map file (a parsed JSON body, hostile until checked) as a new template. */
  async importFile(data: unknown): Promise<Stored> {
    if (await this.isFull()) return { error: 'library-full' };
    const read = readMapFile(data, this.schema);
    if (!read.ok) {
      this.log.info({ code: read.problem.code, detail: read.problem.detail }, 'template import refused');
      return { error: read.problem.code };
    }
    const { records, title, template } = read.file;
    const names = fileNames(template?.name, title, template?.description);
    if (!names) return { error: 'invalid-template' };
    return this.store(() => loopMapRecords(records, TEMPLATE_PAGE), names, 'file');
  }

  /** The template as a map file (the format the client's export writes and its import reads). */
  async file(id: string): Promise<MapFile | null> {
    const template = await this.read(id);
    return template && mapFileOf(template.info, template.records, this.schema);
  }

  /** The template's map for a new room: new ids, its shapes on `pageId`; null when there is none. */
  async roomRecords(id: string, pageId: string): Promise<JsonRecord[] | null> {
    const template = await this.read(id);
    if (!template) return null;
    return copyWithNewIds(template.records, { pageId, makeId: () => randomUUID().replaceAll('-', '') });
  }

  async delete(id: string): Promise<boolean> {
    if (!isLibraryTemplateId(id) || !(await this.storage.deleteTemplate(id))) return false;
    this.log.info({ templateId: id }, 'template deleted');
    return true;
  }

  private async isFull(): Promise<boolean> {
    return (await this.storage.listTemplates()).length >= MAX_LIBRARY_TEMPLATES;
  }

  private async store(pick: () => JsonRecord[], names: Names, from: 'room' | 'file'): Promise<Stored> {
    if (await this.isFull()) return { error: 'library-full' };
    const picked = pick();
    const stepCount = loopStepCount(picked);
    if (stepCount === 0) return { error: 'empty-map' };
    const id = `lib-${randomBytes(16).toString('base64url')}`;
    const records = markTemplateSteps(picked, id);
    const problem = mapProblem(this.schema, records);
    if (problem) {
      this.log.warn({ from, code: problem.code, detail: problem.detail }, 'template refused');
      return { error: problem.code };
    }
    const map = JSON.stringify({ schema: this.schema.serialize(), records });
    if (Buffer.byteLength(map) > MAP_FILE_MAX_BYTES) return { error: 'too-large' };
    const info: TemplateInfo = { id, ...names, stepCount, createdAt: Date.now() };
    await this.storage.createTemplate({ ...info, map });
    this.log.info({ templateId: id, from, stepCount, bytes: map.length }, 'template saved');
    return { template: summary(info) };
  }

  /** A stored template's records in the current schema (migrated, checked again); null when none or unreadable. */
  private async read(id: string): Promise<{ info: TemplateInfo; records: JsonRecord[] } | null> {
    if (!isLibraryTemplateId(id)) return null;
    const stored = await this.storage.getTemplate(id);
    if (!stored) return null;
    const { map, ...info } = stored;
    try {
      const parsed = JSON.parse(map) as { schema: SerializedSchema; records: Record<string, unknown>[] };
      const migrated = migrateRecords(this.schema, parsed.schema, parsed.records);
      if (!migrated.ok) throw new Error(`migration: ${migrated.reason}`);
      const records = [...migrated.records.values()] as JsonRecord[];
      const problem = mapProblem(this.schema, records);
      if (problem) throw new Error(problem.detail);
      return { info, records };
    } catch (error) {
      this.log.error({ templateId: id, err: error }, 'a stored template could not be read');
      return null;
    }
  }
}

function summary(info: TemplateInfo): LibraryTemplate {
  return {
    id: info.id,
    name: info.name,
    description: info.description,
    stepCount: info.stepCount,
    createdAt: info.createdAt,
  };
}
