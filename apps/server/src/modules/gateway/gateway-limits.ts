import { shanghaiDate } from '@shuzheng/standards';

// Per-grant rate limit (token bucket, in memory) and daily quota (a counter per grant per day, seeded from the call log
// the first time a grant is seen on a day, so a restart does not hand out a fresh quota).


// The last answer of dayOf and the instants it holds for: Intl formatting on every call showed in the profile.
let lastDay: { day: string; start: Date; from: number; to: number } | null = null;

/** The calendar day (Asia/Shanghai) of an instant, and the instant that day began. */
export function dayOf(now: Date): { day: string; start: Date } {
  const t = now.getTime();
  if (lastDay && t >= lastDay.from && t < lastDay.to) return { day: lastDay.day, start: lastDay.start };
  const day = shanghaiDate(now);
  const start = new Date(`${day}T00:00:00+08:00`);
  lastDay = { day, start, from: start.getTime(), to: start.getTime() + 86_400_000 }; // no DST in Asia/Shanghai
  return { day, start };
}

export function createLimits(deps: { now: () => Date; countToday: (grantId: string, since: Date) => Promise<number> }) {
  const buckets = new Map<string, { tokens: number; at: number; capacity: number }>();
  const used = new Map<string, number>();

  return {
    /** Takes one token from the grant's bucket; false when it is empty. */
    takeToken(grantId: string, perMinute: number): boolean {
      if (perMinute <= 0) return false;
      const now = deps.now().getTime();
      let b = buckets.get(grantId);
      if (!b || b.capacity !== perMinute) {
        b = { tokens: perMinute, at: now, capacity: perMinute };
        buckets.set(grantId, b);
      }
      b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) * perMinute) / 60_000);
      b.at = now;
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },

    /** Counts one call against today's quota; false (and nothing counted) when the quota is used up. */
    async takeQuota(grantId: string, daily: number): Promise<boolean> {
      const { day, start } = dayOf(deps.now());
      const key = `${grantId}|${day}`;
      let n = used.get(key);
      if (n === undefined) {
        if (used.size > 50_000) used.clear();
        n = await deps.countToday(grantId, start);
        n = Math.max(n, used.get(key) ?? 0);
      }
      if (n >= daily) {
        used.set(key, n);
        return false;
      }
      used.set(key, n + 1);
      return true;
    },
  };
}
