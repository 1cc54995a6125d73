/**
 * A silent round over HTTP (README, "Silent rounds"). While the facilitator keeps a round silent,
 * a partner's answers in it are not written into the shared document (every connection receives
 * that): they go to the server here, with the room's token and the partner's secret, and wait
 * there until the facilitator reveals the round; the server then writes them into the document as
 * ordinary `answer:` records, all in one change. The facilitator marks and reveals here too; the
 * document's conversation record says which rounds are silent and how many answers wait.
 */

/**
 * The request header that carries the partner's secret (the socket's `partner.<secret>`
 * subprotocol, PARTNER_SECRET_PATTERN): the server derives the author key from it, as for the
 * socket, so only its holder can add, read, change or remove their waiting answers.
 */
export const PARTNER_HEADER = 'patroonkaart-partner';

/** POST /api/rooms/<roomId>/hidden-answers: an answer in a silent round. */
export interface HiddenAnswerRequest {
  /** The round (1-5); it must be silent now (else 409 round-not-silent: write it to the document). */
  round: number;
  /** 1 to MAX_ANSWER_CHARS (500) characters, as any answer. */
  text: string;
  /** Shown beside it once revealed (as an answer's `name`, `organisation`); '' when absent. */
  name?: string;
  organisation?: string;
}

/** POST /api/rooms/<roomId>/hidden-answers/<answerId>: a waiting answer's new text. */
export interface HiddenAnswerEdit {
  text: string;
}

/** A waiting answer: exactly the `answer:` record the reveal will write into the document. */
export interface HiddenAnswer {
  /** `answer:<random>`, chosen by the server; the revealed record keeps it. */
  id: string;
  typeName: 'answer';
  round: number;
  text: string;
  /** The author key the server derived from the partner's secret. */
  author: string;
  name: string;
  organisation: string;
  /** Server milliseconds when it was first sent. */
  createdAt: number;
}

/** GET /api/rooms/<roomId>/hidden-answers: my waiting answers (never anyone else's), oldest first. */
export interface HiddenAnswerList {
  answers: HiddenAnswer[];
}

/** POST /api/rooms/<roomId>/rounds/<n>/silence and …/reveal: the room's silence afterwards. */
export interface SilenceResponse {
  round: number;
  /** The silent rounds, ascending. */
  silentRounds: number[];
  /** Answers still waiting, per round (5 counts). */
  waiting: number[];
  /** Answers the call wrote into the document (0 for `silence`). */
  revealed: number;
}
