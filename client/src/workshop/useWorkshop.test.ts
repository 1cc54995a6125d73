import { describe, expect, it } from 'vitest';
import { readWorkshopAddress, workshopPageUrl } from './workshopAddress.ts';

const ID = 'AbCdEfGhIjKlMnOpQrStUv';

describe("a workshop's addresses", () => {
  it('reads the overview, the summary and the plenary, each with the key from the fragment', () => {
    for (const page of ['overview', 'summary', 'plenary'] as const) {
      const [pathname, hash] = workshopPageUrl(ID, page, 'sleutel').split('#');
      expect(readWorkshopAddress({ pathname: pathname!, hash: `#${hash}` })).toEqual({
        workshopId: ID,
        token: 'sleutel',
        page,
      });
    }
    expect(workshopPageUrl(ID, 'plenary', 'x')).toBe(`/w/${ID}/plenair#k=x`);
    expect(workshopPageUrl(ID, 'summary', 'x')).toBe(`/w/${ID}/samenvatting#k=x`);
    expect(readWorkshopAddress({ pathname: `/w/${ID}/plenair/`, hash: '' })).toEqual({
      workshopId: ID,
      token: null,
      page: 'plenary',
    });
  });

  it('is no workshop page for another path or an invalid id', () => {
    expect(readWorkshopAddress({ pathname: `/w/${ID}/iets`, hash: '#k=x' })).toBeNull();
    expect(readWorkshopAddress({ pathname: '/w/kort/plenair', hash: '#k=x' })).toBeNull();
    expect(readWorkshopAddress({ pathname: `/r/${ID}`, hash: '#k=x' })).toBeNull();
  });
});
