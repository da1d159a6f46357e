// Orders the updates of one box (the common box, or one supergroup's or channel's): pure logic,
// no I/O. A port of the Java SDK's UpdateSequencer (client/), with the same rules:
// local + pts_count == pts applies; > is a duplicate (dropped); < is a gap, which waits in the
// buffer for gapWaitMs and then asks for a difference. While the pts is unknown or a difference
// is in flight, box updates are only buffered.

/** What the sequencer needs of an update. */
export interface BoxUpdate {
  pts: number;
  ptsCount: number;
  channelId: number;
  tooLong?: boolean;
}

export interface SequencerOutput<U extends BoxUpdate> {
  /** One update for the application; the local pts is now update.pts (box events). */
  deliver(update: U): void;
  /** The local pts moved to pts without a delivery (after a difference). */
  settled(pts: number): void;
  /** Fetch a difference from pts; answer with onDifference or onDifferenceFailed. */
  fetchDifference(pts: number): void;
  /** The box was too far behind to replay: reload dialogs and history. */
  reloadNeeded(): void;
}

export interface DifferenceResult<U extends BoxUpdate> {
  updates: U[];
  pts: number;
  slice: boolean;
  tooLong: boolean;
}

export const UNKNOWN = -1;

export class Sequencer<U extends BoxUpdate> {
  private readonly buffer = new Map<number, U>();
  private fetching = false;
  private gapDeadline = 0;
  private reached = 0;
  private reachedWhenFetched = 0;

  constructor(
    readonly channelId: number,
    private pts: number,
    private readonly out: SequencerOutput<U>,
    private readonly now: () => number,
    private readonly gapWaitMs: number,
  ) {}

  get localPts(): number {
    return this.pts;
  }

  get isFetching(): boolean {
    return this.fetching;
  }

  /** When tick should run next (now() scale), or 0 if no gap is pending. */
  get deadline(): number {
    return this.gapDeadline;
  }

  /** Sets the starting pts when it was unknown (from GetState), then applies what was buffered. */
  start(statePts: number): void {
    if (this.pts !== UNKNOWN) return;
    this.pts = statePts;
    this.out.settled(statePts);
    this.drain();
  }

  /** Live updates, or the synthesized event of one of the user's own requests. */
  offer(updates: U[]): void {
    for (const u of updates) {
      if (u.pts === 0 || u.channelId !== this.channelId) {
        if (u.tooLong) this.requestDifference();
        else this.out.deliver(u);
        continue;
      }
      if (!this.buffer.has(u.pts)) this.buffer.set(u.pts, u);
    }
    this.drain();
  }

  /** The box is known to reach target (an own request whose event cannot be built here). */
  reaches(target: number): void {
    if (target > this.reached) this.reached = target;
    this.drain();
  }

  /** Asks for a difference now (on connect, after too_long); no-op while one is in flight. */
  requestDifference(): void {
    if (this.pts === UNKNOWN || this.fetching) return;
    this.fetching = true;
    this.gapDeadline = 0;
    this.reachedWhenFetched = this.reached;
    this.out.fetchDifference(this.pts);
  }

  /** Runs a due gap timeout: the missing updates did not come, so fetch them. */
  tick(): void {
    if (this.gapDeadline !== 0 && this.now() >= this.gapDeadline) {
      this.gapDeadline = 0;
      this.requestDifference();
    }
  }

  onDifference(d: DifferenceResult<U>): void {
    for (const u of d.updates) {
      if (u.pts === 0 || u.channelId !== this.channelId) {
        this.out.deliver(u);
      } else if (u.pts > this.pts) {
        this.out.deliver(u);
        this.pts = u.pts;
      }
    }
    if (d.tooLong) {
      this.pts = d.pts;
      this.out.settled(this.pts);
      this.out.reloadNeeded();
    } else if (d.pts > this.pts) {
      this.pts = d.pts;
      this.out.settled(this.pts);
    }
    if (d.slice && !d.tooLong) {
      this.out.fetchDifference(this.pts);
      return;
    }
    this.fetching = false;
    if (this.reached <= Math.max(this.pts, this.reachedWhenFetched)) this.reached = 0;
    this.drain();
  }

  /** The difference request failed (connection lost): retried on the next connect or gap. */
  onDifferenceFailed(): void {
    this.fetching = false;
  }

  /** The pts values waiting for a gap to close (tests, diagnostics). */
  bufferedPts(): number[] {
    return [...this.buffer.keys()].sort((a, b) => a - b);
  }

  private drain(): void {
    if (this.pts === UNKNOWN || this.fetching) return;
    while (this.buffer.size > 0) {
      const first = Math.min(...this.buffer.keys());
      const u = this.buffer.get(first)!;
      const expected = this.pts + u.ptsCount;
      if (expected > u.pts) {
        this.buffer.delete(first); // already applied
      } else if (expected === u.pts) {
        this.buffer.delete(first);
        this.out.deliver(u);
        this.pts = u.pts;
      } else {
        this.armGap();
        return;
      }
    }
    if (this.reached > this.pts) this.armGap();
    else this.gapDeadline = 0;
  }

  private armGap(): void {
    if (this.gapDeadline === 0) this.gapDeadline = Math.max(1, this.now() + this.gapWaitMs);
  }
}
