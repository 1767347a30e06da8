// The consumer app's compiled entry: `node dist/main.js` runs the whole flow once and exits.
import { runConsumerFlow } from './consumer.flow.js';

runConsumerFlow({ oneCopy: true }).then(
  (summary) => console.log(`consumer flow ok: ${summary}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
