/**
 * What a person's browser does with a sign-in page: loads it and follows its redirects (to the
 * loopback listener, for a sign-in with PKCE), and shows the last page. `open` returns at once,
 * as a spawned browser does; the visit goes on meanwhile and is recorded.
 */
export interface Visit {
  /** The address first opened. */
  opened: string;
  /** Where the redirects ended. */
  url: string;
  status: number;
  text: string;
}

export interface BrowserStandin {
  open: (url: string) => Promise<void>;
  visits: Visit[];
  /** Resolves once every visit so far has its page (or failed). */
  settled(): Promise<void>;
}

export function browserStandin(): BrowserStandin {
  const visits: Visit[] = [];
  const pending: Promise<void>[] = [];
  return {
    visits,
    open: async (url) => {
      pending.push(
        fetch(url, { redirect: 'follow' }).then(async (res) => void visits.push({ opened: url, url: res.url, status: res.status, text: await res.text() })),
      );
    },
    settled: async () => {
      await Promise.all(pending);
    },
  };
}
