export type { AnonymousRow, AnonymousTally } from './anonymousTally.ts';
export { anonymousRows, MIN_VOTERS_PER_ROW } from './anonymousTally.ts';
export type { Answer } from './answers.ts';
export { answersOfRound, MAX_ANSWER_CHARS } from './answers.ts';
export type { Behaviour, BuiltInBehaviourKind } from './behaviours.ts';
export { BUILT_IN_BEHAVIOURS, customBehaviour, getBehaviour } from './behaviours.ts';
export { type ConnectorTarget, connectorLine, tailTriangle } from './connector.ts';
export { contrastRatio } from './contrast.ts';
export type { Conversation, LastRestore, LoopRunStart, RoundKey, TimerState } from './conversation.ts';
export {
  CONVERSATION_ID,
  DEFAULT_PLAN_MINUTES,
  DEFAULT_ROUND_MS,
  defaultConversation,
  endConversation,
  formatRemaining,
  MAX_LOOP_KEY_CHARS,
  MAX_ROUND_MS,
  METHOD_MINUTES,
  MIN_ROUND_MS,
  mapClosed,
  openVoting,
  pauseTimer,
  plannedMinutes,
  planRound,
  ROUNDS,
  readConversation,
  remainingMs,
  reopenConversation,
  resumeTimer,
  roundKey,
  setDuration,
  startRound,
} from './conversation.ts';
export type { Writer, WriteVerdict } from './conversationRecords.ts';
export {
  AUTHOR_KEY,
  CONVERSATION_TYPES,
  conversationRecordProblem,
  isConversationType,
  mayWrite,
} from './conversationRecords.ts';
export { besideOwnStep, boxAt, CARD_GAP, freeSpot, onRing, overlaps, ringOf } from './freeSpace.ts';
export type { LayoutOptions, Point, Size, TemplateLayout } from './layout.ts';
export { layoutOnCircle, layoutTemplate, loopRadius } from './layout.ts';
export type { Direction, LoopRun, LoopRunLeg, LoopRunOptions } from './loopRun.ts';
export { legAt, planLoopRun, stepDirectionsAt } from './loopRun.ts';
export type { FindLoopsOptions, LoopSearchResult, StepGraph } from './loops.ts';
export { DEFAULT_MAX_LOOPS, findLoops, stepsInNoLoop } from './loops.ts';
export type { Partner } from './partner.ts';
export { colourForId, MAX_NAME_CHARS, MAX_ORGANISATION_CHARS, PARTNER_COLOURS } from './partner.ts';
export { type Box, centroid } from './placement.ts';
export { arrowLabel, isPolarity, type LoopType, loopType, type Polarity } from './polarity.ts';
export type {
  LoopMap,
  MapArrow,
  MapBubble,
  MapCards,
  MapFirstStep,
  MapLoop,
  MapStep,
  MapTitle,
  ReadLoopMapOptions,
} from './readLoopMap.ts';
export { readLoopMap, readMapCards, stepOrder } from './readLoopMap.ts';
export type { SharedCards, TableCards } from './sharedCards.ts';
export { sameWordsKey, sharedCards } from './sharedCards.ts';
export type { Silence } from './silentRound.ts';
export {
  conversationPatch,
  conversationWithoutServerFields,
  isSilent,
  MAX_WAITING_PER_AUTHOR,
  MAX_WAITING_PER_ROOM,
  markSilent,
  revealRound,
  SERVER_CONVERSATION_FIELDS,
  sameSilence,
  silenceOf,
  waitingCounts,
} from './silentRound.ts';
export { exportFileName, slugify } from './slug.ts';
export type { Template } from './templates.ts';
export {
  BLANK_TEMPLATE_ID,
  blankTemplate,
  DEFAULT_BLANK_STEPS,
  EMPTY_TEMPLATE_ID,
  getTemplate,
  TEMPLATE_IDS,
  TEMPLATES,
} from './templates.ts';
export { countedVotes, isAnonymousVote, type VoteRow, voteRows } from './voteRows.ts';
export type { Tally, Vote, VoteQuestion, VoteValue } from './votes.ts';
export { loopSubject, tallyByOrganisation, VOTE_QUESTIONS, VOTE_VALUES, voteId } from './votes.ts';
