/** How often, and how many times, the status is read again after a request got no answer: every second, for a minute. */
const everyMs = 1000;
const times = 60;

/**
 * Calls `read` until it answers (a value, not undefined or a thrown network error), at most `times` times, or
 * until `signal` aborts; undefined if it never answered.
 */
export async function readUntilAnswered<T>(read: () => Promise<T | undefined>, signal: AbortSignal): Promise<T | undefined> {
  for (let attempt = 1; attempt <= times && !signal.aborted; attempt++) {
    try {
      const answer = await read();
      if (answer !== undefined) {
        return answer;
      }
    } catch {
      // Still unreachable (fetch throws on a network failure): ask again.
    }
    await new Promise((resolve) => window.setTimeout(resolve, everyMs));
  }
  return undefined;
}
