/**
 * The plenary of a workshop: what the tables made, side by side. Which steps and behaviours several
 * tables share (the model's sharedCards: the same template step, the same words, the same kind of
 * behaviour), every first step under the organisation that takes it, the votes per organisation
 * summed over the tables, and every "Wat neem je mee?". Read from the tables' records, like the
 * summary; pure, so the plenary page, the summary page and the Markdown show the same.
 *
 * Votes are counted per table first, as that table shows them (model voteRows: at a table that
 * votes anonymously only through anonymousRows, so "overige" holds several voters), and only those
 * rows are added up: the sum says nothing that the tables' own rows do not.
 */
import {
  type Answer,
  answersOfRound,
  type MapStep,
  ROUNDS,
  readLoopMap,
  sameWordsKey,
  sharedCards,
  type Tally,
  VOTE_QUESTIONS,
  VOTE_VALUES,
  type Vote,
  type VoteQuestion,
  type VoteRow,
  voteRows,
} from '@patroonkaart/model';
import { must } from '../ui/must.ts';
import type { TableView } from './TableWatcher.ts';

type Rec = Record<string, unknown>;

export interface PlenaryTable {
  records: readonly Rec[];
  /** The table votes anonymously (conversation.anonymousVotes). */
  anonymousVotes: boolean;
  /** Who is at the table now (presence), to recognise a first step's owner by name. */
  people?: readonly { name: string; organisation: string }[];
}

/** A step or behaviour that several tables have; tables are numbers (1 is the first table). */
export interface SharedItem {
  kind: 'step' | 'behaviour';
  text: string;
  tables: number[];
}

export interface PlenaryFirstStep {
  what: string;
  who: string;
  /** The text of the step it breaks the loop at, '' when it is linked to none. */
  step: string;
  table: number;
}

export interface FirstStepGroup {
  /** The organisation that takes these first steps; null: nobody is named yet. */
  organisation: string | null;
  firstSteps: PlenaryFirstStep[];
}

export interface PlenaryVote {
  /** The step's text, or null for the pattern as a whole. */
  item: string | null;
  question: VoteQuestion;
  /** The tables whose votes are in the rows. */
  tables: number[];
  rows: VoteRow[];
}

export interface PlenaryAnswer {
  text: string;
  name: string;
  organisation: string;
  table: number;
}

export interface Plenary {
  /** Per table, the pattern's title ('' when the map has none). */
  titles: string[];
  /** Per table (index 0 is table 1): each shared card's shape id with the other tables that have it. */
  marks: Map<string, number[]>[];
  shared: SharedItem[];
  firstSteps: FirstStepGroup[];
  votes: PlenaryVote[];
  takeAway: PlenaryAnswer[];
}

/** Groups of keys that belong together (a step's template mark and its words join their groups). */
class KeyGroups {
  private readonly parent = new Map<string, string>();
  find(key: string): string {
    let root = key;
    for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root))
      root = up;
    this.parent.set(key, root);
    return root;
  }
  join(keys: readonly string[]): string {
    const [first, ...rest] = keys.map((k) => this.find(k));
    if (first === undefined) throw new Error('KeyGroups.join needs at least one key');
    for (const k of rest) if (k !== first) this.parent.set(k, first);
    return first;
  }
}

/** What makes two steps the same step, as sharedCards reads it. */
function stepKeys(step: MapStep, table: number): string[] {
  const words = sameWordsKey(step.text);
  const keys = [
    ...(step.templateStep ? [`template ${step.templateStep}`] : []),
    ...(words ? [`words ${words}`] : []),
  ];
  return keys.length > 0 ? keys : [`only ${table}/${step.id}`];
}

function addRows(sum: Map<string | null, Tally>, rows: readonly VoteRow[]): void {
  for (const [organisation, tally] of rows) {
    const total = sum.get(organisation) ?? { yes: 0, somewhat: 0, no: 0 };
    for (const v of VOTE_VALUES) total[v] += tally[v];
    sum.set(organisation, total);
  }
}

/** Named organisations by name ('' among them), "overige" (null) last, as voteRows orders them. */
function sortedRows(sum: Map<string | null, Tally>): VoteRow[] {
  return [...sum].sort(([a], [b]) =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : a.localeCompare(b, 'nl'),
  );
}

