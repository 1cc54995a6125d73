import { describe, expect, it } from 'vitest';
import {
  defaultConversation,
  formatRemaining,
  pauseTimer,
  remainingMs,
  resumeTimer,
  setDuration,
  startRound,
} from './conversation.ts';
import { tallyByOrganisation, type Vote, voteId } from './votes.ts';

describe('the round timer', () => {
  it('counts down from the round length on the server clock, pauses and resumes where it was', () => {
    const started = startRound(defaultConversation(), 1, 1_000_000);
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
