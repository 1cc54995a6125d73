/**
 * Every reason the sync server closes a socket, with what the partner reads. One table, shared by
 * server (which sends the code and `reason`) and client (which shows `nl`/`en`), so the two can
 * never drift. Codes live in the 4000-4999 range that RFC 6455 leaves to applications.
 */
export interface CloseCode {
  code: number;
  /** Short machine-readable reason sent in the close frame (ASCII, well under 123 bytes). */
  reason: string;
  /** Whether reconnecting can help; the client stops retrying when it cannot. */
  retry: boolean;
  /** A routine resync the partner need not be told about (the client shows nothing). */
  silent?: boolean;
  nl: string;
  en: string;
}

const table = {
  malformed: {
    code: 4400,
    reason: 'malformed-message',
    retry: true,
    nl: 'Je browser stuurde een bericht dat de server niet begreep. De verbinding wordt opnieuw opgebouwd.',
    en: 'Your browser sent a message the server did not understand. Reconnecting.',
  },
  outOfStep: {
    code: 4412,
    reason: 'out-of-step',
    retry: true,
    silent: true,
    nl: 'Je scherm wordt opnieuw gelijkgezet met de kaart op de server.',
    en: 'Your screen is being brought back in step with the map on the server.',
  },
  unauthorized: {
    code: 4401,
    reason: 'unauthorized',
    retry: false,
    nl: 'Deze link is niet (meer) geldig. Vraag de gespreksleider om een nieuwe link.',
    en: 'This link is not (or no longer) valid. Ask the facilitator for a new link.',
  },
  notAllowed: {
    code: 4403,
    reason: 'not-allowed',
    retry: true,
    nl: 'Dit mag alleen de gespreksleider (of alleen wie het schreef). Je wijziging is niet bewaard.',
    en: 'Only the facilitator (or whoever wrote it) may do this. Your change was not saved.',
  },
  roomNotFound: {
    code: 4404,
    reason: 'room-not-found',
    retry: false,
    nl: 'Deze sessie bestaat niet (meer). Misschien is ze verwijderd of verlopen.',
    en: 'This session does not exist (any more). It may have been deleted or expired.',
  },
  invalidRecord: {
    code: 4409,
    reason: 'invalid-record',
    retry: true,
    nl: 'Een wijziging van jouw scherm was ongeldig en is niet bewaard. Herlaad de pagina als dit blijft gebeuren.',
    en: 'A change from your screen was invalid and was not saved. Reload the page if this keeps happening.',
  },
  messageTooLarge: {
    code: 4413,
    reason: 'message-too-large',
    retry: true,
    nl: 'Een wijziging was te groot om te versturen (bijvoorbeeld een te grote afbeelding).',
    en: 'A change was too large to send (for example an image that is too big).',
  },
  invalidRoomId: {
    code: 4422,
    reason: 'invalid-room-id',
    retry: false,
    nl: 'Het adres van deze sessie klopt niet. Controleer de link.',
    en: 'The address of this session is not right. Check the link.',
  },
  outdatedClient: {
    code: 4426,
    reason: 'outdated-client',
    retry: false,
    nl: 'Er is een nieuwe versie van Patroonkaart: herlaad de pagina',
    en: 'There is a new version of Patroonkaart: reload the page',
  },
  tooManyMessages: {
    code: 4429,
    reason: 'too-many-messages',
    retry: true,
    nl: 'Je scherm stuurde te veel wijzigingen tegelijk. De verbinding wordt zo hersteld.',
    en: 'Your screen sent too many changes at once. Reconnecting shortly.',
  },
  roomFull: {
    code: 4430,
    reason: 'room-full',
    retry: true,
    nl: 'Deze sessie zit vol. Probeer het later opnieuw of vraag de gespreksleider om ruimte.',
    en: 'This session is full. Try again later or ask the facilitator.',
  },
  idle: {
    code: 4408,
    reason: 'idle-timeout',
    retry: true,
    silent: true,
    nl: 'De verbinding was een tijd stil en is opnieuw opgebouwd.',
    en: 'The connection was silent for a while and has been re-established.',
  },
  refusedTooOften: {
    code: 4439,
    reason: 'refused-too-often',
    retry: true,
    nl: 'Je scherm stuurde herhaaldelijk wijzigingen die de server moest weigeren. Wacht even; daarna kun je weer verder.',
    en: 'Your screen repeatedly sent changes the server had to refuse. Wait a moment, then you can continue.',
  },
  serverBusy: {
    code: 4432,
    reason: 'server-busy',
    retry: true,
    nl: 'De server is even te druk om de kaart te sturen. Je scherm probeert het zo opnieuw.',
    en: 'The server is too busy to send the map just now. Your screen will try again shortly.',
  },
  documentTooLarge: {
    code: 4431,
    reason: 'document-too-large',
    retry: false,
    nl: 'De kaart is te groot geworden om nog wijzigingen te bewaren. Exporteer haar of begin een nieuwe sessie.',
    en: 'The map has grown too large to store more changes. Export it or start a new session.',
  },
  roomDeleted: {
    code: 4410,
    reason: 'room-deleted',
    retry: false,
    nl: 'De gespreksleider heeft deze sessie verwijderd.',
    en: 'The facilitator has deleted this session.',
  },
  storageFailure: {
    code: 4507,
    reason: 'storage-failure',
    retry: true,
    nl: 'De server kon je wijzigingen even niet opslaan. Ze blijven op je scherm bewaard en worden opnieuw verstuurd.',
    en: 'The server could not store your changes just now. They are kept on your screen and will be sent again.',
  },
  serverRestarting: {
    code: 4503,
    reason: 'server-restarting',
    retry: true,
    nl: 'De server start opnieuw op. Je wijzigingen blijven bewaard; de verbinding komt vanzelf terug.',
    en: 'The server is restarting. Your changes are kept; the connection will come back by itself.',
  },
} as const satisfies Record<string, CloseCode>;

export type CloseCodeName = keyof typeof table;
export const CLOSE_CODES: { readonly [K in CloseCodeName]: CloseCode } = table;

export function closeCodeByNumber(code: number): CloseCode | undefined {
  return Object.values(table).find((c) => c.code === code);
}