/**
 * The organisations a first step's owner names: each known organisation whose words the owner's
 * words hold (the longest where one holds another: "Politie Midden-Nederland", not "Politie");
 * else the organisation of a person at that table with exactly that name; else the owner as written.
 */
export function ownerOrganisations(
  who: string,
  organisations: readonly string[],
  peopleAtTable: readonly { name: string; organisation: string }[],
): string[] {
  const owner = sameWordsKey(who);
  if (owner === '') return [];
  const holds = (outer: string, inner: string) => ` ${outer} `.includes(` ${inner} `);
  const named = organisations.filter((o) => sameWordsKey(o) !== '' && holds(owner, sameWordsKey(o)));
  const longest = named.filter(
    (o) =>
      !named.some(
        (p) => p !== o && sameWordsKey(p) !== sameWordsKey(o) && holds(sameWordsKey(p), sameWordsKey(o)),
      ),
  );
  if (longest.length > 0) return [...new Map(longest.map((o) => [sameWordsKey(o), o])).values()];
  const person = peopleAtTable.find((p) => p.organisation.trim() !== '' && sameWordsKey(p.name) === owner);
  return [person ? person.organisation.trim() : who.trim()];
}

export function summarisePlenary(tables: readonly PlenaryTable[]): Plenary {
  const perTable = tables.map((table) => ({
    table,
    map: readLoopMap(table.records),
    votes: table.records.filter((r) => r.typeName === 'vote') as unknown as Vote[],
    answers: table.records.filter((r) => r.typeName === 'answer') as unknown as Answer[],
  }));
  const maps = perTable.map((t) => t.map);
  const number = (i: number) => i + 1;

  // Shared cards, by the model's rule; tables are named by their number.
  const shared = sharedCards(maps.map((cards, i) => ({ table: String(number(i)), cards })));
  const others = (i: number, id: string, within: Map<string, string[]>) =>
    (within.get(`${number(i)}/${id}`) ?? []).map(Number).filter((n) => n !== number(i));
  const marks = maps.map((map, i) => {
    const marked = new Map<string, number[]>();
    for (const s of map.steps) {
      const with_ = others(i, s.id, shared.steps);
      if (with_.length)
        marked.set(
          s.id,
          with_.sort((a, b) => a - b),
        );
    }
    for (const b of map.bubbles) {
      const with_ = others(i, b.id, shared.behaviours);
      if (with_.length)
        marked.set(
          b.id,
          with_.sort((a, b) => a - b),
        );
    }
    return marked;
  });

  // Steps that are the same step at several tables are one group (for the list and the votes).
  const groups = new KeyGroups();
  const groupOf = new Map<string, string>();
  maps.forEach((map, i) => {
    for (const s of map.steps) groupOf.set(`${i}/${s.id}`, groups.join(stepKeys(s, number(i))));
  });
  const stepGroup = (i: number, id: string) =>
    groups.find(must(groupOf.get(`${i}/${id}`), 'the group of a step'));
  // A group is named by the words most of its steps have (the template's, unless most tables
  // rephrased it the same way); on a tie, the first table's.
  const wordings = new Map<string, Map<string, { text: string; count: number }>>();
  maps.forEach((map, i) => {
    for (const s of map.steps) {
      if (!s.text.trim()) continue;
      const group = stepGroup(i, s.id);
      const counts = wordings.get(group) ?? new Map<string, { text: string; count: number }>();
      const words = counts.get(sameWordsKey(s.text)) ?? { text: s.text, count: 0 };
      words.count++;
      counts.set(sameWordsKey(s.text), words);
      wordings.set(group, counts);
    }
  });
  const groupText = (group: string) =>
    [...(wordings.get(group)?.values() ?? [])].reduce<{ text: string; count: number } | null>(
      (best, w) => (!best || w.count > best.count ? w : best),
      null,
    )?.text ?? '';

  const sharedItems = new Map<string, SharedItem>();
  const addShared = (key: string, kind: SharedItem['kind'], text: string, tables: number[]) => {
    const item = sharedItems.get(key) ?? { kind, text, tables: [] };
    item.tables = [...new Set([...item.tables, ...tables])].sort((a, b) => a - b);
    sharedItems.set(key, item);
  };
  maps.forEach((map, i) => {
    for (const id of map.order) {
      const tablesWith = shared.steps.get(`${number(i)}/${id}`);
      if (tablesWith)
        addShared(`step ${stepGroup(i, id)}`, 'step', groupText(stepGroup(i, id)), tablesWith.map(Number));
    }
    for (const b of map.bubbles) {
      const tablesWith = shared.behaviours.get(`${number(i)}/${b.id}`);
      if (tablesWith)
        addShared(`behaviour ${b.kind || sameWordsKey(b.name)}`, 'behaviour', b.name, tablesWith.map(Number));
    }
  });

  // Votes: the pattern, then each step (a step shared by tables once, with all their votes).
  const votes: PlenaryVote[] = [];
  type TableData = (typeof perTable)[number];
  const items: { item: string | null; at: { table: number; data: TableData; subject: string }[] }[] = [
    { item: null, at: perTable.map((data, table) => ({ table, data, subject: 'pattern' })) },
  ];
  const itemOfGroup = new Map<string, (typeof items)[number]>();
  perTable.forEach((data, i) => {
    for (const id of data.map.order) {
      const key = stepGroup(i, id);
      let item = itemOfGroup.get(key);
      if (!item) {
        item = { item: groupText(key), at: [] };
        itemOfGroup.set(key, item);
        items.push(item);
      }
      item.at.push({ table: i, data, subject: id });
    }
  });
  for (const { item, at } of items)
    for (const question of VOTE_QUESTIONS) {
      const sum = new Map<string | null, Tally>();
      const voted = new Set<number>();
      for (const { table, data, subject } of at) {
        const rows = voteRows(data.votes, subject, question, data.table.anonymousVotes);
        if (rows.length > 0) voted.add(number(table));
        addRows(sum, rows);
      }
      if (sum.size > 0)
        votes.push({ item, question, tables: [...voted].sort((a, b) => a - b), rows: sortedRows(sum) });
    }

  // First steps under the organisation that takes them.
  const organisations = new Map<string, string>();
  const knowOrganisation = (o: string) => {
    if (sameWordsKey(o) && !organisations.has(sameWordsKey(o))) organisations.set(sameWordsKey(o), o.trim());
  };
  const withPeople = perTable.map((data) => {
    const people = [
      ...(data.table.people ?? []),
      ...data.answers.map((a) => ({ name: a.name, organisation: a.organisation })),
      ...data.votes.filter((v) => v.name !== '').map((v) => ({ name: v.name, organisation: v.organisation })),
    ];
    for (const p of people) knowOrganisation(p.organisation);
    for (const o of data.map.organisations) knowOrganisation(o);
    return { map: data.map, people };
  });
  const firstStepGroups = new Map<string, { organisation: string; firstSteps: PlenaryFirstStep[] }>();
  const unowned: PlenaryFirstStep[] = [];
  withPeople.forEach(({ map, people }, i) => {
    const textOf = new Map(map.steps.map((s) => [s.id, s.text]));
    for (const f of map.firstSteps) {
      if (!f.what.trim() && !f.who.trim()) continue;
      const entry = {
        what: f.what,
        who: f.who,
        step: f.step ? (textOf.get(f.step) ?? '') : '',
        table: number(i),
      };
      const owners = ownerOrganisations(f.who, [...organisations.values()], people);
      if (owners.length === 0) unowned.push(entry);
      for (const owner of owners) {
        const key = sameWordsKey(owner);
        const group = firstStepGroups.get(key) ?? { organisation: owner, firstSteps: [] };
        group.firstSteps.push(entry);
        firstStepGroups.set(key, group);
      }
    }
  });
  const firstSteps: FirstStepGroup[] = [...firstStepGroups.values()].sort((a, b) =>
    a.organisation.localeCompare(b.organisation, 'nl'),
  );
  if (unowned.length > 0) firstSteps.push({ organisation: null, firstSteps: unowned });

  const takeAway = perTable.flatMap(({ answers }, i) =>
    answersOfRound(answers, ROUNDS.length).map((a) => ({
      text: a.text,
      name: a.name,
      organisation: a.organisation,
      table: number(i),
    })),
  );

  return {
    titles: maps.map((m) => m.title),
    marks,
    shared: [...sharedItems.values()],
    firstSteps,
    votes,
    takeAway,
  };
}

/** The watched tables as the plenary reads them: their records, how they vote, who is there. */
export function plenaryTables(views: readonly TableView[]): PlenaryTable[] {
  return views.map((v) => ({
    records: v.records,
    anonymousVotes: v.conversation.anonymousVotes,
    people: v.people,
  }));
}
