import { describe, expect, it } from 'vitest';
import {
  defaultConversation,
  endConversation,
  formatRemaining,
  METHOD_MINUTES,
  mapClosed,
  openVoting,
  pauseTimer,
  plannedMinutes,
  planRound,
  readConversation,
  remainingMs,
  reopenConversation,
  resumeTimer,
  setDuration,
  startRound,
} from './conversation.ts';
import { conversationRecordProblem } from './conversationRecords.ts';
import { tallyByOrganisation, type Vote, voteId } from './votes.ts';

describe('the round timer', () => {
  it('counts down from the round length on the server clock, pauses and resumes where it was', () => {
    const started = startRound(planRound(defaultConversation(), 1, 15), 1, 1_000_000);
    expect(formatRemaining(remainingMs(started, 1_000_000))).toBe('15:00');
    expect(formatRemaining(remainingMs(started, 1_000_000 + 61_500))).toBe('13:59');
    const paused = pauseTimer(started, 1_000_000 + 300_000);
    expect(remainingMs(paused, 9_999_999)).toBe(600_000);
    const resumed = resumeTimer(paused, 2_000_000);
    expect(remainingMs(resumed, 2_000_000 + 600_000)).toBe(0);
    expect(formatRemaining(remainingMs(resumed, 5_000_000))).toBe('00:00');
  });

  it('keeps the round length within 1-120 minutes and resets a stopped timer to it', () => {
    expect(setDuration(defaultConversation(), 5 * 60_000).remainingMs).toBe(300_000);
    expect(setDuration(defaultConversation(), 1).durationMs).toBe(60_000);
    expect(startRound(defaultConversation(), 9, 0).round).toBe(5);
  });
});

describe('votes', () => {
  it('tallies one question about one item per organisation', () => {
    const v = (author: string, organisation: string, value: Vote['value']): Vote => ({
      id: voteId(author, 'recognisable', 'shape:a'),
      typeName: 'vote',
      author,
      name: author,
      organisation,
      question: 'recognisable',
      subject: 'shape:a',
      value,
    });
    const votes = [v('a', 'Politie', 'yes'), v('b', 'Gemeente', 'no'), v('c', 'Gemeente', 'yes')];
    expect(tallyByOrganisation(votes, 'shape:a', 'recognisable')).toEqual([
      ['Gemeente', { yes: 1, somewhat: 0, no: 1 }],
      ['Politie', { yes: 1, somewhat: 0, no: 0 }],
    ]);
    expect(tallyByOrganisation(votes, 'shape:b', 'recognisable')).toEqual([]);
  });
});

describe('the shape of a conversation', () => {
  it('starts each round with its planned minutes and holds the plan against the method', () => {
    let c = defaultConversation();
    expect(plannedMinutes(c)).toBe(METHOD_MINUTES);
    c = planRound(c, 2, 7);
    c = planRound(c, 9, 7); // no such round: unchanged
    expect(plannedMinutes(c)).toBe(19);
    expect(startRound(c, 2, 0).durationMs).toBe(7 * 60_000);
    expect(startRound(c, 1, 0).endsAt).toBe(3 * 60_000);
    expect(planRound(c, 1, 500).plan[0]).toBe(120);
  });

  it('ends with voting closed and the timer stopped, and opens again', () => {
    const running = { ...startRound(defaultConversation(), 5, 1000), votingOpen: true };
    const ended = endConversation(running, false);
    expect(ended).toMatchObject({ ended: true, votingOpen: false, timer: 'stopped', mapOpenAfterEnd: false });
    expect(remainingMs(ended, 10_000)).toBe(0);
    expect(mapClosed(ended)).toBe(true);
    expect(mapClosed(endConversation(running, true))).toBe(false);
    expect(reopenConversation(ended).ended).toBe(false);
  });

  it('validates the new fields and still accepts a record written before them', () => {
    const {
      plan: _p,
      ended: _e,
      mapOpenAfterEnd: _m,
      resultsShown: _r,
      lastRestore: _l,
      anonymousVotes: _a,
      loopRun: _lr,
      ...old
    } = defaultConversation();
    expect(conversationRecordProblem({ ...old })).toBeNull();
    expect(readConversation(old).plan).toHaveLength(5);
    expect(conversationRecordProblem({ ...defaultConversation() })).toBeNull();
    expect(conversationRecordProblem({ ...defaultConversation(), plan: [1, 2, 3] })).toMatch(/plan/);
    expect(conversationRecordProblem({ ...defaultConversation(), plan: [1, 2, 3, 4, 0] })).toMatch(/plan/);
    expect(conversationRecordProblem({ ...defaultConversation(), ended: 'yes' })).toBe('flags');
    const restored = { ...defaultConversation(), lastRestore: { at: 2, to: 1, undo: 7 } };
    expect(conversationRecordProblem(restored)).toBeNull();
    expect(conversationRecordProblem({ ...restored, lastRestore: { at: 2, to: 1, undo: 7, x: 1 } })).toBe(
      'last restore',
    );
    expect(conversationRecordProblem({ ...restored, lastRestore: 'now' })).toBe('last restore');
  });

  it('keeps anonymous voting and a loop run as valid fields, and refuses malformed ones', () => {
    const open = openVoting(defaultConversation(), true);
    expect(open).toMatchObject({ votingOpen: true, anonymousVotes: true });
    expect(conversationRecordProblem({ ...open })).toBeNull();
    expect(conversationRecordProblem({ ...open, anonymousVotes: 1 })).toBe('flags');
    const playing = {
      ...defaultConversation(),
      loopRun: { loop: 'shape:a>shape:b', startsAt: 1_700_000_000_000 },
    };
    expect(conversationRecordProblem(playing)).toBeNull();
    expect(conversationRecordProblem({ ...playing, loopRun: { loop: '', startsAt: 1 } })).toBe('loop run');
    expect(conversationRecordProblem({ ...playing, loopRun: { loop: 'x'.repeat(1001), startsAt: 1 } })).toBe(
      'loop run',
    );
    expect(conversationRecordProblem({ ...playing, loopRun: { loop: 'a', startsAt: 1, extra: 1 } })).toBe(
      'loop run',
    );
  });
});
