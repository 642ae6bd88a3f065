/**
 * Flow definitions and conversation state: plain, typed, JSON-serialisable data.
 *
 * Vocabulary (after goflow): a `say` is an action, `choice`/`text`/`media` are a wait plus a
 * router, `branch` is a router without a wait, `effect` asks the host to do something (look up
 * an agency, submit a tip) and routes on the result it is resumed with.
 */
import type { InboundContent, Locale, MediaRef, Outbound, Prompt } from '../messages.js';

/** A step reference inside the same flow, another flow's start (`flow:menu`) or `end`. */
export type Next = string;

/**
 * One paragraph of output: a catalog key, a key repeated for each item of a list var, a key shown
 * only when a var is set, or a key chosen by an answer (`{ key: 'report.destination', by: 'who',
 * variants: { me: 'me' }, otherwise: 'other' }` → `report.destination.me` / `report.destination.other`;
 * an empty variant is the key itself).
 */
export type SayPart =
  | string
  | { key: string; each: string }
  | { key: string; when: string }
  | { key: string; by: string; variants: Record<string, string>; otherwise: string };

/** The catalog key a variant part resolves to for an answer value. */
export function variantKey(p: { key: string; variants: Record<string, string>; otherwise: string }, value: unknown): string {
  const v = typeof value === 'string' && Object.hasOwn(p.variants, value) ? p.variants[value] : p.otherwise;
  return v ? `${p.key}.${v}` : p.key;
}

/** Every catalog key a say part may use (for boot-time validation). */
export function partKeys(p: SayPart): string[] {
  if (typeof p === 'string') return [p];
  if ('by' in p) return [...new Set([...Object.values(p.variants), p.otherwise])].map((v) => (v ? `${p.key}.${v}` : p.key));
  return [p.key];
}

export type OptionDef = {
  id: string;
  /** Catalog key of the label. */
  label: string;
  next: Next;
  /** Value stored in `store` (defaults to the option id). */
  value?: string;
  /** Go to `next`, then come back to this step once that step is answered (edit from summary). */
  edit?: boolean;
  /** Choosing this option switches the conversation's language. */
  locale?: Locale;
  /** Extra words that pick this option in any locale (e.g. the old name "Kabupaten Pontianak"). */
  aliases?: string[];
  /**
   * Opening another flow with answers carried over: `{ recruiter: 'ad_recruiter' }` starts the
   * target flow with its `recruiter` answer set from this flow's `ad_recruiter` (e.g. a report
   * prefilled from a checked advert).
   */
  prefill?: Record<string, string>;
};

export type Validator = 'nonempty' | 'receipt' | 'short' | 'query';

export type StepDef =
  | { kind: 'say'; say: SayPart[]; next: Next }
  | {
      kind: 'choice';
      /** Asked even while returning to a summary after an edit (a question that follows another). */
      followUp?: boolean;
      say: SayPart[];
      options: OptionDef[];
      /** Answer name the chosen option's value is stored under. */
      store?: string;
      help?: string;
    }
  | {
      kind: 'text';
      followUp?: boolean;
      say: SayPart[];
      store: string;
      next: Next;
      validate?: Validator;
      maxLength?: number;
      /** Options offered beside free text (e.g. "skip"); routed like a choice. */
      options?: OptionDef[];
      /** Free text here is scanned for urgent signals (the host decides what to do). */
      scan?: boolean;
      /** Maps a typed answer to a canonical value (e.g. aliases of place names). */
      help?: string;
      /**
       * Media of these kinds is accepted as the answer (e.g. a voice note as the story): it is
       * appended to the `store` list and the answer becomes the catalog text `note`.
       */
      media?: { kinds: Array<MediaRef['kind']>; store: string; note: string };
      /** Not asked when the answer is already there (prefilled from another flow), except when edited. */
      skipWhenAnswered?: boolean;
      /**
       * A photo or forwarded media here is read as text: its caption and the text the host read
       * from the image (`readText`, OCR) become the answer, and the media ref is appended to
       * `store` (at most `max`: channels accept media here as at a media step). When nothing
       * could be read the step re-asks with `unreadable` (or `unavailable` when the host cannot
       * read images at all).
       */
      readMedia?: { store: string; max: number; unreadable: string; unavailable: string };
    }
  | {
      kind: 'media';
      say: SayPart[];
      /** Answer list the media refs are appended to. */
      store: string;
      next: Next;
      max: number;
      /** Options to finish or skip (routed like a choice). */
      options: OptionDef[];
      help?: string;
    }
  | { kind: 'branch'; on: string; cases: Record<string, Next>; otherwise: Next }
  | {
      kind: 'effect';
      effect: EffectName;
      routes: Record<string, Next>;
      /** For `raise_alert`: the reason id the alert carries (e.g. `danger_now`, `emergency`). */
      reason?: string;
    };

/**
 * Whole-message words that open a flow from any step of any flow (e.g. `sos` opens `emergency`
 * even inside an unfinished report). Declared by the flow itself, so the engine names no flow.
 */
