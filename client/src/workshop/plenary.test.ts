import { getTemplate, type VoteQuestion, type VoteValue, voteId } from '@patroonkaart/model';
import { templateRecords } from '@patroonkaart/schema';
import { describe, expect, it } from 'vitest';
import { ownerOrganisations, type PlenaryTable, summarisePlenary } from './plenary.ts';

type Rec = Record<string, unknown>;

const STRUCTUUR = getTemplate('structuur-lost-alles-op')!;
const NIEMAND = getTemplate('van-niemand-en-toch-van-iedereen')!;

let ids = 0;
const fromTemplate = (id: string) =>
  templateRecords(getTemplate(id)!, {
    pageId: 'page:page',
    makeId: () => `r${++ids}`,
  }) as unknown as Rec[];

const stepsOf = (records: readonly Rec[]) => records.filter((r) => r.type === 'loop-step');
const rephrase = (records: Rec[], step: Rec, text: string) =>
  records.map((r) => (r === step ? { ...r, props: { ...(r.props as object), text } } : r));

function customStep(text: string): Rec {
  return {
    id: `shape:custom${++ids}`,
    typeName: 'shape',
    type: 'loop-step',
    parentId: 'page:page',
    index: 'b9',
    x: 2000,
    y: 0,
    props: { w: 240, h: 120, text, organisation: '' },
    meta: {},
  };
}

function firstStep(what: string, who: string): Rec {
  return {
    id: `shape:first${++ids}`,
    typeName: 'shape',
    type: 'first-step',
    parentId: 'page:page',
    index: 'c1',
    x: 2400,
    y: 0,
    props: { w: 240, h: 140, what, who },
    meta: {},
  };
}

function vote(
  author: string,
  name: string,
  organisation: string,
  question: VoteQuestion,
  subject: string,
  value: VoteValue,
): Rec {
  return {
    id: voteId(author, question, subject),
    typeName: 'vote',
    author,
    name,
    organisation,
    question,
    subject,
    value,
  };
}

function answer(round: number, text: string, name: string, organisation: string, createdAt: number): Rec {
  return {
    id: `answer:${++ids}`,
    typeName: 'answer',
    round,
    text,
    author: 'a'.repeat(24),
    name,
    organisation,
    createdAt,
  };
}

const table = (
  records: Rec[],
  anonymousVotes = false,
  people: PlenaryTable['people'] = [],
): PlenaryTable => ({
  records,
  anonymousVotes,
  people,
});

