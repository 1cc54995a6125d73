/**
 * The template library's part of the one Storage interface (Storage extends it): maps saved as
 * templates of the installation, stored with the rooms (server/src/library reads and writes them).
 */

/** A saved template as the library lists it. */
export interface TemplateInfo {
  /** `lib-` and 22 base64url characters (packages/protocol, LIBRARY_TEMPLATE_ID_PATTERN). */
  id: string;
  name: string;
  description: string;
  /** Loop steps on its map. */
  stepCount: number;
  createdAt: number;
}

export interface StoredTemplate extends TemplateInfo {
  /**
   * The map, as JSON text: `{"schema": <the serialized store schema>, "records": [...]}`, the
   * loop map's shapes and bindings in that schema (migrated when read by a newer server).
   */
  map: string;
}

export interface TemplateStore {
  createTemplate(template: StoredTemplate): Promise<void>;
  /** Every template, newest first, without its map. */
  listTemplates(): Promise<TemplateInfo[]>;
  getTemplate(id: string): Promise<StoredTemplate | null>;
  /** Whether there was one to delete. */
  deleteTemplate(id: string): Promise<boolean>;
}
