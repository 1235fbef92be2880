// `npm start`: read the environment and serve until told to stop.
import { loadConfig } from './config.ts';
import { startServer } from './server.ts';

const app = await startServer(loadConfig());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
