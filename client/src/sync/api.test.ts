import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadLocale } from '../i18n/i18n.ts';
import {
  ApiFailure,
  apiFailureMessage,
  createRoom,
  deleteLibraryTemplate,
  deleteRoom,
  getConfig,
  getLibraryFile,
  getRole,
  importLibraryFile,
  listLibrary,
  listRestorePoints,
  restoreToPoint,
  saveRestorePoint,
  saveRoomAsTemplate,
} from './api.ts';

await loadLocale('en');

/** Stubs fetch with one answer (or a network error) and returns the mock, to read the request from. */
function answer(status: number, body?: unknown, raw?: string) {
  const fetch = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(raw ?? (body === undefined ? null : JSON.stringify(body)), { status }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function failure(promise: Promise<unknown>): Promise<ApiFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiFailure);
  return error as ApiFailure;
}

const key = { roomId: 'room1234', token: 'pk_secret' };

afterEach(() => vi.unstubAllGlobals());

describe('the API client', () => {
  it('returns the body of a good answer, typed by the protocol', async () => {
    const fetch = answer(200, { licenseKey: null, creationCodeRequired: true, production: false });
    expect(await getConfig()).toEqual({ licenseKey: null, creationCodeRequired: true, production: false });
    expect(fetch).toHaveBeenCalledWith('/api/config', { method: 'GET', headers: {} });
  });

  it('sends the token as a bearer and a POST as JSON', async () => {
    const fetch = answer(200, { role: 'edit' });
    expect(await getRole(key)).toEqual({ role: 'edit' });
    expect(fetch.mock.calls[0]![0]).toBe('/api/rooms/room1234/role');
    expect(fetch.mock.calls[0]![1]!.headers).toEqual({ authorization: 'Bearer pk_secret' });

    const post = answer(201, { roomId: 'r', facilitatorUrl: '/r/r#k=f', editUrl: '', viewUrl: '' });
    await createRoom({ template: 'blank', creationCode: 'c' });
    const [url, init] = post.mock.calls[0]!;
    expect(url).toBe('/api/rooms');
    expect(init).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(String(init!.body))).toEqual({ template: 'blank', creationCode: 'c' });
  });

  it('sends a POST without a body as JSON too (the server refuses any other)', async () => {
    const fetch = answer(200, { restored: 3, before: { id: 9 } });
    expect((await restoreToPoint(key, 3)).before.id).toBe(9);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/rooms/room1234/history/3/restore');
    expect(init).toEqual({
      method: 'POST',
      headers: { authorization: 'Bearer pk_secret', 'content-type': 'application/json' },
    });
  });

  it('takes an answer without a body (204) as null', async () => {
    const fetch = answer(204);
    expect(await deleteRoom(key)).toBeNull();
    expect(fetch.mock.calls[0]![1]).toMatchObject({ method: 'DELETE' });
  });

  it("turns an error answer into its status and the body's code", async () => {
    answer(403, { error: 'forbidden', message: 'Forbidden' });
    const e = await failure(listRestorePoints(key));
    expect(e.status).toBe(403);
    expect(e.code).toBe('forbidden');
    expect(apiFailureMessage('en', e)).toBe('Only the facilitator may do this.');
  });

  it('reads no code from a body that names none we know, or is not JSON', async () => {
    for (const [body, raw] of [
      [{ error: 'brand-new', message: 'Bad Request' }, undefined],
      [{ error: 'toString' }, undefined],
      [undefined, '<html>Bad gateway</html>'],
      [undefined, undefined],
    ] as const) {
      answer(body ? 400 : 502, body, raw);
      const e = await failure(saveRestorePoint(key, { label: 'x' }));
      expect(e.code).toBeNull();
      const status = body ? 400 : 502;
      expect(apiFailureMessage('nl', e)).toBe(`Er ging iets mis op de server (${status}).`);
      expect(apiFailureMessage('en', e)).toBe(`Something went wrong on the server (${status}).`);
    }
  });

  it('fails without a status when the server cannot be reached, saying what the browser said', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const e = await failure(getConfig());
    expect(e.status).toBeNull();
    expect(e.code).toBeNull();
    expect(apiFailureMessage('nl', e)).toBe('Failed to fetch');
  });

  it('fails without a status when a good answer is not JSON', async () => {
    answer(200, undefined, '<html>captive portal</html>');
    const e = await failure(getConfig());
    expect(e.status).toBeNull();
  });
});

