// Progress for long work (uploads, batch onboarding): a bar on a terminal, nothing otherwise (so
// logs and the demo report stay clean and deterministic).
import cliProgress from "cli-progress";

export interface Progress {
  tick(note?: string): void;
  done(): void;
}

export function progress(total: number, label: string): Progress {
  if (!process.stderr.isTTY || total <= 1) return { tick: () => undefined, done: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {note}`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { note: "" });
  return {
    tick: (note = "") => bar.increment(1, { note }),
    done: () => bar.stop(),
  };
}
