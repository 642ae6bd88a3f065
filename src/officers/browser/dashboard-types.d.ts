/**
 * Shapes of the officer API's answers as the dashboard scripts read them (type-checked by
 * `tsconfig.browser.json`; global because the dashboard's scripts are classic scripts).
 */
type Lang = 'id' | 'en';
type MediaItem = { id: string; kind: string; mime: string; size: number; url: string };
type ThreadMessage = { direction: string; author: string | null; text: string | null; createdAt: string };
type Tip = {
  id: string;
  channel: string;
  category: string | null;
  regency: string | null;
  destination: string | null;
  recruiter: string | null;
  description: string | null;
  urgency: string;
  urgencyScore: number;
  urgencyReasons: string[];
  urgencyReasonsText?: { id: string[]; en: string[] };
  status: string;
  claimedBy: string | null;
  referral: string | null;
  mayContact: boolean;
  complete: boolean;
  createdAt: string;
  updatedAt: string;
  redactedAt: string | null;
  erasureRequestedAt: string | null;
  erasureDueAt: string | null;
  hold: boolean;
  media: { count: number; items: MediaItem[] };
  messages: ThreadMessage[];
  related: string[];
  checkedElsewhere?: Array<{ kind: string; value: string; checks: number }>;
};
type Stats = { total: number; byWeek: WeekRow[]; byRegency: CountRow[]; byCategory: CountRow[] };
// biome-ignore lint/suspicious/noExplicitAny: element attributes of any kind (text, class, on…).
type Attrs = Record<string, any>;
