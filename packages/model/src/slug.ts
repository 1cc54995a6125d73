const MAX_SLUG_LENGTH = 60;
const FALLBACK_SLUG = 'patroonkaart';

/** A file-name and URL safe form of a Dutch title: 'Coördinatie' becomes 'coordinatie'. */
export function slugify(text: string): string {
  const slug = text
    // NFKD splits 'ö' into 'o' plus a combining mark, and ligatures such as 'ĳ' into 'ij'.
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    // Cutting at the limit can leave a dangling separator.
    .replace(/-+$/, '');
  return slug === '' ? FALLBACK_SLUG : slug;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** e.g. 'structuur-lost-alles-op-2026-11-23.png'; the date is the user's local date, as they see it. */
export function exportFileName(title: string, date: Date, ext: string): string {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('exportFileName needs a valid date');
  }
  const extension = ext.trim().replace(/^\.+/, '').toLowerCase();
  if (!/^[a-z0-9]+$/.test(extension)) {
    throw new RangeError(`Invalid file extension '${ext}'`);
  }
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${slugify(title)}-${day}.${extension}`;
}
