/** @module Entry point: `npm start` runs this after building the client. */
import { loadConfig } from './config';
import { createLogger, errorSummary } from './log';
import { type RunningServer, startServer } from './server';

const config = loadConfig(process.env);
const log = createLogger(config.logLevel);
let running: RunningServer;
try {
  running = await startServer(config, log);
} catch (error) {
  // One readable line (e.g. another server already has DATA_DIR), not a stack trace.
  log.fatal({ err: errorSummary(error) }, 'the server could not start');
  process.exit(1);
}

// Print where to go, for the person who just typed `npm start`.
log.info({ address: running.url }, 'open this address in a browser');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