describe('the plenary', () => {
  it('marks the template steps all tables share, also where a table rephrased one', () => {
    const one = fromTemplate(STRUCTUUR.id);
    const two = fromTemplate(STRUCTUUR.id);
    const three = fromTemplate(STRUCTUUR.id);
    const rephrased = stepsOf(one)[1]!;
    const plenary = summarisePlenary([
      table(rephrase(one, rephrased, 'We maken een organogram')),
      table(two),
      table(three),
    ]);
    for (const [i, records] of [one, two, three].entries()) {
      const marks = plenary.marks[i]!;
      expect(marks.size).toBe(STRUCTUUR.steps.length);
      for (const step of stepsOf(records))
        expect(marks.get(String(step.id))).toEqual([1, 2, 3].filter((n) => n !== i + 1));
    }
    expect(plenary.marks[0]!.get(String(rephrased.id))).toEqual([2, 3]);
    // The list names each shared step once, in loop order, in the words most tables have.
    expect(plenary.shared.map((s) => [s.kind, s.text, s.tables])).toEqual(
      STRUCTUUR.steps.map((text) => ['step', text, [1, 2, 3]]),
    );
    expect(plenary.titles).toEqual([STRUCTUUR.title, STRUCTUUR.title, STRUCTUUR.title]);
  });

  it('marks the same words at two tables and the same behaviour, and nothing a table has alone', () => {
    const same = 'Iedereen wacht op de ander';
    const onlyHere = customStep('Alleen aan deze tafel');
    const one = [...fromTemplate(STRUCTUUR.id), customStep(same), onlyHere];
    const two = [...fromTemplate(NIEMAND.id), customStep(`${same.toUpperCase()}!`)];
    const three = fromTemplate(NIEMAND.id);
    const plenary = summarisePlenary([table(one), table(two), table(three)]);
    // Table 1 shares no template step with the others, only its own step with table 2's words.
    expect([...plenary.marks[0]!.values()]).toEqual([[2]]);
    expect(plenary.marks[0]!.has(String(onlyHere.id))).toBe(false);
    // Tables 2 and 3: every step and every behaviour of the template.
    expect(plenary.marks[2]!.size).toBe(NIEMAND.steps.length + NIEMAND.behaviours.length);
    const shared = plenary.shared.map((s) => `${s.kind}: ${s.text} (${s.tables.join(', ')})`);
    expect(shared).toContain(`step: ${same} (1, 2)`);
    expect(shared).toContain(`step: ${NIEMAND.steps[0]} (2, 3)`);
    expect(shared).toContain('behaviour: Oreren (2, 3)');
    expect(shared).not.toContain('step: Alleen aan deze tafel (1)');
  });

  it('lists every first step under the organisation that takes it, the unowned last', () => {
    const one = [
      ...fromTemplate(STRUCTUUR.id),
      firstStep('Samen de vraag opnieuw stellen', 'Politie'),
      firstStep('Een gezamenlijk casusoverleg', 'Anna'),
      firstStep('Nog niemand', ''),
      firstStep('', ''),
      answer(2, 'Herkenbaar', 'Anna', 'Gemeente Utrecht', 1),
    ];
    const two = [
      ...fromTemplate(STRUCTUUR.id),
      firstStep('Bellen in plaats van mailen', 'politie midden-nederland'),
      firstStep('Een buurtavond', 'Buurtteam Oost'),
    ];
    const plenary = summarisePlenary([
      table(one, false, [{ name: 'Bram', organisation: 'Politie' }]),
      table(two, false, [{ name: 'Cor', organisation: 'Politie Midden-Nederland' }]),
    ]);
    expect(
      plenary.firstSteps.map((g) => [g.organisation, g.firstSteps.map((f) => `${f.what} (${f.table})`)]),
    ).toEqual([
      ['Buurtteam Oost', ['Een buurtavond (2)']],
      ['Gemeente Utrecht', ['Een gezamenlijk casusoverleg (1)']],
      ['Politie', ['Samen de vraag opnieuw stellen (1)']],
      ['Politie Midden-Nederland', ['Bellen in plaats van mailen (2)']],
      [null, ['Nog niemand (1)']],
    ]);
  });

  it('reads an owner as an organisation, a person at the table, or as written', () => {
    const orgs = ['Gemeente', 'Politie', 'Politie Midden-Nederland', 'GGD'];
    expect(ownerOrganisations('de gemeente', orgs, [])).toEqual(['Gemeente']);
    expect(ownerOrganisations('Gemeente en GGD samen', orgs, [])).toEqual(['Gemeente', 'GGD']);
    expect(ownerOrganisations('Politie Midden-Nederland', orgs, [])).toEqual(['Politie Midden-Nederland']);
    expect(ownerOrganisations('Gemeentehuis', orgs, [])).toEqual(['Gemeentehuis']);
    expect(ownerOrganisations('Anna', orgs, [{ name: 'anna', organisation: 'GGD' }])).toEqual(['GGD']);
    expect(ownerOrganisations('  ', orgs, [])).toEqual([]);
  });

  it('adds up the votes per organisation as each table counts them, anonymous ones only as rows', () => {
    const one = fromTemplate(STRUCTUUR.id);
    const two = fromTemplate(STRUCTUUR.id);
    const [stepOne, stepTwo] = [stepsOf(one)[0]!, stepsOf(two)[0]!];
    const key = (c: string) => c.repeat(24);
    const plenary = summarisePlenary([
      table([
        ...one,
        vote(key('a'), 'Anna', 'Gemeente', 'recognisable', 'pattern', 'yes'),
        vote(key('b'), 'Bram', 'Politie', 'recognisable', 'pattern', 'no'),
        vote(key('a'), 'Anna', 'Gemeente', 'contributes', String(stepOne.id), 'yes'),
      ]),
      table(
        [
          ...two,
          // Anonymous: two of the Gemeente, one of the GGD and one of the Politie ("overige").
          vote(key('c'), '', 'Gemeente', 'recognisable', 'pattern', 'yes'),
          vote(key('d'), '', 'Gemeente', 'recognisable', 'pattern', 'somewhat'),
          vote(key('e'), '', 'GGD', 'recognisable', 'pattern', 'no'),
          vote(key('f'), '', 'Politie', 'recognisable', 'pattern', 'no'),
          // A named vote at a table that votes anonymously does not count there.
          vote(key('g'), 'Gijs', 'Politie', 'recognisable', 'pattern', 'yes'),
          vote(key('c'), '', 'Gemeente', 'contributes', String(stepTwo.id), 'somewhat'),
          vote(key('d'), '', 'Gemeente', 'contributes', String(stepTwo.id), 'somewhat'),
        ],
        true,
      ),
    ]);
    expect(plenary.votes).toEqual([
      {
        item: null,
        question: 'recognisable',
        tables: [1, 2],
        rows: [
          ['Gemeente', { yes: 2, somewhat: 1, no: 0 }],
          ['Politie', { yes: 0, somewhat: 0, no: 1 }],
          [null, { yes: 0, somewhat: 0, no: 2 }],
        ],
      },
      {
        // The same template step at both tables: one item, in the first table's words.
        item: STRUCTUUR.steps[0],
        question: 'contributes',
        tables: [1, 2],
        rows: [['Gemeente', { yes: 1, somewhat: 2, no: 0 }]],
      },
    ]);
  });

  it('gathers every "Wat neem je mee?", table by table, in the order they were written', () => {
    const plenary = summarisePlenary([
      table([answer(5, 'Eerst bellen', 'Anna', 'Gemeente', 20), answer(5, 'Vragen stellen', 'Bram', '', 10)]),
      table([answer(4, 'Niet deze', 'Cor', 'GGD', 1), answer(5, 'Samen kijken', 'Cor', 'GGD', 5)]),
    ]);
    expect(plenary.takeAway).toEqual([
      { text: 'Vragen stellen', name: 'Bram', organisation: '', table: 1 },
      { text: 'Eerst bellen', name: 'Anna', organisation: 'Gemeente', table: 1 },
      { text: 'Samen kijken', name: 'Cor', organisation: 'GGD', table: 2 },
    ]);
  });
});
