import { getTemplate, loopSubject, voteId } from '@patroonkaart/model';
import { templateRecords } from '@patroonkaart/schema';
import { describe, expect, it } from 'vitest';
import { summariseTable } from './tableSummary.ts';

const labels = { pattern: 'Het patroon als geheel', loop: 'Lus' };

describe('summariseTable', () => {
  it('lists the steps in loop order, the behaviours, votes per organisation and answers per round', () => {
    const template = getTemplate('van-niemand-en-toch-van-iedereen')!;
    const records = templateRecords(template, { pageId: 'page:page' }) as Record<string, unknown>[];
    const author = 'a'.repeat(24);
    records.push(
      {
        id: voteId(author, 'recognisable', 'pattern'),
        typeName: 'vote',
        author,
        name: 'Anna',
        organisation: 'Politie',
        question: 'recognisable',
        subject: 'pattern',
        value: 'yes',
      },
      {
        id: 'answer:1',
        typeName: 'answer',
        round: 5,
        text: 'Eerder samen de vraag stellen',
        author,
        name: 'Anna',
        organisation: 'Politie',
        createdAt: 1,
      },
    );
    const s = summariseTable(records, labels);
    expect(s.title).toBe('Van niemand en toch van iedereen');
    expect(s.loopSteps).toEqual([...template.steps]);
    expect(s.behaviours.map((b) => b.name)).toEqual([
      'Wachten en wijzen',
      'Afbakenen',
      'Duiken',
      'Oreren',
      'Evalueren',
    ]);
    expect(s.votes).toEqual([
      {
        item: 'Het patroon als geheel',
        question: 'recognisable',
        byOrganisation: [['Politie', { yes: 1, somewhat: 0, no: 0 }]],
      },
    ]);
    expect(s.answers.find((a) => a.round === 5)?.answers).toEqual([
      { text: 'Eerder samen de vraag stellen', name: 'Anna', organisation: 'Politie' },
    ]);
  });

  it('names the step a first step breaks, lists steps outside the loop and votes on a loop', () => {
    const template = getTemplate('structuur-lost-alles-op')!;
    const records = templateRecords(template, { pageId: 'page:page' }) as Record<string, unknown>[];
    const steps = records.filter((r) => r.type === 'loop-step');
    const author = 'b'.repeat(24);
    const loop = loopSubject(steps.map((s) => String(s.id)));
    records.push(
      {
        id: 'shape:open',
        typeName: 'shape',
        type: 'loop-step',
        index: 'zz',
        parentId: 'page:page',
        props: { w: 10, h: 10, text: 'Los eind', organisation: '' },
      },
      {
        id: 'shape:first',
        typeName: 'shape',
        type: 'first-step',
        index: 'zz1',
        parentId: 'page:page',
        props: { w: 10, h: 10, what: 'Samen de vraag stellen', who: 'Gemeente' },
      },
      {
        id: 'binding:first',
        typeName: 'binding',
        type: 'first-step-link',
        fromId: 'shape:first',
        toId: steps[1]!.id,
        props: {},
      },
      {
        id: voteId(author, 'recognisable', loop),
        typeName: 'vote',
        author,
        name: 'Bo',
        organisation: 'Gemeente',
        question: 'recognisable',
        subject: loop,
        value: 'somewhat',
      },
    );
    const s = summariseTable(records, labels);
    expect(s.loopSteps).toEqual([...template.steps]);
    expect(s.otherSteps).toEqual(['Los eind']);
    expect(s.firstSteps).toEqual([
      { what: 'Samen de vraag stellen', who: 'Gemeente', step: template.steps[1] },
    ]);
    expect(s.votes).toEqual([
      {
        item: 'Lus 1',
        question: 'recognisable',
        byOrganisation: [['Gemeente', { yes: 0, somewhat: 1, no: 0 }]],
      },
    ]);
  });
});