export type InterruptDef = {
  /** Compared with the whole message after folding case, spaces and punctuation (a leading `/` too). */
  words: string[];
  /** Answers of the interrupted flow carried into this one when present (e.g. a report's description). */
  keep?: string[];
  /** Said (then the current question again) when a word comes while this flow is already open. */
  repeat?: string;
};

export type FlowDef = {
  id: string;
  version: number;
  start: string;
  steps: Record<string, StepDef>;
  /** Where `menu`/`batal`/`cancel` go inside this flow (default: the menu). */
  onCancel?: Next;
  /** Words that open this flow from anywhere (see {@link InterruptDef}). */
  interrupt?: InterruptDef;
  /** Upgrades persisted state from older versions: `migrations[n]` maps state of version n to n+1. */
  migrations?: Record<number, (s: ConversationState) => ConversationState>;
  /**
   * What an idle timeout does in this flow, as data (default: nothing; the conversation ends
   * quietly). The engine runs `effect` when the answer `whenAnswered` exists and the var
   * `unlessVar` is not set — e.g. a report abandoned after its description is kept:
   * `{ effect: 'submit_incomplete', whenAnswered: 'description', unlessVar: 'submitted' }`.
   */
  onExpire?: { effect: EffectName; whenAnswered?: string; unlessVar?: string };
  /**
   * Global words that jump to another flow (`GlobalWords` keys such as `status`) but must not
   * apply inside this flow — e.g. a status check would discard an unfinished report.
   */
  blocksGlobals?: Array<keyof GlobalWords>;
  /** Urgent phrases typed in this flow's scanned steps raise an alert before it ends (a draft tip). */
  earlyAlert?: boolean;
};

/** Effects the host executes; effects in `routes` resume the engine with a result. */
export type EffectName =
  | 'lookup_agency'
  | 'submit_report'
  | 'submit_incomplete'
  | 'lookup_status'
  | 'add_followup'
  | 'raise_alert'
  | 'check_ad'
  | 'request_erasure';

export type Effect =
  | { kind: 'lookup_agency'; query: string }
  | { kind: 'submit_report'; answers: Answers; complete: boolean; draftTipId?: string }
  | { kind: 'lookup_status'; receipt: string }
  | { kind: 'add_followup'; tipId: string; text: string; media: MediaRef[] }
  /** Read a job advert (the `ad` answer) for agencies, identifiers and red flags. */
  | { kind: 'check_ad'; text: string }
  /** Someone is in danger now: the host stores an incomplete urgent tip and alerts the task force at once. */
  | { kind: 'raise_alert'; flowId: string; reason: string; answers: Answers }
  /** The reporter asked (with the receipt, confirmed) to erase the case the status check opened. */
  | { kind: 'request_erasure'; tipId: string }
  /** Free text typed in a scanned step; the host may raise an early alert. */
  | { kind: 'scan_text'; step: string; text: string; answers: Answers };

/** What the host feeds back after an effect that routes. */
export type EffectResult = {
  outcome: string;
  /** Vars for this turn only (never persisted: e.g. a receipt shown once). */
  vars?: Record<string, VarValue>;
  /** A list rendered by `{ key, each: 'items' }` parts. */
  items?: Array<Record<string, VarValue>>;
  /** More named lists, rendered by `{ key, each: '<name>' }` parts. */
  lists?: Record<string, Array<Record<string, VarValue>>>;
  /** Vars persisted in the conversation (e.g. the tip a status check opened). */
  persist?: Record<string, string>;
  /** Answers to forget (e.g. a follow-up once saved). */
  clear?: string[];
};

/** A var is a plain string/number, or a catalog key resolved in the conversation's locale. */
export type VarValue = string | number | { t: string };

export type AnswerValue = string | MediaRef[];
export type Answers = Record<string, AnswerValue>;

export type ConversationStatus = 'waiting' | 'awaiting_effect' | 'completed' | 'failed';

export type ConversationState = {
  flowId: string;
  flowVersion: number;
  stepId: string;
  status: ConversationStatus;
  locale: Locale;
  /** Persisted answers of the current flow. */
  answers: Answers;
  /** Persisted plain vars across the conversation (e.g. the tip a status check opened). */
  vars: Record<string, string>;
  /** Step to come back to after an edit from a summary. */
  returnTo?: string;
  /** Effect in flight while status is `awaiting_effect`. */
  pending?: Effect;
  updatedAt: number;
};

export type EngineInput =
  | { kind: 'message'; content: InboundContent }
  | { kind: 'effect_result'; result: EffectResult };

/** A catalog: key → template with `{placeholders}`. */
export type Catalog = Record<string, string>;
export type Catalogs = Record<Locale, Catalog>;

export type FlowSet = { flows: Record<string, FlowDef>; catalogs: Catalogs; globals: GlobalWords };

export type GlobalWords = {
  menu: string[];
  language: string[];
  help: string[];
  /** Open the status check from anywhere but an unfinished report (which it would discard). */
  status?: string[];
};

/** The result of one call into the engine (a "sprint"). */
export type Turn = {
  state: ConversationState;
  outputs: Outbound[];
  effects: Effect[];
  prompt: Prompt;
};

export const MAX_STEPS_PER_TURN = 100;
export const MAX_STEPS_PER_FLOW = 1000;
