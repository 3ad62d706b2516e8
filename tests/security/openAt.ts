/**
 * Child process for the migration-race test: waits until the given instant (so several processes
 * open the file together), opens the reports store at `path`, and exits 0 — or prints the error
 * and exits 1.
 */
import { openReportStore } from '../../src/reports/index.ts';

const [path, at] = process.argv.slice(2);
while (Date.now() < Number(at)) {
  // Busy-wait: a timer's granularity would spread the four opens apart.
}
try {
  openReportStore({ path: path!, coordinators: ['console:admin'] }).close();
  process.exit(0);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