describe('the template library through the API client', () => {
  const template = {
    id: 'lib-AAAAAAAAAAAAAAAAAAAAAA',
    name: 'Ons patroon',
    description: 'Met ons eigen begin',
    stepCount: 5,
    createdAt: 1,
  };

  it('lists the library and reads a template as a map file, never from a cache', async () => {
    const fetch = answer(200, { templates: [template] });
    expect(await listLibrary()).toEqual({ templates: [template] });
    expect(fetch).toHaveBeenCalledWith('/api/library', { method: 'GET', headers: {}, cache: 'no-store' });

    const file = { format: 'patroonkaart', version: 1, title: 'x', records: [], template: { name: 'x' } };
    const get = answer(200, file);
    expect(await getLibraryFile(template.id)).toEqual(file);
    expect(get.mock.calls[0]![0]).toBe(`/api/library/${template.id}`);
  });

  it("saves the room's map with the facilitator's token as the bearer", async () => {
    const fetch = answer(201, template);
    expect(
      await saveRoomAsTemplate(key, { name: 'Ons patroon', description: 'Met ons eigen begin' }),
    ).toEqual(template);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/rooms/room1234/template');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { authorization: 'Bearer pk_secret', 'content-type': 'application/json' },
    });
    expect(JSON.parse(String(init!.body))).toEqual({
      name: 'Ons patroon',
      description: 'Met ons eigen begin',
    });
  });

  it('imports a file and removes a template with the creation code as the bearer, or without one', async () => {
    const file = { format: 'patroonkaart', version: 1, records: [{ id: 'shape:a' }] };
    const post = answer(201, template);
    expect(await importLibraryFile(file, 'sesam')).toEqual(template);
    const [url, init] = post.mock.calls[0]!;
    expect(url).toBe('/api/library');
    expect(init!.headers).toEqual({ authorization: 'Bearer sesam', 'content-type': 'application/json' });
    expect(JSON.parse(String(init!.body))).toEqual(file);

    const open = answer(201, template);
    await importLibraryFile(file, null);
    expect(open.mock.calls[0]![1]!.headers).toEqual({ 'content-type': 'application/json' });

    const del = answer(204);
    expect(await deleteLibraryTemplate(template.id, 'sesam')).toBeNull();
    expect(del.mock.calls[0]![0]).toBe(`/api/library/${template.id}`);
    expect(del.mock.calls[0]![1]).toEqual({ method: 'DELETE', headers: { authorization: 'Bearer sesam' } });
    const delOpen = answer(204);
    await deleteLibraryTemplate(template.id, null);
    expect(delOpen.mock.calls[0]![1]).toEqual({ method: 'DELETE', headers: {} });
  });

  it("says the library's refusals in plain words", async () => {
    for (const [status, error, nl] of [
      [400, 'invalid-template', /naam van hoogstens 80 tekens/],
      [400, 'empty-map', /geen stappen/],
      [409, 'library-full', /bibliotheek is vol/],
      [403, 'creation-code', /code om een sessie te starten/],
      [404, 'template-not-found', /bestaat niet \(meer\)/],
    ] as const) {
      answer(status, { error, message: 'x' });
      const e = await failure(deleteLibraryTemplate(template.id, 'fout'));
      expect(e.status).toBe(status);
      expect(e.code).toBe(error);
      expect(apiFailureMessage('nl', e)).toMatch(nl);
    }
  });
});
