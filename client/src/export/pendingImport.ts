/**
 * Where the landing page leaves a map file to import into the room it just created. Its own module,
 * so a room learns whether there is one without loading the importer (mapFile.ts).
 */
export function pendingImportKey(roomId: string): string {
  return `patroonkaart.import.${roomId}`;
}

export function hasPendingImport(roomId: string): boolean {
  return sessionStorage.getItem(pendingImportKey(roomId)) !== null;
}
