// A one-line progress display for long runs (link checks, record fetches), on a TTY only (stderr):
// done/total, rate, ETA.
export class Progress {
  private done = 0;
  private started = Date.now();
  private lastDraw = 0;

  constructor(
    private total: number,
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private unit = 'links',
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true && this.total > 0;
  }

  /** More links to do: the total grows while sources are still being read. */
  queue(count = 1): void {
    this.total += count;
  }

  /** Where a run of known size stands (verify: each source's part in turn, `unit` its name). */
  set(done: number, total: number, unit: string): void {
    if (unit !== this.unit) this.started = Date.now(); // a new part: its own rate and ETA
    this.done = done;
    this.total = total;
    this.unit = unit;
    this.draw(true);
  }

  tick(): void {
    this.done++;
    this.draw(false);
  }

  private draw(always: boolean): void {
    const now = Date.now();
    if (this.enabled && (always || now - this.lastDraw > 100 || this.done === this.total)) {
      this.lastDraw = now;
      this.stream.write(`\r${this.line(now)}\u001b[K`);
    }
  }

  finish(): void {
    if (this.enabled) this.stream.write('\r\u001b[K');
  }

  line(now = Date.now()): string {
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = this.done / seconds;
    const eta = rate > 0 ? Math.round((this.total - this.done) / rate) : 0;
    const width = 24;
    const filled = Math.round((this.done / this.total) * width);
    const clock = `${Math.floor(eta / 60)}:${String(eta % 60).padStart(2, '0')}`;
    return `[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${this.done}/${this.total} ${this.unit}  ${rate.toFixed(1)}/s  ETA ${clock}`;
  }
}
