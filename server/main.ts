/** @module Entry point: `npm start` runs this after building the client. */
import { loadConfig } from './config';
import { createLogger } from './log';
import { startServer } from './server';

const config = loadConfig(process.env);
const log = createLogger(config.logLevel);
const running = await startServer(config, log);

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
