// @ts-check
/**
 * The benchmark's yardstick: a bare Fastify JSON echo from the project's own node_modules, in its
 * own process, with no logger, hooks or plugins. Every pipeline figure is reported as a ratio to
 * it, measured in the same run, so the ratio survives a slower or busier machine.
 * Prints `BENCH_PORT=<port>` when listening.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/echo', async (req) => req.body);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`BENCH_PORT=${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
