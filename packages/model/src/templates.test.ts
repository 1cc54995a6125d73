import { describe, expect, it } from 'vitest';
import { BUILT_IN_BEHAVIOURS } from './behaviours.ts';
import { blankTemplate, getTemplate, TEMPLATE_IDS, TEMPLATES } from './templates.ts';

describe('TEMPLATES', () => {
  it('holds the three seed loops in order', () => {
    expect(TEMPLATE_IDS).toEqual([
      'structuur-lost-alles-op',
      'slagbomen-neer-bij-schaarste',
      'van-niemand-en-toch-van-iedereen',
    ]);
    expect(TEMPLATES.map((t) => t.title)).toEqual([
      'Structuur lost alles op',
      'Slagbomen neer bij schaarste',
      'Van niemand en toch van iedereen',
    ]);
  });

  it("keeps 'Structuur lost alles op' verbatim", () => {
    expect(getTemplate('structuur-lost-alles-op')).toEqual({
      id: 'structuur-lost-alles-op',
      title: 'Structuur lost alles op',
      steps: [
        'Er doet zich een complex vraagstuk voor.',
        'Om grip te krijgen ‘vereenvoudigen’ we de complexiteit met een structuur. We bakenen rollen af en maken afspraken.',
        'Er is een toename in coördinatie, afstemming en verantwoording.',
        'Veel energie en tijd gaat naar de structuur in stand houden en verduidelijken (wie is waarvoor aan zet?).',
        'De opgetuigde structuur krijgt meer aandacht dan de inhoud.',
        'De eigenlijke vraag raakt uit beeld en het vraagstuk wordt niet opgelost.',
      ],
      behaviours: [],
      behaviourSteps: [],
    });
  });

  it("keeps 'Slagbomen neer bij schaarste' verbatim", () => {
    expect(getTemplate('slagbomen-neer-bij-schaarste')).toEqual({
      id: 'slagbomen-neer-bij-schaarste',
      title: 'Slagbomen neer bij schaarste',
      steps: [
        'Tijden van schaarste qua capaciteit en expertise.',
        'Om drukte beheersbaar te houden wordt inzet door de organisaties individueel afgebakend.',
        'Bij complexe casuïstiek die niet perfect past gaan alle ‘slagbomen’ naar beneden.',
        'Casuïstiek blijft hangen. Organisaties houden vast aan eigen beheerstrategie.',
        'Weinig ruimte voor creativiteit in probleemoplossend vermogen.',
        'Opgave staat niet centraal en extra gesprekken kosten veel tijd. Gezamenlijke beheerstrategie ontbreekt.',
      ],
      behaviours: [],
      behaviourSteps: [],
    });
  });

  it("keeps 'Van niemand en toch van iedereen' verbatim, with all five behaviours", () => {
    expect(getTemplate('van-niemand-en-toch-van-iedereen')).toEqual({
      id: 'van-niemand-en-toch-van-iedereen',
      title: 'Van niemand en toch van iedereen',
      steps: [
        'Gezamenlijk beeld, doel en aanpak ontbreken.',
        'Niet duidelijk wat anderen kunnen, willen en mogen. Aannames en verwachtingen worden niet getoetst.',
        'Partijen werken binnen en buiten hun organisatie ieder voor zich.',
        'Gevoel van onbegrip en frustratie zet vertrouwen in elkaar onder druk.',
        'Escalatie in de samenwerking.',
      ],
      behaviours: ['wachten-en-wijzen', 'afbakenen', 'duiken', 'oreren', 'evalueren'],
      // Wachten en wijzen at the frustration (4), Afbakenen at the unclarity (2), Duiken where
      // each works alone (3), Oreren where a shared picture is missing (1), Evalueren at the
      // escalation (5): see templates.ts.
      behaviourSteps: [3, 1, 2, 0, 4],
    });
    expect(getTemplate('van-niemand-en-toch-van-iedereen')?.behaviours).toEqual(
      BUILT_IN_BEHAVIOURS.map((b) => b.kind),
    );
  });

  it('uses typographic quotes and composed accents, not ASCII look-alikes', () => {
    const text = TEMPLATES.flatMap((t) => t.steps).join('\n');
    expect(text).not.toMatch(/['"]/);
    expect(text).toContain('‘vereenvoudigen’');
    expect(text).toContain('‘slagbomen’');
    expect(text).toBe(text.normalize('NFC'));
    expect(text.match(/casuïstiek/gi)).toHaveLength(2);
  });

  it('cannot be mutated by a caller', () => {
    const steps = TEMPLATES[0]!.steps as string[];
    expect(() => steps.push('x')).toThrow(TypeError);
    expect(Object.isFrozen(TEMPLATES[2])).toBe(true);
  });
});

describe('blankTemplate', () => {
  it('gives n empty steps and no behaviours', () => {
    expect(blankTemplate(4)).toEqual({
      id: 'blank-4',
      title: 'Nieuw patroon',
      steps: ['', '', '', ''],
      behaviours: [],
      behaviourSteps: [],
    });
    expect(blankTemplate(3).steps).toHaveLength(3);
    expect(blankTemplate(12).steps).toHaveLength(12);
  });

  it.each([2, 13, 0, -1, 4.5, Number.NaN])('rejects %s steps with a RangeError', (n) => {
    expect(() => blankTemplate(n)).toThrow(RangeError);
    expect(() => blankTemplate(n)).toThrow(/between 3 and 12 steps/);
  });
});

describe('getTemplate', () => {
  it('resolves blank ids', () => {
    expect(getTemplate('blank')).toEqual(blankTemplate(6));
    expect(getTemplate('blank-3')?.steps).toHaveLength(3);
    expect(getTemplate('blank-12')?.id).toBe('blank-12');
  });

  it.each(['blank-2', 'blank-13', 'blank-06', 'blank-', 'blank-x', 'Structuur lost alles op', ''])(
    'returns undefined for %j',
    (id) => {
      expect(getTemplate(id)).toBeUndefined();
    },
  );
});
